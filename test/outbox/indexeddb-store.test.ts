import { expect } from '@esm-bundle/chai';
import type { CallRecord } from '../../src/contract/call-record.js';
import { BridgeError } from '../../src/errors/index.js';
import type { BridgeStore, CallStep } from '../../src/outbox/bridge-store.js';
import { settleSuccess } from '../../src/outbox/entry-rules.js';
import { createIndexedDbStore } from '../../src/outbox/indexeddb-store.js';
import { createMemoryStore } from '../../src/outbox/memory-store.js';
import { callLogWrite, callRecord, deleteDb, presenceWrite, uniqueDbName } from '../fixtures/outbox-fixtures.js';

const receipt = { recordId: 'LOG-1' };

/** A step that stores `call` and queues its call log, resolving to `result`. */
function storeAndLog<T>(call: CallRecord, result: T): (current: CallRecord | undefined) => CallStep<T> {
  return () => ({ call, writes: [callLogWrite(call)], result });
}

/** Opens the database as another script of the origin would, bypassing the store. */
function openRaw(name: string): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(name);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('open failed'));
  });
}

function putRaw(db: IDBDatabase, storeName: string, value: unknown): Promise<void> {
  return new Promise((resolve, reject) => {
    const tx = db.transaction(storeName, 'readwrite');
    tx.objectStore(storeName).put(value);
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error ?? new Error('put failed'));
  });
}

