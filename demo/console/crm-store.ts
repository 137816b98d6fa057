import type { FakeCallLogRecord, FakeContact, FakeCrm } from '../../adapters/fake/index.js';
import { CONTACTS } from '../fixtures.js';

/** One screen pop the fake CRM showed, with the call's direction when known (pops saved before it was kept have none). */
export type FakePop = FakeCrm['pops'][number] & { readonly direction?: 'inbound' | 'outbound' };

/** What the demo CRM had when the page was last open. */
export interface SavedCrm {
  readonly contacts: FakeContact[];
  /** Oldest first, as `FakeCrm.callLogs()` returns them. */
  readonly callLogs: FakeCallLogRecord[];
  /** Oldest first. */
  readonly pops: FakePop[];
}

/** The IndexedDB database of the demo CRM (the bridge's own outbox is another database). */
export const CRM_DATABASE = 'softphone-bridge-demo:crm';
const VERSION = 1;
const CONTACT_STORE = 'contacts';
const LOG_STORE = 'callLogs';
const POP_STORE = 'pops';

/** An IDB request as a Promise. */
function done<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

/** Resolves once the transaction has committed: only then is a write durable. */
function committed(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error ?? new DOMException('The transaction was aborted.', 'AbortError'));
  });
}

/**
 * The demo CRM's own database, so that its records survive a reload the way a real CRM's would:
 * contacts (seeded from the fixtures when the database is created), call logs by their
 * idempotency key, and the screen pops shown. FakeCrm itself keeps everything in memory; the
 * console restores it from here at start and saves each change before confirming it.
 */
export class CrmStore {
  readonly #db: IDBDatabase;

  private constructor(db: IDBDatabase) {
    this.#db = db;
  }

  /**
   * Opens (and on first use creates and seeds) the database. `onDeleted` runs when another tab
   * deletes it (its "Reset demo"): this connection is closed by then, so the page should reload.
   */
  static async open(onDeleted: () => void, name: string = CRM_DATABASE): Promise<CrmStore> {
    const request = indexedDB.open(name, VERSION);
    request.onupgradeneeded = () => {
      const db = request.result;
      const contacts = db.createObjectStore(CONTACT_STORE, { keyPath: 'id' });
      for (const contact of CONTACTS) contacts.add({ ...contact });
      db.createObjectStore(LOG_STORE, { keyPath: 'key' });
      db.createObjectStore(POP_STORE, { autoIncrement: true });
    };
    const db = await done(request);
    // Another tab deleting the database must not wait for this one forever.
    db.onversionchange = () => {
      db.close();
      onDeleted();
    };
    return new CrmStore(db);
  }

  /** Everything saved, in the order it was saved. */
  async load(): Promise<SavedCrm> {
    const tx = this.#db.transaction([CONTACT_STORE, LOG_STORE, POP_STORE], 'readonly');
    const [contacts, callLogs, pops] = await Promise.all([
      done(tx.objectStore(CONTACT_STORE).getAll() as IDBRequest<FakeContact[]>),
      done(tx.objectStore(LOG_STORE).getAll() as IDBRequest<FakeCallLogRecord[]>),
      done(tx.objectStore(POP_STORE).getAll() as IDBRequest<FakePop[]>),
    ]);
    // Keys are the idempotency keys, not the order of creation: sort by the CRM's record number.
    callLogs.sort((a, b) => recordNumber(a.id) - recordNumber(b.id));
    return { contacts, callLogs, pops };
  }

  /** Saves a call log (created or updated: the key is the same). */
  putCallLog(record: FakeCallLogRecord): Promise<void> {
    return this.#put(LOG_STORE, record);
  }

  /** Saves a contact the agent created. */
  putContact(contact: FakeContact): Promise<void> {
    return this.#put(CONTACT_STORE, contact);
  }

  /** Saves a screen pop. */
  addPop(pop: FakePop): Promise<void> {
    return this.#put(POP_STORE, pop);
  }

  /** Closes the connection (before the database is deleted). */
  close(): void {
    this.#db.close();
  }

  #put(store: string, value: unknown): Promise<void> {
    const tx = this.#db.transaction(store, 'readwrite');
    tx.objectStore(store).put(value);
    return committed(tx);
  }
}

/** `LOG-12` → 12; anything else sorts last. */
function recordNumber(id: string): number {
  const n = /^LOG-(\d+)$/.exec(id)?.[1];
  return n === undefined ? Number.MAX_SAFE_INTEGER : Number(n);
}

/**
 * Deletes an IndexedDB database. Rejects when another tab keeps it open (its connection does not
 * close on request), so the caller can say so instead of waiting without end.
 */
export function deleteDatabase(name: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.deleteDatabase(name);
    request.onsuccess = () => resolve();
    request.onerror = () => reject(request.error);
    request.onblocked = () => reject(new DOMException(`Another tab keeps ${name} open.`, 'InvalidStateError'));
  });
}
