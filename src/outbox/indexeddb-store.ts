import type { CallRecord } from '../contract/call-record.js';
import { validStoredCall } from '../contract/validate.js';
import { BridgeError } from '../errors/index.js';
import type { BridgeStore, CallStep } from './bridge-store.js';
import { upsertEntry } from './entry-rules.js';
import type { NewWrite, OutboxEntry } from './outbox-entry.js';
import { isPrunable } from './prune-rule.js';

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

  // `fail` is for the caller's callbacks (step, change) that run inside request handlers: an
  // exception there would otherwise escape as an uncaught error instead of rejecting.
  const run = <T>(mode: IDBTransactionMode, body: (tx: IDBTransaction, done: (value: T) => void, fail: (cause: unknown) => void) => void): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      let result: T;
      let tx: IDBTransaction;
      try {
        tx = db.transaction([CALLS, OUTBOX], mode);
      } catch (cause) {
        reject(storeError('could not start a transaction', cause));
        return;
      }
      // Resolve only when the transaction is committed: that is the durable point.
      tx.oncomplete = () => resolve(result);
      tx.onerror = () => reject(storeError('a transaction failed', tx.error));
      tx.onabort = () => reject(storeError('a transaction was aborted', tx.error));
      const fail = (cause: unknown): void => {
        reject(storeError('a step failed', cause));
        try {
          tx.abort();
        } catch {
          // Already finished or aborted: nothing was committed by this step either way.
        }
      };
      try {
        body(
          tx,
          (value) => {
            result = value;
          },
          fail,
        );
      } catch (cause) {
        fail(cause);
      }
    });

  const queueIn = (tx: IDBTransaction, writes: readonly NewWrite[], now: number): void => {
    const outbox = tx.objectStore(OUTBOX);
    for (const write of writes) {
      const read = outbox.get(write.key);
      read.onsuccess = () => outbox.put(upsertEntry(read.result as OutboxEntry | undefined, write, now));
    }
  };

  return {
    durability: 'durable',
    updateCall<T>(conversationId: string, step: (call: CallRecord | undefined) => CallStep<T>, now: number) {
      return run<T>('readwrite', (tx, done, fail) => {
        const calls = tx.objectStore(CALLS);
        const read = calls.get(conversationId);
        read.onsuccess = () => {
          try {
            const outcome = step(validCall(read.result));
            if (outcome.call !== undefined) calls.put(outcome.call);
            queueIn(tx, outcome.writes, now);
            done(outcome.result);
          } catch (cause) {
            fail(cause);
          }
        };
      });
    },
    getCall(conversationId) {
      return run<CallRecord | undefined>('readonly', (tx, done) => {
        const read = tx.objectStore(CALLS).get(conversationId);
        read.onsuccess = () => done(validCall(read.result));
      });
    },
    listCalls() {
      return run<CallRecord[]>('readonly', (tx, done) => {
        const read = tx.objectStore(CALLS).getAll();
        read.onsuccess = () => done((read.result as unknown[]).map(validCall).filter((c): c is CallRecord => c !== undefined));
      });
    },
    enqueue(writes, now) {
      return run<void>('readwrite', (tx, done) => {
        queueIn(tx, writes, now);
        done(undefined);
      });
    },
    listEntries(status) {
      return run<OutboxEntry[]>('readonly', (tx, done) => {
        const outbox = tx.objectStore(OUTBOX);
        const read = status === undefined ? outbox.getAll() : outbox.index(BY_STATUS).getAll(status);
        read.onsuccess = () => done(read.result as OutboxEntry[]);
      });
    },
    updateEntry(key, change) {
      return run<OutboxEntry | undefined>('readwrite', (tx, done, fail) => {
        const outbox = tx.objectStore(OUTBOX);
        const read = outbox.get(key);
        read.onsuccess = () => {
          try {
            const current = read.result as OutboxEntry | undefined;
            const next = change(current);
            if (next !== undefined) outbox.put(next);
            done(next ?? current);
          } catch (cause) {
            fail(cause);
          }
        };
      });
    },
    prune(before) {
      return run<number>('readwrite', (tx, done) => {
        const outbox = tx.objectStore(OUTBOX);
        const calls = tx.objectStore(CALLS);
        const readEntries = outbox.getAll();
        readEntries.onsuccess = () => {
          let removed = 0;
          const live = new Set<string>();
          for (const entry of readEntries.result as OutboxEntry[]) {
            if (entry.status === 'sent' && entry.updatedAt < before) {
              outbox.delete(entry.key);
              removed += 1;
            } else {
              live.add(entry.key);
            }
          }
          const readCalls = calls.getAll();
          readCalls.onsuccess = () => {
            for (const raw of readCalls.result as unknown[]) {
              const call = validCall(raw);
              if (call !== undefined && isPrunable(call, before, live)) {
                calls.delete(call.conversationId);
                removed += 1;
              }
            }
            done(removed);
          };
        };
      });
    },
    close() {
      db.close();
    },
  };
}

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

/** Data read back from storage is checked again: another script of the origin can write there. */
function validCall(raw: unknown): CallRecord | undefined {
  if (raw === undefined) return undefined;
  return validStoredCall(raw);
}

function storeError(what: string, cause: unknown): BridgeError {
  return new BridgeError('OUTBOX_STORE_FAILED', `The durable store failed: ${what}.`, { cause });
}
