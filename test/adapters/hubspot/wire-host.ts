import type { FakeHubSpot, FakeWidget } from '../../fakes/fake-hubspot.js';

/**
 * Plays HubSpot's side of the SDK's postMessage protocol for a widget in `frame`, so that the
 * real `@hubspot/calling-extensions-sdk` inside the built bundle talks to {@link FakeHubSpot}:
 * `SYNC` every 100 ms until `SYNC_ACK` (as HubSpot retries), then the widget's messages go to
 * the portal and its answers come back as `{ type, data, messageId }`.
 */
export class HubSpotWireHost {
  readonly #widget: FakeWidget;
  #timer: ReturnType<typeof setInterval> | undefined;
  #next = 1;

  constructor(
    readonly portal: FakeHubSpot,
    private readonly frame: HTMLIFrameElement,
  ) {
    this.#widget = { ready: false, deliver: (type, data) => this.#post({ type, data }) };
    portal.attach(this.#widget);
    window.addEventListener('message', this.#onMessage);
  }

  /** Starts the handshake. */
  sync(): void {
    this.#timer = setInterval(() => this.#post({ type: 'SYNC', portalId: this.portal.portalId, userId: 7, ownerId: 8, hostUrl: location.origin }), 100);
  }

  dispose(): void {
    clearInterval(this.#timer);
    window.removeEventListener('message', this.#onMessage);
  }

  #post(message: Record<string, unknown>): void {
    this.frame.contentWindow?.postMessage({ ...message, messageId: `host_${this.#next++}` }, location.origin);
  }

  readonly #onMessage = (event: MessageEvent) => {
    if (event.source !== this.frame.contentWindow || event.origin !== location.origin) return;
    const { type, data } = (event.data ?? {}) as { type?: string; data?: unknown };
    if (type === 'SYNC_ACK') {
      clearInterval(this.#timer);
      this.#widget.ready = true;
    } else if (typeof type === 'string' && type !== 'SYNC') this.portal.fromWidget(this.#widget, type, data);
  };
}
