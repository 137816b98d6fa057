import type { CallRecord } from '../contract/call-record.js';
import { validStoredCall } from '../contract/validate.js';
import { outboxStoreFailed } from '../errors/index.js';
import type { BridgeStore } from './bridge-store.js';
import { tableStore, type TableName, type Tables, type Transact } from './table-store.js';

/** Bump when the object stores change; the upgrade below must then migrate. 2: the status index. */
const DB_VERSION = 2;
const CALLS: TableName = 'calls';
const OUTBOX: TableName = 'outbox';
/** The outbox index by `status`: the drain reads the pending entries, not the sent ones kept for receipts. */
const BY_STATUS = 'status';

/**
 * A {@link BridgeStore} in IndexedDB, shared by every tab of the origin and kept across reloads.
 * One database per `name`; two stores: `calls` (by conversationId) and `outbox` (by key).
 *
 * Every step runs in one readwrite transaction over both stores, which IndexedDB runs one after
 * another across tabs: that is what makes a duplicate event from a second tab see the first
 * tab's state and do nothing.
 *
 * @param name database name; give each bridge configuration its own (e.g. per CRM org).
 * @param factory injected for tests; defaults to the page's `indexedDB`.
 */
export async function createIndexedDbStore(
  name = 'softphone-bridge',
  factory: IDBFactory = indexedDB,
): Promise<BridgeStore> {
  const db = await open(factory, name);

  const transact: Transact = <T>(mode: IDBTransactionMode, body: (tables: Tables, done: (value: T) => void) => void) =>
    new Promise<T>((resolve, reject) => {
      let result: T;
      let tx: IDBTransaction;
      try {
        tx = db.transaction([CALLS, OUTBOX], mode);
      } catch (cause) {
        reject(outboxStoreFailed('a transaction did not start', cause));
        return;
      }
      // Resolve only when the transaction is committed: that is the durable point.
      tx.oncomplete = () => resolve(result);
      // A failed request or commit aborts the transaction, so this reports those too.
      tx.onabort = () => reject(outboxStoreFailed('a transaction was aborted', tx.error));
      // For the caller's callbacks (step, change) that run inside request handlers: an exception
      // there would otherwise escape as an uncaught error instead of rejecting.
      const guard = (task: () => void): void => {
        try {
          task();
        } catch (cause) {
          reject(outboxStoreFailed('a step failed', cause));
          try {
            tx.abort();
          } catch {
            // Already finished or aborted: nothing was committed by this step either way.
          }
        }
      };
      // Runs `then` on what `request` read, checked by `check`. Calls read back from storage are
      // checked again: another script of the origin can write there.
      const read = <R>(request: IDBRequest, then: (rows: R) => void, check: (raw: unknown) => unknown) => {
        request.onsuccess = () => guard(() => then(check(request.result) as R));
      };
      const tables: Tables = {
        get: (table, key, then) =>
          read(tx.objectStore(table).get(key), then, table === CALLS ? validStoredCall : asStored),
        getAll(table, then, status) {
          const store = tx.objectStore(table);
          read(
            status === undefined ? store.getAll() : store.index(BY_STATUS).getAll(status),
            then,
            table === CALLS ? validCalls : asStored,
          );
        },
        put: (table, row) => tx.objectStore(table).put(row),
        delete: (table, key) => tx.objectStore(table).delete(key),
      };
      guard(() => body(tables, (value) => (result = value)));
    });

  return tableStore('durable', transact, () => db.close());
}

function open(factory: IDBFactory, name: string): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    let request: IDBOpenDBRequest;
    try {
      request = factory.open(name, DB_VERSION);
    } catch (cause) {
      reject(outboxStoreFailed('not available', cause));
      return;
    }
    // Version 1 made the two stores; version 2 added the index, which indexes existing entries.
    request.onupgradeneeded = ({ oldVersion }) => {
      const db = request.result;
      if (oldVersion < 1) {
        db.createObjectStore(CALLS, { keyPath: 'conversationId' });
        db.createObjectStore(OUTBOX, { keyPath: 'key' });
      }
      if (oldVersion < 2) (request.transaction as IDBTransaction).objectStore(OUTBOX).createIndex(BY_STATUS, 'status');
    };
    request.onsuccess = () => {
      const db = request.result;
      // Another tab upgrading to a newer version asks us to let go; a stale tab must not block it.
      db.onversionchange = () => db.close();
      resolve(db);
    };
    request.onerror = () => reject(outboxStoreFailed('the database did not open', request.error));
    request.onblocked = () => reject(outboxStoreFailed('blocked by another tab', null));
  });
}

/** Outbox entries are passed on as stored; only call records are checked. */
const asStored = (raw: unknown): unknown => raw;

/** The valid call records of `raw`. */
function validCalls(raw: unknown): CallRecord[] {
  return (raw as unknown[]).map(validStoredCall).filter((call): call is CallRecord => call !== undefined);
}
