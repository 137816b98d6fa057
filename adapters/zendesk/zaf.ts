import { BridgeError, withTimeout, type BridgeErrorCode, type Clock } from '../../src/contract/index.js';
import type { ZafClient, ZafRequestFailure, ZafRequestOptions } from './zaf.types.js';

/**
 * A facade over the ZAF client: the only code that calls it. It adds a timeout to requests and
 * invocations (a request has none of its own, and nothing answers when the app runs outside
 * Zendesk) and turns failures into BridgeErrors by HTTP status.
 */
export class Zaf {
  constructor(
    readonly client: ZafClient,
    private readonly clock: Clock,
    private readonly timeoutMs: number,
  ) {}

  /** A JSON request to the Zendesk API: `GET` without a body, others with `body` as JSON. */
  request<T>(type: NonNullable<ZafRequestOptions['type']>, url: string, body?: unknown, failure: BridgeErrorCode = 'ADAPTER_WRITE_FAILED'): Promise<T> {
    const options: ZafRequestOptions = body === undefined ? { url, type, dataType: 'json' } : { url, type, dataType: 'json', contentType: 'application/json', data: JSON.stringify(body) };
    return this.#timed(`${type} ${url.split('?')[0]}`, () => this.client.request(options), failure) as Promise<T>;
  }

  /** `client.invoke(name, ...args)`, timed. */
  invoke(name: string, args: readonly unknown[], failure: BridgeErrorCode = 'SCREEN_POP_FAILED'): Promise<unknown> {
    return this.#timed(name, () => this.client.invoke(name, ...args), failure);
  }

  #timed(what: string, run: () => Promise<unknown>, failure: BridgeErrorCode): Promise<unknown> {
    const work = Promise.resolve()
      .then(run)
      .catch((cause: unknown) => {
        throw zendeskError(what, cause, failure);
      });
    return withTimeout(work, this.timeoutMs, () => new BridgeError('ADAPTER_TIMEOUT', `Zendesk did not answer ${what} within ${this.timeoutMs} ms.`, { details: { request: what, timeoutMs: this.timeoutMs } }), this.clock);
  }
}

/**
 * 408, 429, 5xx and 0 (no answer) are worth retrying; other statuses are final. The response
 * text stays in `cause` only: Zendesk's validation messages can quote the ticket's content.
 */
function zendeskError(what: string, cause: unknown, failure: BridgeErrorCode): BridgeError {
  const status = typeof (cause as ZafRequestFailure | null)?.status === 'number' ? (cause as ZafRequestFailure).status : undefined;
  const retryable = status === undefined || status === 0 || status === 408 || status === 429 || status >= 500;
  const code: BridgeErrorCode = retryable || failure !== 'ADAPTER_WRITE_FAILED' ? failure : 'ADAPTER_WRITE_REFUSED';
  return new BridgeError(code, `Zendesk refused ${what}${status === undefined ? '' : ` (HTTP ${status})`}.`, { details: { request: what, status: status ?? null }, retryable, cause });
}