describe('IndexedDB store', () => {
  let name: string;
  let opened: BridgeStore[];

  async function open(): Promise<BridgeStore> {
    const store = await createIndexedDbStore(name);
    opened.push(store);
    return store;
  }

  beforeEach(() => {
    name = uniqueDbName('idb-store');
    opened = [];
  });

  afterEach(async () => {
    for (const store of opened) store.close();
    await deleteDb(name);
  });

  it('reports itself as durable', async () => {
    expect((await open()).durability).to.equal('durable');
  });

  it('stores the call and its writes in one step and resolves to the step result', async () => {
    const store = await open();
    const call = callRecord();
    const seen: (CallRecord | undefined)[] = [];
    const result = await store.updateCall(
      'conv-1',
      (current) => {
        seen.push(current);
        return storeAndLog(call, { verdict: 'applied' })(current);
      },
      5_000,
    );

    expect(result).to.deep.equal({ verdict: 'applied' });
    expect(seen).to.deep.equal([undefined]);
    expect(await store.getCall('conv-1')).to.deep.equal(call);
    const entries = await store.listEntries();
    expect(entries).to.have.length(1);
    expect(entries[0]).to.include({ key: 'conv-1:callLog', status: 'pending', revision: 1, createdAt: 5_000 });
  });

  it('hands the step the stored call and keeps it when the step returns no call', async () => {
    const store = await open();
    await store.updateCall('conv-1', storeAndLog(callRecord(), null), 1);
    const result = await store.updateCall(
      'conv-1',
      (current) => ({ call: undefined, writes: [], result: current?.durationSeconds }),
      2,
    );

    expect(result).to.equal(42);
    expect(await store.getCall('conv-1')).to.deep.equal(callRecord());
  });

  it('stores nothing, neither call nor write, when a step throws, and rejects with a store error', async () => {
    const store = await open();
    const failing = store.updateCall(
      'conv-1',
      (current) => {
        // Half-done work: the write is computed, then the step fails.
        storeAndLog(callRecord(), null)(current);
        throw new Error('step failed');
      },
      1,
    );

    const error = await failing.then(
      () => undefined,
      (thrown: unknown) => thrown,
    );
    expect(error).to.be.instanceOf(BridgeError);
    expect((error as BridgeError).code).to.equal('OUTBOX_STORE_FAILED');
    expect(await store.listCalls()).to.deep.equal([]);
    expect(await store.listEntries()).to.deep.equal([]);
  });

  it('keeps calls and entries across closing and reopening the database (a reload)', async () => {
    const before = await open();
    await before.updateCall('conv-1', storeAndLog(callRecord({ notes: 'kept' }), null), 1_000);
    await before.enqueue([presenceWrite('busy')], 1_500);
    await before.updateEntry('conv-1:callLog', (entry) => entry && settleSuccess(entry, 1, receipt, 2_000));
    before.close();

    const after = await open();
    expect(await after.getCall('conv-1')).to.deep.equal(callRecord({ notes: 'kept' }));
    const entries = (await after.listEntries()).sort((a, b) => a.key.localeCompare(b.key));
    expect(entries.map((e) => [e.key, e.status])).to.deep.equal([
      ['conv-1:callLog', 'sent'],
      ['presence', 'pending'],
    ]);
    expect(entries[0]?.receipt).to.deep.equal(receipt);
  });

  for (const kind of ['indexeddb', 'memory'] as const) {
    it(`lists the entries of one status (IndexedDB: through its index), and all of them without one (${kind})`, async () => {
      const store = kind === 'indexeddb' ? await open() : createMemoryStore();
      await store.updateCall('conv-1', storeAndLog(callRecord(), null), 1_000);
      await store.enqueue([presenceWrite('busy')], 1_500);
      await store.updateEntry('conv-1:callLog', (entry) => entry && settleSuccess(entry, 1, receipt, 2_000));
      expect((await store.listEntries('pending')).map((e) => e.key)).to.deep.equal(['presence']);
      expect((await store.listEntries('sent')).map((e) => e.key)).to.deep.equal(['conv-1:callLog']);
      expect(await store.listEntries('dead')).to.deep.equal([]);
      expect((await store.listEntries()).map((e) => e.key).sort()).to.deep.equal(['conv-1:callLog', 'presence']);
    });
  }

  it('upgrades a version-1 database (no status index) and keeps its calls and entries', async () => {
    // Version 1 as the previous release created it: the two object stores, no index.
    const v1 = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open(name, 1);
      request.onupgradeneeded = () => {
        request.result.createObjectStore('calls', { keyPath: 'conversationId' });
        request.result.createObjectStore('outbox', { keyPath: 'key' });
      };
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error ?? new Error('open failed'));
    });
    const memory = createMemoryStore();
    await memory.updateCall(
      'conv-old',
      storeAndLog(callRecord({ conversationId: 'conv-old', notes: 'from v1' }), null),
      1_000,
    );
    await memory.enqueue([presenceWrite('away')], 1_200);
    await memory.updateEntry('conv-old:callLog', (entry) => entry && settleSuccess(entry, 1, receipt, 2_000));
    for (const call of await memory.listCalls()) await putRaw(v1, 'calls', call);
    for (const entry of await memory.listEntries()) await putRaw(v1, 'outbox', entry);
    v1.close();

    const store = await open();
    expect((await store.getCall('conv-old'))?.notes).to.equal('from v1');
    expect((await store.listEntries('pending')).map((e) => e.key)).to.deep.equal(['presence']);
    expect((await store.listEntries('sent')).map((e) => [e.key, e.receipt])).to.deep.equal([
      ['conv-old:callLog', receipt],
    ]);
  });

  it('never returns invalid data another script wrote into the calls store as a call', async () => {
    const store = await open();
    await store.updateCall('conv-1', storeAndLog(callRecord(), null), 1);
    const raw = await openRaw(name);
    await putRaw(raw, 'calls', { conversationId: 'forged', state: 'exploded', notes: 42 });
    raw.close();

    expect(await store.getCall('forged')).to.equal(undefined);
    expect((await store.listCalls()).map((c) => c.conversationId)).to.deep.equal(['conv-1']);
    const seen = await store.updateCall('forged', (current) => ({ call: undefined, writes: [], result: current }), 2);
    expect(seen).to.equal(undefined);
  });

  it('updates one entry atomically and resolves to the entry as stored', async () => {
    const store = await open();
    await store.enqueue([callLogWrite()], 1_000);

    const sent = await store.updateEntry('conv-1:callLog', (entry) => entry && settleSuccess(entry, 1, receipt, 2_000));
    expect(sent).to.include({ status: 'sent', updatedAt: 2_000 });
    const unchanged = await store.updateEntry('conv-1:callLog', () => undefined);
    expect(unchanged).to.deep.equal(sent);
    expect(await store.updateEntry('missing', (entry) => entry)).to.equal(undefined);
  });

  it('leaves the entry as it was and rejects with a store error when a change throws', async () => {
    const store = await open();
    await store.enqueue([callLogWrite()], 1_000);
    const before = await store.listEntries();

    const error = await store
      .updateEntry('conv-1:callLog', () => {
        throw new Error('change failed');
      })
      .then(
        () => undefined,
        (thrown: unknown) => thrown,
      );

    expect((error as BridgeError).code).to.equal('OUTBOX_STORE_FAILED');
    expect(await store.listEntries()).to.deep.equal(before);
  });

  for (const kind of ['indexeddb', 'memory'] as const) {
    it(`prunes old sent entries and finished calls, keeping pending writes and live calls (${kind})`, async () => {
      const store = kind === 'indexeddb' ? await open() : createMemoryStore();
      const cutoff = 10_000;
      const step = async (id: string, changes: Partial<CallRecord>, settle: boolean) => {
        const call = callRecord({ conversationId: id, ...changes });
        await store.updateCall(id, storeAndLog(call, null), call.updatedAt);
        if (settle)
          await store.updateEntry(
            `${id}:callLog`,
            (entry) => entry && settleSuccess(entry, 1, receipt, call.updatedAt),
          );
      };
      await step('old-done', { updatedAt: 1_000 }, true); // sent and ended long ago: both go
      await step('old-pending', { updatedAt: 1_000 }, false); // its log is still owed: both stay
      await step('old-live', { state: 'connected', updatedAt: 1_000 }, true); // the call may still end: the call stays
      await step('recent-done', { updatedAt: 20_000 }, true); // within retention: both stay

      const removed = await store.prune(cutoff);

      expect((await store.listCalls()).map((c) => c.conversationId).sort()).to.deep.equal([
        'old-live',
        'old-pending',
        'recent-done',
      ]);
      expect((await store.listEntries()).map((e) => e.key).sort()).to.deep.equal([
        'old-pending:callLog',
        'recent-done:callLog',
      ]);
      expect(removed).to.equal(3);
    });
  }

  it('serialises steps from two connections to one database (two tabs)', async () => {
    const tabA = await open();
    const tabB = await open();
    const increment = (current: CallRecord | undefined): CallStep<number> => {
      const revision = (current?.revision ?? 0) + 1;
      return { call: callRecord({ revision }), writes: [], result: revision };
    };

    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) => (i % 2 === 0 ? tabA : tabB).updateCall('conv-1', increment, i)),
    );

    expect((await tabA.getCall('conv-1'))?.revision).to.equal(50);
    expect([...results].sort((a, b) => a - b)).to.deep.equal(Array.from({ length: 50 }, (_, i) => i + 1));
  });

  it('keeps one entry at revision 1 when two tabs queue the same write at once', async () => {
    const tabA = await open();
    const tabB = await open();
    await Promise.all([tabA.enqueue([callLogWrite()], 1_000), tabB.enqueue([callLogWrite()], 1_001)]);

    const entries = await tabB.listEntries();
    expect(entries).to.have.length(1);
    expect(entries[0]).to.include({ revision: 1, status: 'pending' });
  });
});
