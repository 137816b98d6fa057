import { expect } from '@esm-bundle/chai';
import sinon from 'sinon';
import { FakeCrm, fakeAdapter } from '../../adapters/fake/index.js';
import type { StorageLimit } from '../../src/core/bridge-events.js';
import { createBridge } from '../../src/core/bridge.js';
import type { BridgeWindow } from '../../src/core/bridge-options.js';
import type { Logger } from '../../src/shared/logger.js';

/**
 * A page as Chromium shows it to a cross-site frame when third-party storage is blocked (measured
 * with Chromium 156, cookie_controls_mode 1; test/reliability/scenarios/storage-blocked.mjs checks the
 * real browser): `navigator.locks.request` rejects with SecurityError "The request was denied.",
 * `indexedDB.open` fails with UnknownError "The user denied permission to access the database.",
 * and reading `localStorage` throws SecurityError.
 */
function blockedWindow(): BridgeWindow {
  const target = new EventTarget();
  const denied = () => new DOMException('The request was denied.', 'SecurityError');
  const refusingIndexedDb = {
    open() {
      const request = { error: null as DOMException | null, onerror: null as ((event: unknown) => void) | null, onsuccess: null, onupgradeneeded: null, onblocked: null };
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
    localStorage: {
      get() {
        throw new DOMException("Failed to read the 'localStorage' property from 'Window': Access is denied for this document.", 'SecurityError');
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
    const bridge = createBridge({ adapter: fakeAdapter(crm), window: blockedWindow(), logger, retry: { baseDelayMs: 5, maxDelayMs: 20 } });
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
    expect(crm.callLogs().map((log) => log.call.notes)).to.have.members(['call 0', 'call 1', 'call 2', 'call 3', 'call 4']);
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
