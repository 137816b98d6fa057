/**
 * The part of eventemitter3's API the bridge offers, in a fraction of its size: the bridge's one
 * emitter, in the library and in every bundle alike. test/shared/lite-emitter.test.ts runs the
 * same scenarios against it and eventemitter3 and requires the same calls, in the same order, with
 * the same results. See docs/decisions/0008-lite-emitter-in-bundles.md.
 *
 * Semantics kept from eventemitter3: listeners run in the order they were added, with `context`
 * (default: the emitter) as `this`; a listener added or removed while an event is being emitted
 * takes effect from the next emit; a `once` listener is removed before it runs.
 */

interface Listener {
  readonly fn: AnyListener;
  readonly context: unknown;
  readonly once: boolean;
}

/** The names of an event map `E` (`{ name: [args] }`, as eventemitter3's). */
type EventName<E> = keyof E & (string | symbol);

/** A listener of event `K` of map `E`. */
type EventListener<E, K extends keyof E> = (...args: E[K] extends readonly unknown[] ? E[K] : never) => void;

/** Any listener, as stored. */
type AnyListener = (...args: never[]) => unknown;

/**
 * eventemitter3's `EventEmitter` API (without its statics), typed by the event map `Events` as
 * eventemitter3 types it.
 */
export default class LiteEmitter<Events extends object = Record<string | symbol, unknown[]>> {
  #events = new Map<unknown, readonly Listener[]>();

  /** The events that have listeners. */
  eventNames(): EventName<Events>[] {
    return [...this.#events.keys()] as EventName<Events>[];
  }

  /** The listener functions of `event`, in order. */
  listeners<K extends EventName<Events>>(event: K): EventListener<Events, K>[] {
    return (this.#events.get(event) ?? []).map((listener) => listener.fn as EventListener<Events, K>);
  }

  /** How many listeners `event` has. */
  listenerCount(event: EventName<Events>): number {
    return this.#events.get(event)?.length ?? 0;
  }

  /** Calls the listeners of `event` with `args`; true when there were any. */
  emit<K extends EventName<Events>>(event: K, ...args: Parameters<EventListener<Events, K>>): boolean {
    const listeners = this.#events.get(event);
    if (listeners === undefined) return false;
    // Arrays are replaced, never changed in place, so this loop sees the list as it was.
    for (const listener of listeners) {
      if (listener.once) this.removeListener(event, listener.fn as EventListener<Events, K>, undefined, true);
      (listener.fn as (...args: unknown[]) => unknown).apply(listener.context, args);
    }
    return true;
  }

  /** Adds a listener. */
  on<K extends EventName<Events>>(event: K, fn: EventListener<Events, K>, context?: unknown): this {
    return this.#add(event, fn, context, false);
  }

  /** Adds a listener that is removed after its first call. */
  once<K extends EventName<Events>>(event: K, fn: EventListener<Events, K>, context?: unknown): this {
    return this.#add(event, fn, context, true);
  }

  /** Removes the matching listeners of `event`, or all of them when `fn` is not given. */
  removeListener<K extends EventName<Events>>(
    event: K,
    fn?: EventListener<Events, K>,
    context?: unknown,
    once?: boolean,
  ): this {
    const listeners = this.#events.get(event);
    if (listeners === undefined) return this;
    // Truthiness, not undefined checks, as in eventemitter3.
    const kept = fn
      ? listeners.filter((l) => l.fn !== fn || (once && !l.once) || (context && l.context !== context))
      : [];
    if (kept.length === 0) this.#events.delete(event);
    else this.#events.set(event, kept);
    return this;
  }

  /** Same as `on`. */
  addListener<K extends EventName<Events>>(event: K, fn: EventListener<Events, K>, context?: unknown): this {
    return this.on(event, fn, context);
  }

  /** Same as `removeListener`. */
  off<K extends EventName<Events>>(event: K, fn?: EventListener<Events, K>, context?: unknown, once?: boolean): this {
    return this.removeListener(event, fn, context, once);
  }

  /** Removes every listener of `event`, or of every event. */
  removeAllListeners(event?: EventName<Events>): this {
    if (event === undefined) this.#events.clear();
    else this.#events.delete(event);
    return this;
  }

  #add(event: unknown, fn: AnyListener, context: unknown, once: boolean): this {
    if (typeof fn !== 'function') throw new TypeError('The listener must be a function');
    this.#events.set(event, [...(this.#events.get(event) ?? []), { fn, context: context || this, once }]);
    return this;
  }
}
