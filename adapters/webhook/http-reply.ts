import { adapterWriteFailed, adapterWriteRefused, type WriteReceipt } from '../../src/contract/index.js';

/** Statuses that say "try again later": the request timed out, was throttled, or the server failed. */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 429 || status >= 500;
}

/**
 * Turns the receiver's reply into a receipt, or a BridgeError the outbox understands:
 * - 2xx: the write is confirmed; the record id is `recordId` (or `id`) of a JSON reply when the
 *   receiver sent one, otherwise the idempotency key itself (the receiver's upsert key).
 * - 408, 429, 5xx: `ADAPTER_WRITE_FAILED`, retried with backoff.
 * - any other status (4xx, or a redirect, which `redirect: 'manual'` surfaces as status 0):
 *   `ADAPTER_WRITE_REFUSED`, dead-lettered at once, since resending the same body cannot help.
 *
 * The reply body is never put into the error: a receiver may echo the payload.
 */
export async function receiptFrom(response: Response, key: string): Promise<WriteReceipt> {
  const { status } = response;
  if (status >= 200 && status < 300) {
    const recordId = await recordIdOf(response);
    return { recordId: recordId ?? key, recordType: 'webhook' };
  }
  const details = { key, status };
  if (isRetryableStatus(status)) {
    return Promise.reject(
      adapterWriteFailed(`The webhook answered HTTP ${status}; the write will be retried.`, { details }),
    );
  }
  const why =
    response.type === 'opaqueredirect' ? 'redirected the request (configure the final URL)' : `answered HTTP ${status}`;
  return Promise.reject(adapterWriteRefused(`The webhook ${why}; the write is not retried.`, { details }));
}

async function recordIdOf(response: Response): Promise<string | undefined> {
  if (!/^application\/([\w.+-]+\+)?json\b/i.test(response.headers.get('Content-Type') ?? '')) return undefined;
  try {
    const reply = (await response.json()) as Record<string, unknown> | null;
    for (const field of ['recordId', 'id']) {
      const value = reply?.[field];
      if (typeof value === 'string' && value !== '' && value.length <= 256) return value;
      if (typeof value === 'number' && Number.isSafeInteger(value)) return String(value);
    }
  } catch {
    // A 2xx with a broken JSON body still confirms the write; the key stands in as the record id.
  }
  return undefined;
}
