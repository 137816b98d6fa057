import {
  adapterTimeout,
  adapterWriteFailed,
  withTimeout,
  type BridgeError,
  type Clock,
  type Failure,
} from '../../src/contract/index.js';
import { finalRefusal, parseCifFailure } from './cif-failure.js';
import type { CifApi } from './cif.types.js';

type Method =
  | 'searchAndOpenRecords'
  | 'renderSearchPage'
  | 'createRecord'
  | 'updateRecord'
  | 'openForm'
  | 'setClickToAct'
  | 'setMode'
  | 'setWidth'
  | 'getEnvironment'
  | 'setPresence';

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

  /** Calls `method`; rejects with `ADAPTER_TIMEOUT`, or `failure` (final when Dynamics refused the request itself, see cif-failure.ts). */
  call<T>(method: Method, args: readonly unknown[], failure: Failure = adapterWriteFailed): Promise<T> {
    // A synchronous throw (CIF checks some arguments at once) is a refusal like a rejection.
    const work = new Promise<T>((resolve) =>
      resolve((this.api[method] as (...a: unknown[]) => Promise<T>).apply(this.api, [...args])),
    ).catch((cause: unknown) => {
      throw cifError(method, cause, failure);
    });
    return withTimeout(
      work,
      this.timeoutMs,
      () => adapterTimeout(`Dynamics ${method}`, this.timeoutMs, { details: { method } }),
      this.clock,
    );
  }

  /** {@link call}, then `JSON.parse` of the string CIF answers with. */
  async json(method: Method, args: readonly unknown[], failure: Failure = adapterWriteFailed): Promise<unknown> {
    const text = await this.call<unknown>(method, args, failure);
    if (typeof text !== 'string') return text; // tolerate a CIF build that answers objects
    try {
      return JSON.parse(text) as unknown;
    } catch (cause) {
      throw failure(`Dynamics answered ${method} with text that is not JSON.`, { details: { method }, cause });
    }
  }
}

/**
 * A BridgeError for a CIF rejection. Final (dead-lettered at once) when Dynamics refused the
 * request itself; retryable otherwise. The message names the method, the kind of refusal and at
 * most a schema name (attribute or navigation property), never Dynamics' text, which can quote
 * values: that stays in `cause` (the parsed {@link CifFailure}), which BridgeError's JSON leaves out.
 */
function cifError(method: string, cause: unknown, failure: Failure): BridgeError {
  const parsed = parseCifFailure(cause);
  const refusal = finalRefusal(parsed);
  const what =
    refusal === undefined ? '' : ` (${refusal.kind}${refusal.name === undefined ? '' : `: ${refusal.name}`})`;
  return failure(`Dynamics refused ${method}${what}.`, {
    details: {
      method,
      refusal: refusal?.kind ?? null,
      property: refusal?.name ?? null,
      errorCode: parsed.errorCode ?? null,
      errorType: parsed.errorType ?? null,
      sourceFunc: parsed.sourceFunc ?? null,
      status: parsed.status ?? null,
    },
    retryable: refusal === undefined,
    // An Error keeps its stack; CIF's JSON string becomes the parsed failure (its errorMsg readable).
    cause: cause instanceof Error || (parsed.errorMsg === undefined && parsed.errorCode === undefined) ? cause : parsed,
  });
}
