import type { CallRecord } from '../contract/call-record.js';
import type { BridgeStore } from './bridge-store.js';
import { upsertEntry } from './entry-rules.js';
import { callLogKey, type NewWrite, type OutboxEntry } from './outbox-entry.js';

/** What each table of a store holds. */
export interface TableRows {
  readonly calls: CallRecord;
  readonly outbox: OutboxEntry;
}

/** The two tables of a store (the object stores of the IndexedDB database). */
export type TableName = keyof TableRows;

/**
 * One transaction's access to the tables. Reads answer through a callback, as IndexedDB answers
 * in a request's success handler (the transaction stays open only while those queue more work).
 */
export interface Tables {
  get<K extends TableName>(table: K, key: string, then: (row: TableRows[K] | undefined) => void): void;
  /** Every row of `table`, or only the outbox entries with `status`. */
  getAll<K extends TableName>(table: K, then: (rows: TableRows[K][]) => void, status?: OutboxEntry['status']): void;
  put<K extends TableName>(table: K, row: TableRows[K]): void;
  delete(table: TableName, key: string): void;
}

/**
 * Runs `body` in one atomic transaction over both tables and resolves to what it passed to
 * `done` once the transaction is committed; rejects (storing nothing) if `body` or a callback
 * of its reads throws.
 */
export type Transact = <T>(
  mode: IDBTransactionMode,
  body: (tables: Tables, done: (value: T) => void) => void,
) => Promise<T>;

/**
 * The {@link BridgeStore} rules, written once over {@link Tables}: each store (IndexedDB, memory)
 * only says how it reads and writes a table in one transaction.
 */
export function tableStore(durability: BridgeStore['durability'], transact: Transact, close: () => void): BridgeStore {
  const queueIn = (tables: Tables, writes: readonly NewWrite[], now: number): void => {
    for (const write of writes)
      tables.get('outbox', write.key, (existing) => tables.put('outbox', upsertEntry(existing, write, now)));
  };
  return {
    durability,
    updateCall: (conversationId, step, now) =>
      transact('readwrite', (tables, done) =>
        tables.get('calls', conversationId, (current) => {
          const outcome = step(current);
          if (outcome.call !== undefined) tables.put('calls', outcome.call);
          queueIn(tables, outcome.writes, now);
          done(outcome.result);
        }),
      ),
    getCall: (conversationId) => transact('readonly', (tables, done) => tables.get('calls', conversationId, done)),
    listCalls: () => transact('readonly', (tables, done) => tables.getAll('calls', done)),
    enqueue: (writes, now) => transact('readwrite', (tables) => queueIn(tables, writes, now)),
    listEntries: (status) => transact('readonly', (tables, done) => tables.getAll('outbox', done, status)),
    updateEntry: (key, change) =>
      transact('readwrite', (tables, done) =>
        tables.get('outbox', key, (current) => {
          const next = change(current);
          if (next !== undefined) tables.put('outbox', next);
          done(next ?? current);
        }),
      ),
    prune: (before) =>
      transact('readwrite', (tables, done) =>
        tables.getAll('outbox', (entries) =>
          tables.getAll('calls', (calls) => done(pruneIn(tables, entries, calls, before))),
        ),
      ),
    close,
  };
}

/**
 * What `prune(before)` deletes: sent entries last changed before `before`, and the conversations
 * that are over, untouched since `before`, and whose call log is no longer in the outbox. A
 * conversation still ringing or connected is never pruned, however old: its end may still come.
 *
 * Forgetting a conversation also forgets its receipt, so a very late note would create a new CRM
 * record; the retention period (7 days by default) is chosen far beyond any real wrap-up time.
 *
 * @returns how many rows were deleted.
 */
function pruneIn(
  tables: Tables,
  entries: readonly OutboxEntry[],
  calls: readonly CallRecord[],
  before: number,
): number {
  let removed = 0;
  const kept = new Set<string>();
  for (const entry of entries) {
    if (entry.status === 'sent' && entry.updatedAt < before) {
      tables.delete('outbox', entry.key);
      removed += 1;
    } else kept.add(entry.key);
  }
  for (const call of calls) {
    const over = call.state === 'ended' || call.state === 'wrapped' || call.state === 'rejected';
    if (over && call.updatedAt < before && !kept.has(callLogKey(call.conversationId))) {
      tables.delete('calls', call.conversationId);
      removed += 1;
    }
  }
  return removed;
}
