/**
 * The subset of the Zendesk Apps framework client (`ZAFClient.init()` from
 * `zendesk_app_framework_sdk`) the adapter calls. The app runs in iframes of Zendesk Support
 * (the `top_bar` location for the softphone, `background` for the click-to-call relay); every
 * call crosses to Zendesk by postMessage.
 *
 * @see https://developer.zendesk.com/api-reference/apps/apps-core-api/client_api/
 */
export interface ZafClient {
  /** A Zendesk REST request made with the agent's session; resolves with the parsed JSON body. */
  request(options: ZafRequestOptions): Promise<unknown>;
  /** An action of the host UI: `routeTo`, `popover`... */
  invoke(name: string, ...args: unknown[]): Promise<unknown>;
  /** Subscribes to a framework or product event (`voice.dialout`...). */
  on(name: string, handler: (data: unknown) => void): void;
  off(name: string, handler: (data: unknown) => void): unknown;
  /** The installation: `settings` holds the app parameters the admin filled in. */
  metadata(): Promise<ZafMetadata>;
  /** Reads framework data by path (`instances`: the app's instances by guid, with their location). */
  get(path: string): Promise<unknown>;
  /** The client of another instance of the app, to `trigger` an event on it. */
  instance(guid: string): ZafClient;
  /** Fires an event on this instance (on another one through {@link instance}). */
  trigger(name: string, data?: unknown): void;
}

/** Options of {@link ZafClient.request} (jQuery-style, as ZAF forwards them). */
export interface ZafRequestOptions {
  readonly url: string;
  readonly type?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** `application/json` with `data` a JSON string; anything else is sent form-encoded. */
  readonly contentType?: string;
  readonly data?: string;
  readonly dataType?: 'json';
}

/** What `client.metadata()` resolves with. */
export interface ZafMetadata {
  readonly appId?: number;
  readonly installationId?: number;
  readonly settings?: Readonly<Record<string, unknown>>;
}

/** How a failed `client.request` rejects: the jqXHR-like response. */
export interface ZafRequestFailure {
  readonly status?: number;
  readonly statusText?: string;
  readonly responseText?: string;
}
