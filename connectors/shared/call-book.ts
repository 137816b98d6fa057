/** How many finished vendor call ids a connector remembers, to recognise late duplicates. */
const FINISHED_MEMORY = 500;

/**
 * The vendor calls a connector is following, by vendor call id (which is the `conversationId`),
 * and the ids of the ones it saw end. Vendors repeat events (reconnects, webhook resends) and
 * deliver them out of order; a late event for a finished call must not reopen it.
 */
export class CallBook<T> {
  readonly #open = new Map<string, T>();
  readonly #finished = new Set<string>();

  /** The call with this id, while it is open. */
  get(id: string): T | undefined {
    return this.#open.get(id);
  }

  /** Starts following a call, or replaces what is known of it. */
  set(id: string, call: T): void {
    this.#finished.delete(id);
    this.#open.set(id, call);
  }

  /** The call is over: forget it, but remember that it finished. */
  finish(id: string): void {
    this.#open.delete(id);
    this.#finished.delete(id);
    this.#finished.add(id);
    // A Set iterates in insertion order: the first entry is the oldest.
    if (this.#finished.size > FINISHED_MEMORY) this.#finished.delete(this.#finished.values().next().value as string);
  }

  /** Whether a call with this id was seen to end. */
  isFinished(id: string): boolean {
    return this.#finished.has(id);
  }

  /** Every open call, oldest first. */
  open(): [string, T][] {
    return [...this.#open];
  }

  /** Forgets everything (the connector disconnected). */
  clear(): void {
    this.#open.clear();
    this.#finished.clear();
  }
}
