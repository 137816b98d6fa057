import type { Clock } from './clock.js';

/**
 * `work`, or `timeoutError()` when it has not settled within `ms` on `clock`. Vendor SDKs keep
 * callbacks forever and stay silent when they failed to start, so every wait on one is bounded;
 * each caller names its own error (a CRM write times out as `ADAPTER_TIMEOUT`, a connect as
 * `ADAPTER_CONNECT_FAILED`, a connector's vendor call as `CALLBACK_TIMEOUT`). A promise settles
 * once: an answer after the timeout, or a timeout after the answer, changes nothing, and the
 * timer is cleared as soon as `work` settles.
 *
 * @example
 * const matches = await withTimeout(sdk.search(number), 10_000, () => adapterTimeout('Acme search', 10_000), context.clock);
 */
export function withTimeout<T>(
  work: Promise<T>,
  ms: number,
  timeoutError: () => Error,
  clock: Pick<Clock, 'setTimeout' | 'clearTimeout'> = globalThis,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = clock.setTimeout(() => reject(timeoutError()), ms);
    const settle =
      <A>(then: (a: A) => void) =>
      (a: A) => {
        clock.clearTimeout(timer);
        then(a);
      };
    work.then(settle(resolve), settle(reject));
  });
}
