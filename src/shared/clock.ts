/**
 * Time, injected. The bridge never calls `Date.now` or `setTimeout` directly, so tests can run
 * hours of backoff in milliseconds with sinon's fake timers or a hand-made clock.
 */
export interface Clock {
  /** Epoch milliseconds. */
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/**
 * The page's clock. Globals are looked up on every call, not captured, so that
 * `sinon.useFakeTimers()` installed after the bridge was created still takes effect.
 */
export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => globalThis.setTimeout(callback, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof setTimeout>),
};
