import type { FakeZafInstance, FakeZendesk, ZafLocation } from '../../fakes/fake-zaf.js';
import { openBundleFrame, type BundleWindow } from '../bundle-frame.js';

/** The app page with the real ZAF SDK only (`window.zafClient = ZAFClient.init()`). */
export const SDK_PAGE = '/test/adapters/zendesk/fixtures/sdk.html';

/**
 * Plays Zendesk's side of the ZAF SDK's postMessage protocol for app iframes, so that the real
 * `zendesk_app_framework_sdk` (in the built bundle, or alone on {@link SDK_PAGE}) talks to a
 * {@link FakeZendesk}. The protocol is the SDK's own (zendesk_app_framework_sdk 2.0.11,
 * lib/client.js): messages are JSON strings; the handshake (`iframe.handshake`) is answered with
 * `zaf.app.registered` `{metadata, context}`; `request:N` with `zaf.request:N.done` /
 * `.fail` carrying `responseArgs`; `get` and `invoke` by message id with `{id, result}` or
 * `{id, error}`; `iframe.on:` / `iframe.off:` report subscriber counts; `iframe.trigger:<name>`
 * is delivered to the instance whose guid it names; product events go out as `zaf.<event>`.
 * Each iframe is one app instance with its own guid and location. `frameOrigin` is where the app
 * iframes are served from, this page's origin by default; apps served from another site (as
 * Zendesk serves apps from its app domain) get their exact origin, never '*'.
 */
export class ZendeskWireHost {
  readonly #apps = new Map<Window, { frame: HTMLIFrameElement; instance: FakeZafInstance }>();
  #next = 1;

  constructor(
    readonly zendesk: FakeZendesk,
    private readonly frameOrigin: string = location_.origin,
  ) {
    window.addEventListener('message', this.#onMessage);
  }

  /**
   * Adds `frame` (not yet loaded) as an app instance in `location`, and returns the query Zendesk
   * puts on the app URL (`origin`, `app_guid`).
   */
  adopt(frame: HTMLIFrameElement, location: ZafLocation): Record<string, string> {
    const guid = `instance-${this.#next++}-${Math.random().toString(36).slice(2, 8)}`;
    const instance: FakeZafInstance = {
      guid,
      location,
      subscriptions: new Map(),
      deliver: (name, data) => this.#post(frame, { key: `zaf.${name}`, message: data }),
    };
    // contentWindow exists once the frame is in the document; register it then.
    queueMicrotask(() => {
      if (frame.contentWindow !== null) this.#apps.set(frame.contentWindow, { frame, instance });
    });
    this.zendesk.instances.push(instance);
    return { origin: location_.origin, app_guid: guid };
  }

  /** Opens `page` as an app instance in `location`; resolves once its script ran. */
  async open<W extends BundleWindow>(
    location: ZafLocation,
    page = SDK_PAGE,
  ): Promise<{ frame: HTMLIFrameElement; win: W; instance: FakeZafInstance }> {
    let instance: FakeZafInstance | undefined;
    const query: Record<string, string> = {};
    const { frame, win } = await openBundleFrame<W>(page, query, (f) => {
      Object.assign(query, this.adopt(f, location));
      instance = this.zendesk.instances[this.zendesk.instances.length - 1];
      f.src = `${page}?${new URLSearchParams(query).toString()}`;
    });
    return { frame, win, instance: instance as FakeZafInstance };
  }

  /** Removes every app iframe and stops answering. */
  dispose(): void {
    window.removeEventListener('message', this.#onMessage);
    for (const { frame, instance } of this.#apps.values()) {
      frame.remove();
      this.zendesk.instances.splice(this.zendesk.instances.indexOf(instance), 1);
    }
    this.#apps.clear();
  }

  #post(frame: HTMLIFrameElement, message: unknown): void {
    frame.contentWindow?.postMessage(JSON.stringify(message), this.frameOrigin);
  }

  readonly #onMessage = (event: MessageEvent) => {
    const app = event.source === null ? undefined : this.#apps.get(event.source as Window);
    if (app === undefined || event.origin !== this.frameOrigin || typeof event.data !== 'string') return;
    const { frame, instance } = app;
    const data = JSON.parse(event.data) as {
      key?: string;
      message?: unknown;
      id?: number;
      request?: string;
      params?: unknown;
      instanceGuid?: string;
    };
    const key = data.key ?? '';
    const reply = (id: number | undefined, work: Promise<unknown>) =>
      work.then(
        (result) => this.#post(frame, { id, result }),
        (error: unknown) =>
          this.#post(frame, {
            id,
            error: { name: 'Error', message: error instanceof Error ? error.message : String(error) },
          }),
      );
    if (key === 'iframe.handshake') {
      void this.zendesk.metadata().then((metadata) =>
        this.#post(frame, {
          key: 'zaf.app.registered',
          message: {
            metadata,
            context: {
              product: 'support',
              location: instance.location,
              instanceGuid: instance.guid,
              account: { subdomain: 'acme' },
            },
          },
        }),
      );
    } else if (key.startsWith('request:')) {
      this.zendesk.request(data.message as never).then(
        (body) =>
          this.#post(frame, { key: `zaf.${key}.done`, message: { responseArgs: [body, 'success', { status: 200 }] } }),
        (failure: unknown) => this.#post(frame, { key: `zaf.${key}.fail`, message: { responseArgs: [failure] } }),
      );
    } else if (key.startsWith('iframe.on:') || key.startsWith('iframe.off:')) {
      const name = key.slice(key.indexOf(':') + 1);
      instance.subscriptions.set(
        name,
        Number((data.message as { subscriberCount?: number } | undefined)?.subscriberCount ?? 0),
      );
    } else if (key.startsWith('iframe.trigger:')) {
      this.zendesk.trigger(data.instanceGuid ?? instance.guid, key.slice('iframe.trigger:'.length), data.message);
    } else if (data.request === 'invoke' && typeof data.params === 'object' && data.params !== null) {
      const [name, args = []] = Object.entries(data.params as Record<string, unknown[]>)[0] ?? [];
      // An instance client (`client.instance(guid).invoke`) names its target instance; the
      // action runs there, and the answer goes back to the iframe that asked.
      const target = this.zendesk.instances.find((i) => i.guid === data.instanceGuid) ?? instance;
      void reply(data.id, this.zendesk.invoke(target.location, String(name), ...args));
    } else if (data.request === 'get' && Array.isArray(data.params)) {
      const paths = data.params as string[];
      const answer: Record<string, unknown> = {};
      const errors: Record<string, unknown> = {};
      for (const path of paths) {
        if (path === 'instances') answer[path] = this.zendesk.instancesJson();
        else errors[path] = { name: 'Error', message: `the fake has no data for ${path}` };
      }
      void reply(data.id, Promise.resolve(Object.keys(errors).length === 0 ? answer : { ...answer, errors }));
    }
  };
}

/** The page's location (named so that it does not clash with the ZAF location strings above). */
const location_ = window.location;
