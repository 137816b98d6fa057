import {
  adapterTimeout,
  adapterWriteFailed,
  adapterWriteRefused,
  withTimeout,
  type BridgeError,
  type Clock,
  type Failure,
} from '../../src/contract/index.js';
import type { OpenCtiApi, OpenCtiCallMethod, OpenCtiResponse } from './open-cti.types.js';

/** Open CTI error codes that no retry can fix. */
const FINAL_CODES = new Set([
  'INVALID_PARAM',
  'FIELD_CUSTOM_VALIDATION_EXCEPTION',
  'INVALID_FIELD',
  'REQUIRED_FIELD_MISSING',
  'INSUFFICIENT_ACCESS',
]);

/**
 * A promise-based facade over `sforce.opencti`: the only code that calls it. It adds what the
 * script lacks: a timeout on every callback (the script keeps callbacks forever and stays silent
 * when it failed to initialise), and errors as BridgeErrors.
 */
export interface OpenCti {
  /** The script's `sforce.opencti`, for its constants (`SCREENPOP_TYPE`, `CALL_TYPE`). */
  readonly api: OpenCtiApi;
  /**
   * Calls `method` with `args` plus a callback; resolves with `returnValue`. Rejects with
   * `ADAPTER_TIMEOUT` when no answer comes, or `failure` (retryable unless Salesforce says the
   * input is wrong) when the answer is an error.
   */
  call(method: OpenCtiCallMethod, args: Record<string, unknown>, failure?: Failure): Promise<unknown>;
  /** Registers a listener (`onClickToDial`, `onNavigationChange`). */
  listen(method: 'onClickToDial' | 'onNavigationChange', listener: (payload: unknown) => void): void;
}

/** The {@link OpenCti} facade over `api`, waiting `timeoutMs` on `clock` for every callback. */
export function createOpenCti(api: OpenCtiApi, clock: Clock, timeoutMs: number): OpenCti {
  return {
    api,
    call: (method, args, failure = adapterWriteFailed) =>
      withTimeout(
        new Promise((resolve, reject) => {
          const callback = (response: OpenCtiResponse) =>
            response?.success === true
              ? resolve(response.returnValue)
              : reject(responseError(method, response, failure));
          try {
            (api[method] as (a: object) => void)({ ...args, callback });
          } catch (cause) {
            // The script validates arguments synchronously and throws; nothing was sent.
            reject(adapterWriteRefused(`Open CTI refused the arguments of ${method}.`, { details: { method }, cause }));
          }
        }),
        timeoutMs,
        () => adapterTimeout(`Salesforce ${method}`, timeoutMs, { details: { method } }),
        clock,
      ),
    listen: (method, listener) => api[method]({ listener }),
  };
}

function responseError(method: string, response: OpenCtiResponse | undefined, failure: Failure): BridgeError {
  const first = response?.errors?.[0];
  const code = typeof first?.code === 'string' ? first.code : 'UNKNOWN';
  // Salesforce's descriptions can quote field values; only the code travels in the message.
  return failure(`Salesforce refused ${method} (${code}).`, {
    details: { method, salesforceCode: code },
    retryable: !FINAL_CODES.has(code),
    cause: response?.errors,
  });
}
