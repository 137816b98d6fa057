import { expect } from '@esm-bundle/chai';
import sinon from 'sinon';
import { FakeCrm, fakeAdapter } from '../../adapters/fake/index.js';
import type { StorageLimit } from '../../src/core/bridge-events.js';
import { createBridge } from '../../src/core/create-bridge.js';
import type { BridgeWindow } from '../../src/core/bridge-options.js';
import type { Logger } from '../../src/shared/logger.js';
import { silentLogger } from '../../src/shared/logger.js';
import { createIndexedDbStore } from '../../src/outbox/indexeddb-store.js';
import { BridgeError } from '../../src/errors/index.js';

/**
 * A page as Chromium shows it to a cross-site frame when third-party storage is blocked (measured
 * with Chromium 156, cookie_controls_mode 1; test/reliability/scenarios/storage-blocked.mjs checks the
 * real browser): `navigator.locks.request` rejects with SecurityError "The request was denied.",
 * `indexedDB.open` fails with UnknownError "The user denied permission to access the database.",
 * and reading `localStorage` throws SecurityError.
 */
function blockedWindow(requestStorageAccess?: (types?: object) => Promise<unknown>): BridgeWindow {
  const target = new EventTarget();
  const denied = () => new DOMException('The request was denied.', 'SecurityError');
  const refusingIndexedDb = {
    open() {
      const request = {
        error: null as DOMException | null,
        onerror: null as ((event: unknown) => void) | null,
        onsuccess: null,
        onupgradeneeded: null,
        onblocked: null,
      };
      setTimeout(() => {
        request.error = new DOMException('The user denied permission to access the database.', 'UnknownError');
        request.onerror?.({ target: request });
      }, 0);
      return request;
    },
  } as unknown as IDBFactory;
  return Object.defineProperties(target, {
    navigator: { value: { locks: { request: () => Promise.reject(denied()), query: () => Promise.reject(denied()) } } },
    indexedDB: { value: refusingIndexedDb },
    document: { value: requestStorageAccess === undefined ? {} : { requestStorageAccess } },
    localStorage: {
      get() {
        throw new DOMException(
          "Failed to read the 'localStorage' property from 'Window': Access is denied for this document.",
          'SecurityError',
        );
      },
    },
  }) as BridgeWindow;
}

const ids = { partnerId: 'partner-1', conversationId: 'blocked-1' };

describe('Bridge in a frame whose storage the browser blocks', () => {
  it('logs every call exactly once, on a page-local lock and a memory store, and says why in status() and events', async () => {
    const crm = new FakeCrm({ dispositions: ['resolved'] });
    const logger: Logger = { debug: sinon.spy(), info: sinon.spy(), warn: sinon.spy(), error: sinon.spy() };
    const limits: StorageLimit[] = [];
    const bridge = createBridge({
      adapter: fakeAdapter(crm),
      window: blockedWindow(),
      logger,
      retry: { baseDelayMs: 5, maxDelayMs: 20 },
    });
    bridge.on('storage.limited', (limit) => limits.push(limit));
    await bridge.load(() => undefined);
    for (let i = 0; i < 5; i += 1) {
      const conversationId = `${ids.conversationId}-${i}`;
      await bridge.incomingCall({ ...ids, conversationId, callerANI: '+15550100100' });
      await bridge.callAccepted({ ...ids, conversationId });
      await bridge.callEnded({ ...ids, conversationId, duration: 10 + i, notes: `call ${i}` });
    }
    await bridge.flush();
    const status = await bridge.status();
    expect(crm.callLogs().map((log) => log.call.notes)).to.have.members([
      'call 0',
      'call 1',
      'call 2',
      'call 3',
      'call 4',
    ]);
    expect(crm.callLogs().every((log) => log.creates === 1)).to.equal(true);
    expect(status.outbox).to.include({ pending: 0, dead: 0 });
    expect(status).to.include({ durability: 'memory', drainLock: 'local' });
    expect(status.durabilityReason).to.equal('the browser refused IndexedDB (UnknownError)');
    expect(status.drainLockReason).to.match(/^the browser refused Web Locks \(SecurityError\)/);
    expect(limits.map((l) => l.what).sort()).to.deep.equal(['drainLock', 'store']);
    expect(limits.find((l) => l.what === 'store')?.reason).to.contain('lost if this page reloads or closes');
    const lines = (logger.warn as sinon.SinonSpy).args.map(([line]) => line as string);
    expect(lines).to.include('IndexedDB unavailable; using memory');
    expect(lines.some((line) => line.startsWith('Web Locks refused'))).to.equal(true);
    await bridge.dispose();
  });
});

describe('storage.limited for a listener added after the bundle ran', () => {
  it('holds the limits found before load() and tells them at load()', async () => {
    const bridge = createBridge({ adapter: fakeAdapter(new FakeCrm()), window: blockedWindow(), logger: silentLogger });
    await bridge.status(); // the store and the drain lock have fallen back by now
    await new Promise((resolve) => setTimeout(resolve, 0));
    const limits: string[] = [];
    bridge.on('storage.limited', (limit) => limits.push(limit.what));
    expect(limits).to.deep.equal([]);
    await bridge.load(() => undefined);
    expect(limits.sort()).to.deep.equal(['drainLock', 'store']);
    await bridge.dispose();
  });
});

