import {
  adapterTimeout,
  adapterWriteFailed,
  adapterWriteRefused,
  screenPopFailed,
  withTimeout,
  type BridgeError,
  type Clock,
  type Failure,
} from '../../src/contract/index.js';
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
  request<T>(
    type: NonNullable<ZafRequestOptions['type']>,
    url: string,
    body?: unknown,
    failure: Failure = adapterWriteFailed,
  ): Promise<T> {
    const options: ZafRequestOptions =
      body === undefined
        ? { url, type, dataType: 'json' }
        : { url, type, dataType: 'json', contentType: 'application/json', data: JSON.stringify(body) };
    return this.#timed(`${type} ${url.split('?')[0]}`, () => this.client.request(options), failure) as Promise<T>;
  }

  /** `client.invoke(name, ...args)`, timed. */
  invoke(name: string, args: readonly unknown[], failure: Failure = screenPopFailed): Promise<unknown> {
    return this.#timed(name, () => this.client.invoke(name, ...args), failure);
  }

  #timed(what: string, run: () => Promise<unknown>, failure: Failure): Promise<unknown> {
    const work = Promise.resolve()
      .then(run)
      .catch((cause: unknown) => {
        throw zendeskError(what, cause, failure);
      });
    return withTimeout(
      work,
      this.timeoutMs,
      () => adapterTimeout(`Zendesk ${what}`, this.timeoutMs, { details: { request: what } }),
      this.clock,
    );
  }
}

/**
 * 408, 429, 5xx and 0 (no answer) are worth retrying; other statuses are final. The response
 * text stays in `cause` only: Zendesk's validation messages can quote the ticket's content.
 */
function zendeskError(what: string, cause: unknown, failure: Failure): BridgeError {
  const status =
    typeof (cause as ZafRequestFailure | null)?.status === 'number' ? (cause as ZafRequestFailure).status : undefined;
  const retryable = status === undefined || status === 0 || status === 408 || status === 429 || status >= 500;
  const make = retryable || failure !== adapterWriteFailed ? failure : adapterWriteRefused;
  return make(`Zendesk refused ${what}${status === undefined ? '' : ` (HTTP ${status})`}.`, {
    details: { request: what, status: status ?? null },
    retryable,
    cause,
  });
}
