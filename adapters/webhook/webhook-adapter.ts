import {
  adapterTimeout,
  adapterWriteFailed,
  type AdapterConfig,
  type AdapterContext,
  type CallLogWrite,
  type CrmAdapter,
  type WriteReceipt,
} from '../../src/contract/index.js';
import { connection } from '../shared/connection.js';
import { receiptFrom } from './http-reply.js';
import { parseWebhookOptions, type WebhookAdapterOptions, type WebhookSettings } from './options.js';
import { IDEMPOTENCY_HEADER, SIGNATURE_HEADER, TIMESTAMP_HEADER, importSigningKey, signRequest } from './signature.js';
import { toPayload } from './to-payload.js';

/**
 * The webhook adapter: any CRM (or middleware) with an HTTP endpoint. Each call-log write is one
 * `POST` of a JSON body ({@link toPayload}) signed with HMAC-SHA256 over `"<timestamp>.<body>"`,
 * with the headers `X-SoftphoneBridge-Signature: sha256=<hex>`, `X-SoftphoneBridge-Timestamp`
 * and `Idempotency-Key: <conversationId>:callLog`. The receiver upserts by that key, so a retry
 * after a lost reply updates the same record; see `examples/webhook-receiver/`.
 *
 * Capabilities: call logs only. A webhook has no way back into the page, so there is no screen
 * pop, click-to-dial or presence.
 *
 * The secret is in the page: it proves a request came from this deployment of the softphone,
 * not from a given agent. Rotate it like any deployment credential.
 */
export function webhookAdapter(options: WebhookAdapterOptions): CrmAdapter {
  const live = connection<{ settings: WebhookSettings; key: CryptoKey; context: AdapterContext }>('webhook');
  const send: typeof fetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));

  const post = async (write: CallLogWrite, body: string, headers: Record<string, string>): Promise<Response> => {
    const { settings, context } = live.ready();
    const abort = new AbortController();
    let timedOut = false;
    const timer = context.clock.setTimeout(() => {
      timedOut = true;
      abort.abort();
    }, settings.timeoutMs);
    const stop = () => abort.abort();
    if (context.signal.aborted) stop();
    else context.signal.addEventListener('abort', stop, { once: true });
    try {
      // redirect: 'manual' keeps a signed body from following a redirect to another host.
      return await send(settings.url.href, {
        method: 'POST',
        headers,
        body,
        signal: abort.signal,
        redirect: 'manual',
        credentials: 'omit',
        cache: 'no-store',
      });
    } catch (cause) {
      const details = { key: write.key };
      if (timedOut) throw adapterTimeout('The webhook', settings.timeoutMs, { details, cause });
      throw adapterWriteFailed('The webhook could not be reached (network, CORS or TLS failure).', { details, cause });
    } finally {
      context.clock.clearTimeout(timer);
      context.signal.removeEventListener('abort', stop);
    }
  };

  return {
    name: 'webhook',

    async connect(context: AdapterContext): Promise<AdapterConfig> {
      const settings = parseWebhookOptions(options);
      const key = await importSigningKey(settings.secret);
      live.set({ settings, key, context });
      return {
        ...(settings.partnerConfig === undefined ? {} : { partnerConfig: settings.partnerConfig }),
        ...(settings.dispositions === undefined ? {} : { dispositions: settings.dispositions }),
      };
    },

    async disconnect() {
      live.clear();
    },

    async writeCallLog(write: CallLogWrite): Promise<WriteReceipt> {
      const { key, context } = live.ready();
      const body = JSON.stringify(toPayload(write));
      const timestamp = Math.floor(context.clock.now() / 1000);
      const headers = {
        'Content-Type': 'application/json',
        [SIGNATURE_HEADER]: await signRequest(key, timestamp, body),
        [TIMESTAMP_HEADER]: String(timestamp),
        [IDEMPOTENCY_HEADER]: write.key,
      };
      const response = await post(write, body, headers);
      context.logger.debug('webhook answered', { key: write.key, status: response.status, attempt: write.attempt });
      return receiptFrom(response, write.key);
    },
  };
}
