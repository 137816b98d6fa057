import type { ZafMetadata, ZafRequestOptions } from '../../adapters/zendesk/zaf.types.js';
import { FakeZendeskSupport, type FakeZendeskFailure } from './fake-zaf-support.js';

/** How an injected fault behaves: an HTTP error (nothing stored), a request whose answer is lost after it was stored, or no answer at all. */
export type FakeZafFault =
  { readonly kind: 'status'; readonly status: number } | { readonly kind: 'lost-reply' } | { readonly kind: 'silent' };

/** What the app made Zendesk show. */
export type FakeZafView =
  | { readonly kind: 'route'; readonly target: string; readonly id: number }
  | { readonly kind: 'popover'; readonly action: string };

/** Support locations an app iframe can run in (those the softphone bridge uses). */
export type ZafLocation = 'top_bar' | 'ticket_sidebar' | 'background';

/**
 * One app instance (one iframe) as Zendesk tracks it. A wire host creates it for each iframe
 * whose real ZAF SDK completes the handshake.
 */
export interface FakeZafInstance {
  /** The instance guid: the `app_guid` Zendesk put in the iframe URL. */
  readonly guid: string;
  readonly location: ZafLocation;
  /** Events the instance subscribed to, with the subscriber count the SDK last reported (`iframe.on:` / `iframe.off:`). */
  readonly subscriptions: Map<string, number>;
  /** Sends a framework event (`zaf.<name>`) to the iframe. */
  deliver(name: string, data: unknown): void;
}

/** Which Zendesk the fake is: whether Talk Partner Edition is on, and where it fires `voice.dialout`. */
export interface FakeZendeskOptions {
  /**
   * `voice.dialout` fires only on accounts with Talk Partner Edition (vobiz-ai/Vobiz-Zendesk-Calling,
   * docs/architecture.md, "Click-to-dial"; Zendesk's own Talk Partner Edition guide is for
   * telephony integrations). Default true.
   */
  readonly talkPartnerEdition?: boolean;
  /**
   * The locations `voice.dialout` reaches. **Unverified**, and the public integrations disagree:
   * Vobiz documents that it "only reaches the `background` instance"
   * (vobiz-ai/Vobiz-Zendesk-Calling, docs/architecture.md and zendesk-app/assets/scripts/background.js,
   * manifest with a `background` location), while Brekeke subscribes in its top bar and ticket
   * sidebar and declares no background location (brekekesoftware/pbx-zendesk, src/index.ts and
   * public/manifest.json). Default `['background']`, the stricter reading; tests run both.
   */
  readonly dialoutLocations?: readonly ZafLocation[];
}

const ROUTE_TARGETS = new Set(['ticket', 'user', 'organization', 'nav_bar']);

/**
 * Zendesk Support's side of the Zendesk Apps framework, in front of {@link FakeZendeskSupport}.
 * It is reached only through a wire host that speaks the SDK's postMessage protocol to iframes
 * running the real `zendesk_app_framework_sdk`; no test hands this object to the adapter. Written
 * from the ZAF Client API reference (https://developer.zendesk.com/api-reference/apps/apps-core-api/client_api/)
 * and the SDK's source (zendesk_app_framework_sdk 2.0.11, lib/client.js):
 * - `request` resolves with the parsed JSON body or rejects with a jqXHR-like `{status,
 *   statusText, responseText}` (the SDK rejects with the first of `responseArgs`); only
 *   same-account `/api/v2/` URLs; a body must be a JSON string sent as `application/json`
 *   (jQuery would otherwise form-encode it and Zendesk would refuse);
 * - `invoke('routeTo', target, id)` accepts ticket, user, organization and nav_bar, and the
 *   record must exist; `invoke('popover', …)` works only from the `top_bar` location;
 * - the handshake is answered only once the app is registered ({@link register});
 * - `get('instances')` lists the app's instances by guid with their location (ZAF core API
 *   "instances"; read that way by vobiz-ai/Vobiz-Zendesk-Calling, zendesk-app/assets/scripts/background.js);
 * - `client.instance(guid).trigger(name, data)` delivers `name` to that instance (ZAF client
 *   API `instance` / `trigger`; the SDK posts `iframe.trigger:<name>` with the target's guid);
 * - `voice.dialout` goes only to subscribed instances in {@link FakeZendeskOptions.dialoutLocations},
 *   and only with Talk Partner Edition.
 */
export class FakeZendesk {
  readonly requests: { method: string; url: string }[] = [];
  readonly views: FakeZafView[] = [];
  readonly instances: FakeZafInstance[] = [];
  readonly talkPartnerEdition: boolean;
  readonly dialoutLocations: readonly ZafLocation[];
  #faults = new Map<string, FakeZafFault[]>();
  #registered: Promise<void>;
  #register!: () => void;

