import type { CallRecord } from '../contract/call-record.js';
import { validStoredCall } from '../contract/validate.js';
import { BridgeError } from '../errors/index.js';
import type { BridgeStore, CallStep } from './bridge-store.js';
import { upsertEntry } from './entry-rules.js';
import type { NewWrite, OutboxEntry } from './outbox-entry.js';
import { pruneTargets } from './prune-rule.js';

/** Bump when the object stores change; the upgrade below must then migrate. 2: the status index. */
const DB_VERSION = 2;
const CALLS = 'calls';
const OUTBOX = 'outbox';
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
export async function createIndexedDbStore(name = 'softphone-bridge', factory: IDBFactory = indexedDB): Promise<BridgeStore> {
  const db = await open(factory, name);

  /**
   * Runs `body` in one transaction over both stores and resolves to what it passed to `done`
   * once the transaction is committed: that is the durable point. `body` reads with `read`,
   * whose callback runs inside the request's success handler; an exception there (the caller's
   * step or change) aborts the transaction and rejects instead of escaping as an uncaught error.
   */
  const run = <T>(mode: IDBTransactionMode, body: (tx: IDBTransaction, done: (value: T) => void, read: Reader) => void): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      let result: T;
      let tx: IDBTransaction;
      try {
        tx = db.transaction([CALLS, OUTBOX], mode);
      } catch (cause) {
        reject(storeError('could not start a transaction', cause));
        return;
      }
      tx.oncomplete = () => resolve(result);
      // A failed request or commit aborts the transaction, so this also reports those.
      tx.onabort = () => reject(storeError('a transaction was aborted', tx.error));
      const guard = (task: () => void): void => {
        try {
          task();
        } catch (cause) {
          reject(storeError('a step failed', cause));
          try {
            tx.abort();
          } catch {
            // Already finished or aborted: nothing was committed by this step either way.
          }
        }
      };
      const read: Reader = (request, then) => {
        request.onsuccess = () => guard(() => then(request.result));
      };
      guard(() => body(tx, (value) => (result = value), read));
    });

  const queueIn = (tx: IDBTransaction, read: Reader, writes: readonly NewWrite[], now: number): void => {
    const outbox = tx.objectStore(OUTBOX);
    for (const write of writes) read(outbox.get(write.key), (existing: OutboxEntry | undefined) => outbox.put(upsertEntry(existing, write, now)));
  };

  return {
    durability: 'durable',
    updateCall<T>(conversationId: string, step: (call: CallRecord | undefined) => CallStep<T>, now: number) {
      return run<T>('readwrite', (tx, done, read) => {
        const calls = tx.objectStore(CALLS);
        read(calls.get(conversationId), (raw) => {
          const outcome = step(validStoredCall(raw));
          if (outcome.call !== undefined) calls.put(outcome.call);
          queueIn(tx, read, outcome.writes, now);
          done(outcome.result);
        });
      });
    },
    getCall(conversationId) {
      return run('readonly', (tx, done, read) => read(tx.objectStore(CALLS).get(conversationId), (raw) => done(validStoredCall(raw))));
    },
    listCalls() {
      return run('readonly', (tx, done, read) => read(tx.objectStore(CALLS).getAll(), (raw) => done(validCalls(raw))));
    },
    enqueue(writes, now) {
      return run('readwrite', (tx, _done, read) => queueIn(tx, read, writes, now));
    },
    listEntries(status) {
      return run('readonly', (tx, done, read) => {
        const outbox = tx.objectStore(OUTBOX);
        read(status === undefined ? outbox.getAll() : outbox.index(BY_STATUS).getAll(status), done);
      });
    },
    updateEntry(key, change) {
      return run('readwrite', (tx, done, read) => {
        const outbox = tx.objectStore(OUTBOX);
        read(outbox.get(key), (current: OutboxEntry | undefined) => {
          const next = change(current);
          if (next !== undefined) outbox.put(next);
          done(next ?? current);
        });
      });
    },
    prune(before) {
      return run('readwrite', (tx, done, read) => {
        const outbox = tx.objectStore(OUTBOX);
        const calls = tx.objectStore(CALLS);
        // Requests of one transaction succeed in order: the entries are read when the calls are.
        const entries = outbox.getAll();
        read(calls.getAll(), (raw) => {
          const { entryKeys, conversationIds } = pruneTargets(entries.result, validCalls(raw), before);
          for (const key of entryKeys) outbox.delete(key);
          for (const id of conversationIds) calls.delete(id);
          done(entryKeys.length + conversationIds.length);
        });
      });
    },
    close() {
      db.close();
    },
  };
}

/** Reads with `request`, then runs `then` with its result inside the transaction. */
type Reader = <R>(request: IDBRequest<R>, then: (result: R) => void) => void;

function open(factory: IDBFactory, name: string): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    let request: IDBOpenDBRequest;
    try {
      request = factory.open(name, DB_VERSION);
    } catch (cause) {
      reject(storeError('IndexedDB is not available', cause));
      return;
    }
    // From nothing or from version 1 (same stores, no index): existing entries are indexed by the upgrade.
    request.onupgradeneeded = () => {
      const db = request.result;
      if (!db.objectStoreNames.contains(CALLS)) db.createObjectStore(CALLS, { keyPath: 'conversationId' });
      const outbox = db.objectStoreNames.contains(OUTBOX) ? (request.transaction as IDBTransaction).objectStore(OUTBOX) : db.createObjectStore(OUTBOX, { keyPath: 'key' });
      if (!outbox.indexNames.contains(BY_STATUS)) outbox.createIndex(BY_STATUS, 'status');
    };
    request.onsuccess = () => {
      const db = request.result;
      // Another tab upgrading to a newer version asks us to let go; a stale tab must not block it.
      db.onversionchange = () => db.close();
      resolve(db);
    };
    request.onerror = () => reject(storeError('the database could not be opened', request.error));
    request.onblocked = () => reject(storeError('the database is blocked by another tab', null));
  });
}

/** The valid call records of `raw`. Data read back from storage is checked again: another script of the origin can write there. */
function validCalls(raw: readonly unknown[]): CallRecord[] {
  return raw.map(validStoredCall).filter((call): call is CallRecord => call !== undefined);
}

function storeError(what: string, cause: unknown): BridgeError {
  return new BridgeError('OUTBOX_STORE_FAILED', `The durable store failed: ${what}.`, { cause });
}
