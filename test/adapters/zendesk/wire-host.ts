import type { FakeZafClient } from '../../fakes/fake-zaf.js';

/**
 * Plays Zendesk's side of the ZAF SDK's postMessage protocol for an app in `frame`, so that the
 * real `zendesk_app_framework_sdk` inside the built bundle talks to a {@link FakeZafClient}
 * (which holds the account and the product's rules): the handshake is answered with
 * `zaf.app.registered` and the app's metadata; `request:N` with `zaf.request:N.done` or `.fail`;
 * `invoke` by message id; product events go out as `zaf.<event>`. Messages are JSON strings.
 */
export class ZendeskWireHost {
  constructor(
    readonly zendesk: FakeZafClient,
    private readonly frame: HTMLIFrameElement,
  ) {
    window.addEventListener('message', this.#onMessage);
  }

  /** Zendesk fires `voice.dialout` at the app (the agent clicked a number). */
  dialout(number: string): void {
    this.#post({ key: 'zaf.voice.dialout', message: { number } });
  }

  dispose(): void {
    window.removeEventListener('message', this.#onMessage);
  }

  #post(message: unknown): void {
    this.frame.contentWindow?.postMessage(JSON.stringify(message), location.origin);
  }

  readonly #onMessage = (event: MessageEvent) => {
    if (event.source !== this.frame.contentWindow || typeof event.data !== 'string') return;
    const data = JSON.parse(event.data) as { key?: string; message?: unknown; id?: number; request?: string; params?: Record<string, unknown[]> };
    if (data.key === 'iframe.handshake') {
      void this.zendesk.metadata().then((metadata) => this.#post({ key: 'zaf.app.registered', message: { metadata, context: { product: 'support', location: this.zendesk.location, account: { subdomain: 'acme' } } } }));
    } else if (typeof data.key === 'string' && data.key.startsWith('request:')) {
      const key = data.key;
      this.zendesk.request(data.message as never).then(
        (body) => this.#post({ key: `zaf.${key}.done`, message: { responseArgs: [body, 'success', { status: 200 }] } }),
        (failure: unknown) => this.#post({ key: `zaf.${key}.fail`, message: { responseArgs: [failure] } }),
      );
    } else if (data.request === 'invoke' && data.params !== undefined) {
      const [name, args = []] = Object.entries(data.params)[0] ?? [];
      this.zendesk.invoke(String(name), ...args).then(
        (result) => this.#post({ id: data.id, result }),
        (error: unknown) => this.#post({ id: data.id, error: { name: 'Error', message: error instanceof Error ? error.message : String(error) } }),
      );
    }
    // `iframe.on:<event>` subscriptions need no answer.
  };
}
