import type { ZafClient, ZafMetadata, ZafRequestOptions } from '../../adapters/zendesk/zaf.types.js';
import { FakeZendeskSupport, type FakeZendeskFailure } from './fake-zaf-support.js';

/** How an injected fault behaves: an HTTP error (nothing stored), a request whose answer is lost after it was stored, or no answer at all. */
export type FakeZafFault = { readonly kind: 'status'; readonly status: number } | { readonly kind: 'lost-reply' } | { readonly kind: 'silent' };

/** What the app made Zendesk show. */
export type FakeZafView = { readonly kind: 'route'; readonly target: string; readonly id: number } | { readonly kind: 'popover'; readonly action: string };

const ROUTE_TARGETS = new Set(['ticket', 'user', 'organization', 'nav_bar']);

/**
 * A fake of the ZAF client an app gets from `ZAFClient.init()`, written from the ZAF Client API
 * reference and the SDK's behaviour, in front of {@link FakeZendeskSupport}:
 * - `request` resolves with the parsed JSON body or rejects with a jqXHR-like `{status,
 *   statusText, responseText}`; only same-account `/api/v2/` URLs; a body must be a JSON string
 *   sent as `application/json` (jQuery would otherwise form-encode it and Zendesk would refuse);
 * - `invoke('routeTo', target, id)` accepts ticket, user, organization and nav_bar, and the
 *   record must exist; `invoke('popover', …)` works only in the `top_bar` location;
 * - `metadata()` resolves only once the app is registered ({@link register});
 * - events are delivered to `on` handlers ({@link dialout} plays `voice.dialout`).
 */
export class FakeZafClient implements ZafClient {
  readonly requests: { method: string; url: string }[] = [];
  readonly views: FakeZafView[] = [];
  #handlers = new Map<string, ((data: unknown) => void)[]>();
  #faults = new Map<string, FakeZafFault[]>();
  #registered: Promise<void>;
  #register!: () => void;

  constructor(
    readonly support: FakeZendeskSupport = new FakeZendeskSupport(),
    public settings: Record<string, unknown> = {},
    readonly location: 'top_bar' | 'ticket_sidebar' | 'background' = 'top_bar',
  ) {
    this.#registered = new Promise((resolve) => (this.#register = resolve));
  }

  /** Zendesk answers the handshake (`app.registered`). */
  register(): this {
    this.#register();
    return this;
  }

  /** Makes the next `count` requests of `route` (`'POST /api/v2/tickets.json'`, `'PUT /api/v2/tickets/{id}.json'`) fail the given way. */
  inject(route: string, fault: FakeZafFault, count = 1): void {
    const list = this.#faults.get(route) ?? [];
    for (let i = 0; i < count; i += 1) list.push(fault);
    this.#faults.set(route, list);
  }

  /** The agent clicks a phone number in Zendesk (Talk Partner Edition's click-to-call). */
  dialout(number: string): void {
    for (const handler of this.#handlers.get('voice.dialout') ?? []) handler({ number });
  }

  /** Handlers subscribed to `name`. */
  handlers(name: string): number {
    return this.#handlers.get(name)?.length ?? 0;
  }

  async metadata(): Promise<ZafMetadata> {
    await this.#registered;
    return { appId: 123, installationId: 456, settings: { ...this.settings } };
  }

  on(name: string, handler: (data: unknown) => void): void {
    if (typeof handler === 'function') this.#handlers.set(name, [...(this.#handlers.get(name) ?? []), handler]);
  }

  off(name: string, handler: (data: unknown) => void): unknown {
    this.#handlers.set(name, (this.#handlers.get(name) ?? []).filter((h) => h !== handler));
    return handler;
  }

  async request(options: ZafRequestOptions): Promise<unknown> {
    await this.#registered;
    if (typeof options !== 'object' || options === null || typeof options.url !== 'string') throw failure(400, 'url is required');
    const method = options.type ?? 'GET';
    const url = new URL(options.url, 'https://acme.zendesk.com');
    if (url.origin !== 'https://acme.zendesk.com' || !url.pathname.startsWith('/api/v2/')) throw failure(403, 'cross-domain requests need cors or a proxy');
    let body: unknown;
    if (method !== 'GET') {
      if (options.contentType !== 'application/json' || typeof options.data !== 'string') throw failure(400, 'expected a JSON string body sent as application/json');
      try {
        body = JSON.parse(options.data);
      } catch {
        throw failure(400, 'body is not JSON');
      }
    }
    this.requests.push({ method, url: `${url.pathname}${url.search}` });
    // A route names a path exactly, or with `{id}` for any record id ('PUT /api/v2/tickets/{id}.json').
    const fault = this.#faults.get(`${method} ${url.pathname}`)?.shift() ?? this.#faults.get(`${method} ${url.pathname.replace(/\/\d+(?=[/.])/g, '/{id}')}`)?.shift();
    await new Promise((resolve) => setTimeout(resolve, 0));
    if (fault?.kind === 'silent') return new Promise(() => {});
    if (fault?.kind === 'status') throw failure(fault.status, 'injected');
    const [status, reply] = this.support.handle(method, url, body);
    if (fault?.kind === 'lost-reply') throw failure(0, 'connection reset'); // stored, but the answer never arrived
    if (status >= 400) throw failure(status, JSON.stringify(reply));
    return JSON.parse(JSON.stringify(reply)) as unknown;
  }

  async invoke(name: string, ...args: unknown[]): Promise<unknown> {
    await this.#registered;
    if (name === 'popover') {
      if (this.location !== 'top_bar') throw new Error('"popover" is not a valid action in this location');
      if (args[0] !== 'show' && args[0] !== 'hide') throw new Error('popover takes "show" or "hide"');
      this.views.push({ kind: 'popover', action: args[0] });
      return {};
    }
    if (name === 'routeTo') {
      const [target, id] = args;
      if (typeof target !== 'string' || !ROUTE_TARGETS.has(target)) throw new Error(`routeTo: unknown target ${String(target)}`);
      const numeric = Number(id);
      const exists = target === 'ticket' ? this.support.tickets.some((t) => t.id === numeric) : target === 'user' ? this.support.users.some((u) => u.id === numeric) : true;
      if (!exists) throw new Error(`routeTo: no ${target} ${String(id)}`);
      this.views.push({ kind: 'route', target, id: numeric });
      return {};
    }
    throw new Error(`"${name}" is not a valid action`);
  }
}

function failure(status: number, responseText: string): FakeZendeskFailure {
  return { status, statusText: status === 0 ? 'error' : 'Error', responseText };
}
