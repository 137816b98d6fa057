import { BridgeError, type BridgeErrorCode, type Clock } from '../../src/contract/index.js';
import type { CifApi } from './cif.types.js';

type Method = 'searchAndOpenRecords' | 'renderSearchPage' | 'createRecord' | 'updateRecord' | 'openForm' | 'setClickToAct' | 'setMode' | 'setWidth' | 'getEnvironment' | 'setPresence';

/**
 * A facade over `Microsoft.CIFramework`: the only code that calls it. It adds a timeout to every
 * call (CIF's own is 10 s in 1.0 and does not always settle the promise), turns failures into
 * BridgeErrors, and parses the JSON strings CIF answers with.
 */
export class Cif {
  constructor(
    readonly api: CifApi,
    private readonly clock: Clock,
    private readonly timeoutMs: number,
  ) {}

  /** Calls `method`; rejects with `ADAPTER_TIMEOUT`, or `failure` (retryable unless CIF reports a 4xx). */
  call<T>(method: Method, args: readonly unknown[], failure: BridgeErrorCode = 'ADAPTER_WRITE_FAILED'): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      let settled = false;
      const timer = this.clock.setTimeout(() => {
        if (settled) return;
        settled = true;
        reject(new BridgeError('ADAPTER_TIMEOUT', `Dynamics did not answer ${method} within ${this.timeoutMs} ms.`, { details: { method, timeoutMs: this.timeoutMs } }));
      }, this.timeoutMs);
      const settle = (fn: () => void) => {
        if (settled) return;
        settled = true;
        this.clock.clearTimeout(timer);
        fn();
      };
      try {
        const fn = this.api[method] as (...a: unknown[]) => Promise<T>;
        Promise.resolve(fn.apply(this.api, [...args])).then(
          (value) => settle(() => resolve(value)),
          (cause: unknown) => settle(() => reject(cifError(method, cause, failure))),
        );
      } catch (cause) {
        settle(() => reject(cifError(method, cause, failure)));
      }
    });
  }

  /** {@link call}, then `JSON.parse` of the string CIF answers with. */
  async json(method: Method, args: readonly unknown[], failure: BridgeErrorCode = 'ADAPTER_WRITE_FAILED'): Promise<unknown> {
    const text = await this.call<unknown>(method, args, failure);
    if (typeof text !== 'string') return text; // tolerate a CIF build that answers objects
    try {
      return JSON.parse(text) as unknown;
    } catch (cause) {
      throw new BridgeError(failure, `Dynamics answered ${method} with text that is not JSON.`, { details: { method }, cause });
    }
  }
}

/**
 * The HTTP status a CIF rejection carries, when it carries one. CIF passes Web API failures
 * through without a documented shape; `status`, `errorCode` (when HTTP-like) and `httpStatusCode`
 * are the names seen in the wild.
 */
function statusOf(cause: unknown): number | undefined {
  if (typeof cause !== 'object' || cause === null) return undefined;
  const c = cause as Record<string, unknown>;
  for (const field of ['status', 'httpStatusCode', 'errorCode']) {
    const value = c[field];
    if (typeof value === 'number' && value >= 100 && value < 600) return value;
  }
  return undefined;
}

function cifError(method: string, cause: unknown, failure: BridgeErrorCode): BridgeError {
  const status = statusOf(cause);
  // A 4xx other than 408/429 is the Web API saying the request itself is wrong: no retry fixes it.
  const final = status !== undefined && status >= 400 && status < 500 && status !== 408 && status !== 429;
  // CIF's messages can quote attribute values; only the method and status travel in the message.
  return new BridgeError(failure, `Dynamics refused ${method}${status === undefined ? '' : ` (HTTP ${status})`}.`, {
    details: { method, status: status ?? null },
    retryable: !final,
    cause,
  });
}
