import { expect } from '@esm-bundle/chai';
import { FakeCrm, fakeAdapter } from '../../adapters/fake/index.js';
import { type Bridge } from '../../src/core/bridge.js';
import { createBridge } from '../../src/core/create-bridge.js';
import type { BridgeEvents } from '../../src/core/bridge-events.js';
import { silentLogger } from '../../src/shared/logger.js';
import { deleteDb, uniqueDbName } from '../fixtures/outbox-fixtures.js';

const ids = { partnerId: 'partner-1', conversationId: 'conv-reload' };

/** Resolves with the arguments of the next `event` the bridge emits. */
function next<K extends keyof BridgeEvents>(bridge: Bridge, event: K): Promise<BridgeEvents[K]> {
  return new Promise((resolve) => {
    bridge.once(event, ((...args: BridgeEvents[K]) => resolve(args)) as never);
  });
}

describe('outbox replay across a reload (IndexedDB)', () => {
  let name: string;
  const bridges: Bridge[] = [];

  function open(crm: FakeCrm, retry: { baseDelayMs?: number; maxDelayMs?: number } = {}): Bridge {
    const bridge = createBridge({ adapter: fakeAdapter(crm), storeName: name, logger: silentLogger, retry });
    bridges.push(bridge);
    return bridge;
  }

  beforeEach(() => {
    name = uniqueDbName('reload');
  });

  afterEach(async () => {
    for (const bridge of bridges.splice(0)) await bridge.dispose();
    await deleteDb(name);
  });

  it('delivers a call log the closed page left pending exactly once from the next page', async () => {
    const downCrm = new FakeCrm();
    downCrm.injectFaults('before', 100);
    const pageA = open(downCrm);
    await pageA.load(() => {});
    expect((await pageA.status()).durability).to.equal('durable');

    const failed = next(pageA, 'outbox.failed');
    await pageA.incomingCall({ ...ids, callerANI: '+15550100100' });
    await pageA.callAccepted({ ...ids, channelName: 'support' });
    await pageA.callEnded({ ...ids, duration: 95, disposition: 'resolved', notes: 'Refund issued' });
    const [failedEntry] = await failed;
    expect(failedEntry).to.include({ key: 'conv-reload:callLog', status: 'pending', attempts: 1 });
    await pageA.dispose(); // the page is closed before the retry

    expect(downCrm.callLogs()).to.have.length(0);

    const healthyCrm = new FakeCrm();
    const pageB = open(healthyCrm);
    const written = next(pageB, 'outbox.written');
    await pageB.load(() => {});
    await pageB.flush();
    const [writtenEntry] = await written;

    expect(writtenEntry).to.include({ key: 'conv-reload:callLog', status: 'sent' });
    const logs = healthyCrm.callLogs();
    expect(logs).to.have.length(1);
    expect(logs[0]).to.include({ key: 'conv-reload:callLog', creates: 1, updates: 0 });
    expect(logs[0]?.call).to.include({
      conversationId: 'conv-reload',
      state: 'ended',
      durationSeconds: 95,
      disposition: 'resolved',
      notes: 'Refund issued',
      outcome: 'completed',
    });
    expect(logs[0]?.call.ivr).to.deep.equal({ channelName: 'support' });

    // Nothing is left to send: another round writes nothing more.
    await pageB.flush();
    expect(healthyCrm.callLogs()[0]).to.include({ creates: 1, updates: 0 });
    expect((await pageB.status()).outbox).to.deep.equal({ pending: 0, sent: 1, dead: 0 });
    // The next page knows the conversation: a replayed end is a duplicate, not a second log.
    await pageB.callEnded({ ...ids, duration: 95 });
    await pageB.flush();
    expect(healthyCrm.callLogs()).to.have.length(1);
    expect(healthyCrm.callLogs()[0]).to.include({ creates: 1, updates: 0 });
  });

  it('ends with one CRM record when replies are lost and the write is retried', async () => {
    const crm = new FakeCrm();
    crm.injectFaults('after', 2);
    const bridge = open(crm, { baseDelayMs: 5, maxDelayMs: 20 });
    await bridge.load(() => {});

    const written = next(bridge, 'outbox.written');
    await bridge.incomingCall({ ...ids, callerANI: '+15550100100' });
    await bridge.callAccepted(ids);
    await bridge.callEnded({ ...ids, duration: 12 });
    await written;

    expect(crm.callLogs()).to.have.length(1);
    expect(crm.callLogs()[0]).to.include({ creates: 1, updates: 2 });

    // Later notes update the same record by its receipt.
    const rewritten = next(bridge, 'outbox.written');
    await bridge.callNotesSubmitted({ ...ids, notes: 'Called back' });
    const [entry] = await rewritten;
    expect(entry.receipt?.recordId).to.equal(crm.callLogs()[0]?.id);
    expect(crm.callLogs()).to.have.length(1);
    expect(crm.callLogs()[0]).to.include({ creates: 1, updates: 3 });
    expect(crm.callLogs()[0]?.call.notes).to.equal('Called back');
  });
});
