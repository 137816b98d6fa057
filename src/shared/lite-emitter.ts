/**
 * The part of eventemitter3's API the bridge offers, in a fraction of its size. The script-tag
 * bundles are built with this module in place of `eventemitter3` (rollup.config.mjs); the library
 * and the tests use eventemitter3 itself. test/shared/lite-emitter.test.ts runs the same scenarios
 * against both and requires the same calls, in the same order, with the same results. See
 * docs/decisions/0008-lite-emitter-in-bundles.md.
 *
 * Semantics kept from eventemitter3: listeners run in the order they were added, with `context`
 * (default: the emitter) as `this`; a listener added or removed while an event is being emitted
 * takes effect from the next emit; a `once` listener is removed before it runs.
 */

interface Listener {
  readonly fn: (...args: unknown[]) => unknown;
  readonly context: unknown;
  readonly once: boolean;
}

/** A drop-in for eventemitter3's `EventEmitter`, for the bundles. Types come from eventemitter3. */
export default class LiteEmitter {
  #events = new Map<unknown, readonly Listener[]>();

  /** The events that have listeners. */
  eventNames(): unknown[] {
    return [...this.#events.keys()];
  }

  /** The listener functions of `event`, in order. */
  listeners(event: unknown): unknown[] {
    return (this.#events.get(event) ?? []).map((listener) => listener.fn);
  }

  /** How many listeners `event` has. */
  listenerCount(event: unknown): number {
    return this.#events.get(event)?.length ?? 0;
  }

  /** Calls the listeners of `event` with `args`; true when there were any. */
  emit(event: unknown, ...args: unknown[]): boolean {
    const listeners = this.#events.get(event);
    if (listeners === undefined) return false;
    // Arrays are replaced, never changed in place, so this loop sees the list as it was.
    for (const listener of listeners) {
      if (listener.once) this.removeListener(event, listener.fn, undefined, true);
      listener.fn.apply(listener.context, args);
    }
    return true;
  }

  /** Adds a listener. */
  on(event: unknown, fn: (...args: unknown[]) => unknown, context?: unknown): this {
    return this.#add(event, fn, context, false);
  }

  /** Adds a listener that is removed after its first call. */
  once(event: unknown, fn: (...args: unknown[]) => unknown, context?: unknown): this {
    return this.#add(event, fn, context, true);
  }

  /** Removes the matching listeners of `event`, or all of them when `fn` is not given. */
  removeListener(event: unknown, fn?: (...args: unknown[]) => unknown, context?: unknown, once?: boolean): this {
    const listeners = this.#events.get(event);
    if (listeners === undefined) return this;
    // Truthiness, not undefined checks, as in eventemitter3.
    const kept = fn ? listeners.filter((l) => l.fn !== fn || (once && !l.once) || (context && l.context !== context)) : [];
    if (kept.length === 0) this.#events.delete(event);
    else this.#events.set(event, kept);
    return this;
  }

  /** Same as `on`. */
  addListener(event: unknown, fn: (...args: unknown[]) => unknown, context?: unknown): this {
    return this.on(event, fn, context);
  }

  /** Same as `removeListener`. */
  off(event: unknown, fn?: (...args: unknown[]) => unknown, context?: unknown, once?: boolean): this {
    return this.removeListener(event, fn, context, once);
  }

  /** Removes every listener of `event`, or of every event. */
  removeAllListeners(event?: unknown): this {
    if (event === undefined) this.#events.clear();
    else this.#events.delete(event);
    return this;
  }

  #add(event: unknown, fn: (...args: unknown[]) => unknown, context: unknown, once: boolean): this {
    if (typeof fn !== 'function') throw new TypeError('The listener must be a function');
    this.#events.set(event, [...(this.#events.get(event) ?? []), { fn, context: context || this, once }]);
    return this;
  }
}
