import type { CallRecord } from '../contract/call-record.js';
import type { NewWrite, OutboxEntry } from './outbox-entry.js';

/** What one atomic step over a conversation decided: the record to keep and the writes to queue. */
export interface CallStep<T> {
  /** The record to store; `undefined` leaves the stored one as it is. */
  readonly call: CallRecord | undefined;
  readonly writes: readonly NewWrite[];
  /** Passed back to the caller of {@link BridgeStore.updateCall}. */
  readonly result: T;
}

/**
 * The durable memory of the bridge: conversations and the outbox of CRM writes, in one store so
 * that a conversation's new state and the writes it causes are recorded in one atomic step.
 *
 * Implementations: {@link createIndexedDbStore} (the default in browsers; shared by every tab of
 * an origin, survives reloads) and {@link createMemoryStore} (tests, and where IndexedDB is
 * missing).
 */
export interface BridgeStore {
  /** `durable` when the data outlives the page. */
  readonly durability: 'durable' | 'memory';
  /**
   * Reads the conversation, runs `step` on it and stores what it returns, all in one
   * transaction: two tabs stepping the same conversation are serialised, never interleaved.
   * `step` must be synchronous and pure; it may be run again if the store retries.
   */
  updateCall<T>(conversationId: string, step: (call: CallRecord | undefined) => CallStep<T>, now: number): Promise<T>;
  getCall(conversationId: string): Promise<CallRecord | undefined>;
  listCalls(): Promise<CallRecord[]>;
  /** Queues writes not tied to a conversation step (presence). */
  enqueue(writes: readonly NewWrite[], now: number): Promise<void>;
  /**
   * The outbox entries, or only those with `status`: the drain asks for the pending ones on every
   * round, so a store must find them without reading the sent ones it keeps for their receipts.
   */
  listEntries(status?: OutboxEntry['status']): Promise<OutboxEntry[]>;
  /**
   * Reads one entry, runs `change` on it and stores the result atomically. Returning
   * `undefined` leaves the entry unchanged. Resolves to the entry as stored afterwards.
   */
  updateEntry(
    key: string,
    change: (entry: OutboxEntry | undefined) => OutboxEntry | undefined,
  ): Promise<OutboxEntry | undefined>;
  /** Deletes sent entries and finished conversations last changed before `before`. Resolves to the count removed. */
  prune(before: number): Promise<number>;
  /** Releases the store (closes the database). */
  close(): void;
}
