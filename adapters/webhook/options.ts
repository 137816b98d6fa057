import {
  configInvalid,
  isRecord,
  validateCallbackPayload,
  type DispositionEvent,
  type PartnerConfigEvent,
} from '../../src/contract/index.js';

/** What the page passes to {@link webhookAdapter}: where to POST, and the shared secret. */
export interface WebhookAdapterOptions {
  /** The endpoint. `https:` only, except `http://127.0.0.1`, `http://[::1]` and `http://localhost` for development. */
  readonly url: string;
  /** The HMAC-SHA256 key shared with the receiver; at least 32 characters. Never logged. */
  readonly secret: string;
  /** `fetch`, injected; default `globalThis.fetch`, looked up on every request. */
  readonly fetch?: typeof fetch;
  /** How long one POST may take before it is abandoned and retried. Default 10 s. */
  readonly timeoutMs?: number;
  /** Sent to the softphone as `partner_config` on load, when given. */
  readonly partnerConfig?: PartnerConfigEvent;
  /** Sent to the softphone as `disposition` on load, when given. */
  readonly dispositions?: readonly string[];
}

/** The options once checked: the URL parsed, the defaults applied. */
export interface WebhookSettings {
  readonly url: URL;
  readonly secret: string;
  readonly timeoutMs: number;
  readonly partnerConfig: PartnerConfigEvent | undefined;
  readonly dispositions: DispositionEvent | undefined;
}

/** Shorter secrets are guessable offline from one signed request; 32 characters is 128+ bits of a random string. */
const MIN_SECRET_LENGTH = 32;
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * Checks the options a page passed (often untyped, from a config object), or throws one
 * `CONFIG_INVALID` naming every option at fault in `details.keys`. Values are never echoed: the
 * URL may carry a token and the secret is a secret.
 */
export function parseWebhookOptions(raw: unknown): WebhookSettings {
  const options = isRecord(raw) ? raw : {};
  const keys: string[] = [];
  const problems: string[] = [];
  const problem = (key: string, text: string) => {
    keys.push(key);
    problems.push(`${key} ${text}`);
  };

  let url: URL | undefined;
  const urlText = options['url'];
  if (typeof urlText !== 'string' || urlText.trim() === '') problem('url', 'is required');
  else {
    try {
      url = new URL(urlText.trim());
    } catch {
      problem('url', 'is not an absolute URL');
    }
    if (url !== undefined) {
      const local = url.protocol === 'http:' && LOOPBACK.has(url.hostname);
      if (url.protocol !== 'https:' && !local)
        problem('url', 'must use https: (http: is allowed for 127.0.0.1, [::1] and localhost only)');
      else if (url.username !== '' || url.password !== '')
        problem('url', 'must not carry credentials; the signature authenticates the request');
    }
  }

  const secret = options['secret'];
  if (typeof secret !== 'string' || secret === '') problem('secret', 'is required');
  else if (secret.length < MIN_SECRET_LENGTH) problem('secret', `must be at least ${MIN_SECRET_LENGTH} characters`);

  const timeoutMs = options['timeoutMs'] ?? 10_000;
  if (typeof timeoutMs !== 'number' || !Number.isInteger(timeoutMs) || timeoutMs < 100 || timeoutMs > 120_000) {
    problem('timeoutMs', 'must be a whole number of milliseconds from 100 to 120000');
  }

  const fetchOption = options['fetch'];
  if (fetchOption !== undefined && typeof fetchOption !== 'function') problem('fetch', 'must be a function');

  let partnerConfig: PartnerConfigEvent | undefined;
  if (options['partnerConfig'] !== undefined) {
    const parsed = validateCallbackPayload('partner_config', options['partnerConfig']);
    if (parsed.success) partnerConfig = parsed.data;
    else problem('partnerConfig', 'needs partnerId, businessSegmentId and channelOriginId as non-empty text');
  }
  let dispositions: DispositionEvent | undefined;
  if (options['dispositions'] !== undefined) {
    const parsed = validateCallbackPayload('disposition', options['dispositions']);
    if (parsed.success) dispositions = parsed.data;
    else problem('dispositions', 'must be a list of codes of 1 to 255 characters');
  }

  if (problems.length > 0 || url === undefined) {
    throw configInvalid(keys, `Webhook adapter options: ${problems.join('; ')}.`);
  }
  return { url, secret: secret as string, timeoutMs: timeoutMs as number, partnerConfig, dispositions };
}
