import type { CallRecord } from '../contract/call-record.js';
import type { BridgeStore } from './bridge-store.js';
import type { OutboxEntry } from './outbox-entry.js';
import { tableStore, type TableName, type TableRows, type Tables } from './table-store.js';

/**
 * A {@link BridgeStore} in memory: for tests, and the fallback where IndexedDB is unavailable
 * (the bridge then reports `durability: 'memory'`). Records are copied in and out with
 * `structuredClone` (which passes `undefined` through), as IndexedDB does, so that callers
 * cannot change stored data by reference.
 */
export function createMemoryStore(): BridgeStore {
  const calls = new Map<string, CallRecord>();
  const outbox = new Map<string, OutboxEntry>();
  const table = <K extends TableName>(name: K) => (name === 'calls' ? calls : outbox) as Map<string, TableRows[K]>;
  const tables: Tables = {
    get: (name, key, then) => then(structuredClone(table(name).get(key))),
    getAll: (name, then, status) =>
      then(
        structuredClone(
          [...table(name).values()].filter((row) => status === undefined || (row as OutboxEntry).status === status),
        ),
      ),
    put: (name, row) =>
      table(name).set(
        name === 'calls' ? (row as CallRecord).conversationId : (row as OutboxEntry).key,
        structuredClone(row),
      ),
    delete: (name, key) => table(name).delete(key),
  };
  // Steps run at once, one after another: nothing else can see a step half done.
  async function transact<T>(
    _mode: IDBTransactionMode,
    body: (tables: Tables, done: (value: T) => void) => void,
  ): Promise<T> {
    let result: T | undefined;
    body(tables, (value) => (result = value));
    return result as T;
  }
  return tableStore('memory', transact, () => {
    calls.clear();
    outbox.clear();
  });
}