  constructor(
    readonly support: FakeZendeskSupport = new FakeZendeskSupport(),
    public settings: Record<string, unknown> = {},
    options: FakeZendeskOptions = {},
  ) {
    this.talkPartnerEdition = options.talkPartnerEdition ?? true;
    this.dialoutLocations = options.dialoutLocations ?? ['background'];
    this.#registered = new Promise((resolve) => (this.#register = resolve));
  }

  /** Zendesk answers app handshakes (`app.registered`); until then the SDK queues every call. */
  register(): this {
    this.#register();
    return this;
  }

  /** Resolves once the app is registered. */
  get registered(): Promise<void> {
    return this.#registered;
  }

  /** Makes the next `count` requests of `route` (`'POST /api/v2/tickets.json'`, `'PUT /api/v2/tickets/{id}.json'`) fail the given way. */
  inject(route: string, fault: FakeZafFault, count = 1): void {
    const list = this.#faults.get(route) ?? [];
    for (let i = 0; i < count; i += 1) list.push(fault);
    this.#faults.set(route, list);
  }

  /** The agent clicks a phone number in Zendesk. Returns the instances it reached. */
  dialout(number: string): FakeZafInstance[] {
    if (!this.talkPartnerEdition) return [];
    const reached = this.instances.filter(
      (i) => this.dialoutLocations.includes(i.location) && (i.subscriptions.get('voice.dialout') ?? 0) > 0,
    );
    for (const instance of reached) instance.deliver('voice.dialout', { number });
    return reached;
  }

  /** Subscribers to `name` across all instances, as the SDKs reported them. */
  handlers(name: string): number {
    return this.instances.reduce((sum, i) => sum + (i.subscriptions.get(name) ?? 0), 0);
  }

  /** `client.instance(guid).trigger(name, data)` from one instance: Zendesk delivers it to that instance. */
  trigger(targetGuid: string, name: string, data: unknown): void {
    this.instances.find((i) => i.guid === targetGuid)?.deliver(name, data);
  }

  /** What `client.get('instances')` answers: the app's instances by guid. */
  instancesJson(): Record<string, { instanceGuid: string; location: ZafLocation; product: 'support' }> {
    return Object.fromEntries(
      this.instances.map((i) => [i.guid, { instanceGuid: i.guid, location: i.location, product: 'support' as const }]),
    );
  }

  async metadata(): Promise<ZafMetadata> {
    await this.#registered;
    return { appId: 123, installationId: 456, settings: { ...this.settings } };
  }

  async request(options: ZafRequestOptions): Promise<unknown> {
    await this.#registered;
    if (typeof options !== 'object' || options === null || typeof options.url !== 'string')
      throw failure(400, 'url is required');
    const method = options.type ?? 'GET';
    const url = new URL(options.url, 'https://acme.zendesk.com');
    if (url.origin !== 'https://acme.zendesk.com' || !url.pathname.startsWith('/api/v2/'))
      throw failure(403, 'cross-domain requests need cors or a proxy');
    let body: unknown;
    if (method !== 'GET') {
      if (options.contentType !== 'application/json' || typeof options.data !== 'string')
        throw failure(400, 'expected a JSON string body sent as application/json');
      try {
        body = JSON.parse(options.data);
      } catch {
        throw failure(400, 'body is not JSON');
      }
    }
    this.requests.push({ method, url: `${url.pathname}${url.search}` });
    // A route names a path exactly, or with `{id}` for any record id ('PUT /api/v2/tickets/{id}.json').
    const fault =
      this.#faults.get(`${method} ${url.pathname}`)?.shift() ??
      this.#faults.get(`${method} ${url.pathname.replace(/\/\d+(?=[/.])/g, '/{id}')}`)?.shift();
    await new Promise((resolve) => setTimeout(resolve, 0));
    if (fault?.kind === 'silent') return new Promise(() => {});
    if (fault?.kind === 'status') throw failure(fault.status, 'injected');
    const [status, reply] = this.support.handle(method, url, body);
    if (fault?.kind === 'lost-reply') throw failure(0, 'connection reset'); // stored, but the answer never arrived
    if (status >= 400) throw failure(status, JSON.stringify(reply));
    return JSON.parse(JSON.stringify(reply)) as unknown;
  }

  /** `client.invoke(name, ...args)` from an instance in `location`. */
  async invoke(location: ZafLocation, name: string, ...args: unknown[]): Promise<unknown> {
    await this.#registered;
    if (name === 'popover') {
      if (location !== 'top_bar') throw new Error('"popover" is not a valid action in this location');
      if (args[0] !== 'show' && args[0] !== 'hide') throw new Error('popover takes "show" or "hide"');
      this.views.push({ kind: 'popover', action: args[0] });
      return {};
    }
    if (name === 'routeTo') {
      const [target, id] = args;
      if (typeof target !== 'string' || !ROUTE_TARGETS.has(target))
        throw new Error(`routeTo: unknown target ${String(target)}`);
      const numeric = Number(id);
      const exists =
        target === 'ticket'
          ? this.support.tickets.some((t) => t.id === numeric)
          : target === 'user'
            ? this.support.users.some((u) => u.id === numeric)
            : true;
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
