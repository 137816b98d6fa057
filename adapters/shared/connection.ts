import { notConnected } from '../../src/contract/index.js';

/**
 * An adapter's connected state: what `connect()` set up (the vendor facade, the context, the
 * settings), held until `disconnect()`. Writes need it and fail without it; vendor events that
 * arrive while disconnected read it with {@link Connection.current} and are dropped.
 */
export interface Connection<T> {
  /** What `connect()` stored, or `undefined` while disconnected. */
  readonly current: T | undefined;
  /** What `connect()` stored; throws the adapter's "not connected" error while disconnected. */
  ready(): T;
  /** `connect()` succeeded: hold `value`. */
  set(value: T): void;
  /** `disconnect()`: forget the state, and return what was held (to release it), if anything. */
  clear(): T | undefined;
}

/**
 * The connected state of the adapter called `adapter` (as a sentence names it: "Salesforce",
 * "webhook"). A write before `connect()` or after `disconnect()` rejects with a retryable
 * `NOT_CONNECTED`, so that the outbox keeps it for when the adapter connects again.
 *
 * @example
 * const live = connection<{ api: Api; context: AdapterContext }>('Acme');
 * // connect: live.set({ api, context });  a write: const { api } = live.ready();  disconnect: live.clear();
 */
export function connection<T>(adapter: string): Connection<T> {
  let held: T | undefined;
  return {
    get current() {
      return held;
    },
    ready() {
      if (held === undefined) throw notConnected(`The ${adapter} adapter`);
      return held;
    },
    set(value) {
      held = value;
    },
    clear() {
      const was = held;
      held = undefined;
      return was;
    },
  };
}