describe('Bridge moving to durable storage once the agent grants storage access', () => {
  it('moves every call and queued write from memory to IndexedDB, logs each call once, and a later page finds them', async () => {
    const name = `granted-${Math.random().toString(36).slice(2)}`;
    const crm = new FakeCrm({ dispositions: ['resolved'] });
    // Chromium answers requestStorageAccess({indexedDB, locks}) with a handle to the unpartitioned APIs.
    const request = sinon.stub().resolves({ indexedDB, locks: navigator.locks });
    const page = blockedWindow(request);
    // Each write fails once and waits a minute to be retried: they sit in memory when the agent clicks.
    const bridge = createBridge({
      adapter: fakeAdapter(crm),
      window: page,
      storeName: name,
      logger: silentLogger,
      retry: { baseDelayMs: 60_000, maxDelayMs: 60_000 },
    });
    await bridge.load(() => undefined);
    crm.injectFaults('before', 3);
    for (let i = 0; i < 3; i += 1) {
      await bridge.incomingCall({ ...ids, conversationId: `moved-${i}`, callerANI: '+15550100100' });
      await bridge.callEnded({
        ...ids,
        conversationId: `moved-${i}`,
        duration: 30 + i,
        notes: `before the grant ${i}`,
      });
    }
    await bridge.flush();
    const before = await bridge.status();
    expect(before).to.include({ durability: 'memory', canRequestDurableStorage: true });
    expect(before.outbox.pending).to.equal(3);
    const durable = new Promise<void>((resolve) => bridge.once('storage.durable', () => resolve()));
    expect(await bridge.requestDurableStorage()).to.equal('durable');
    await durable;
    expect(request.args[0]?.[0]).to.deep.equal({ indexedDB: true, locks: true });
    const after = await bridge.status();
    expect(after).to.include({ durability: 'durable', drainLock: 'web-locks' });
    expect(after).not.to.have.property('durabilityReason');
    expect(after).not.to.have.property('canRequestDurableStorage');
    await bridge.callNotesSubmitted({ ...ids, conversationId: 'moved-0', notes: 'after the grant' });
    // What the page holds now survives it: a store opened on the same database sees every call and write.
    const reopened = await createIndexedDbStore(name);
    expect((await reopened.listCalls()).map((c) => c.conversationId).sort()).to.deep.equal([
      'moved-0',
      'moved-1',
      'moved-2',
    ]);
    expect((await reopened.listEntries('pending')).length).to.equal(3);
    reopened.close();
    // The network is back: the moved outbox retries everything now.
    page.dispatchEvent(new Event('online'));
    for (let i = 0; i < 50 && (await bridge.status()).outbox.pending > 0; i += 1)
      await new Promise((resolve) => setTimeout(resolve, 20));
    const logs = crm.callLogs();
    expect(logs.map((l) => l.call.conversationId).sort()).to.deep.equal(['moved-0', 'moved-1', 'moved-2']);
    expect(logs.every((l) => l.creates === 1)).to.equal(true);
    expect(logs.find((l) => l.call.conversationId === 'moved-0')?.call.notes).to.equal('after the grant');
    await bridge.dispose();
    indexedDB.deleteDatabase(name);
  });

  it('stays on memory and keeps logging when the browser refuses, with STORAGE_ACCESS_DENIED', async () => {
    const crm = new FakeCrm({ dispositions: ['resolved'] });
    const refuse = sinon.stub().rejects(new DOMException('Permission denied.', 'NotAllowedError'));
    const bridge = createBridge({
      adapter: fakeAdapter(crm),
      window: blockedWindow(refuse),
      logger: silentLogger,
      retry: { baseDelayMs: 5, maxDelayMs: 20 },
    });
    await bridge.load(() => undefined);
    const error = await bridge.requestDurableStorage().catch((e: unknown) => e);
    expect(error).to.be.instanceOf(BridgeError);
    expect((error as BridgeError).code).to.equal('STORAGE_ACCESS_DENIED');
    await bridge.callEnded({ ...ids, conversationId: 'after-refusal', duration: 5 });
    await bridge.flush();
    expect(crm.callLogs()).to.have.length(1);
    expect(await bridge.status()).to.include({ durability: 'memory' });
    await bridge.dispose();
  });

  it('offers no durable storage where the browser has no Storage Access API', async () => {
    const bridge = createBridge({ adapter: fakeAdapter(new FakeCrm()), window: blockedWindow(), logger: silentLogger });
    expect(await bridge.status()).not.to.have.property('canRequestDurableStorage');
    expect(((await bridge.requestDurableStorage().catch((e: BridgeError) => e)) as BridgeError).code).to.equal(
      'STORAGE_ACCESS_DENIED',
    );
    await bridge.dispose();
  });
});
