import { expect } from '@esm-bundle/chai';
import sinon from 'sinon';
import { FakeCrm, fakeAdapter } from '../../adapters/fake/index.js';
import type { CallRecord } from '../../src/contract/call-record.js';
import { type Bridge } from '../../src/core/bridge.js';
import { createBridge } from '../../src/core/create-bridge.js';
import { LostCalls } from '../../src/core/lost-calls.js';
import { BridgeError } from '../../src/errors/index.js';
import type { BridgeStore } from '../../src/outbox/bridge-store.js';
import { createMemoryStore } from '../../src/outbox/memory-store.js';
import { silentLogger } from '../../src/shared/logger.js';

const GRACE = 120_000;
const ids = { partnerId: 'partner-1', conversationId: 'conv-lost' };

/** A store that outlives a bridge, as IndexedDB outlives a reload (a memory store empties on close). */
function lastingStore(): BridgeStore {
  const store = createMemoryStore();
  return { ...store, durability: store.durability, close: () => undefined };
}

function record(state: CallRecord['state'], updatedAt: number, conversationId = 'c1'): CallRecord {
  return {
    conversationId,
    partnerId: 'p',
    direction: 'inbound',
    state,
    phoneNumber: '+15550100',
    language: 'en_US',
    ivr: {},
    startedAt: updatedAt,
    updatedAt,
    revision: 1,
    extra: {},
  };
}

describe('LostCalls', () => {
  it('finds nothing lost while a new session is younger than the grace period', () => {
    const lost = new LostCalls(1_000);
    expect(lost.lost([record('connected', 0)], 1_000 + GRACE - 1, GRACE).calls).to.deep.equal([]);
    expect(
      lost.lost([record('connected', 0)], 1_000 + GRACE + 1, GRACE).calls.map((c) => c.conversationId),
    ).to.deep.equal(['c1']);
  });

  it('never counts a call this session spoke of as lost, however long it is silent (a long talk)', () => {
    const lost = new LostCalls(0);
    lost.heard('c1');
    expect(lost.lost([record('connected', 10)], 10 * GRACE, GRACE).calls).to.deep.equal([]);
    expect(lost.held([record('connected', 10), record('ended', 10, 'c2')])).to.deep.equal(['c1']);
    lost.sessionStarted(10 * GRACE);
    expect(lost.lost([record('connected', 10)], 11 * GRACE + 1, GRACE).calls).to.have.length(1);
  });

  it('leaves calls another tab holds, until its heartbeat is older than the grace period', () => {
    const lost = new LostCalls(0);
    lost.heldElsewhere(['c1'], 3 * GRACE);
    expect(lost.lost([record('connected', 0)], 3 * GRACE + 10, GRACE).calls).to.deep.equal([]);
    expect(lost.lost([record('connected', 0)], 4 * GRACE + 1, GRACE).calls).to.have.length(1);
  });

  it('ignores ended, wrapped and rejected calls, and at once ends what nothing touched since the session started', () => {
    const lost = new LostCalls(500);
    const calls = [
      record('ended', 0, 'a'),
      record('wrapped', 0, 'b'),
      record('rejected', 0, 'c'),
      record('ringing', 0, 'd'),
      record('dialing', 600, 'e'),
    ];
    const now = lost.lost(calls, 700, GRACE, true);
    expect(now.calls.map((c) => c.conversationId)).to.deep.equal(['d']);
    expect(now.before).to.equal(500);
  });
});

describe('Bridge: calls lost across reloads', () => {
  let bridges: Bridge[];
  let clock: sinon.SinonFakeTimers;
  beforeEach(() => {
    bridges = [];
    clock = sinon.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'], now: 1_700_000_000_000 });
  });
  afterEach(async () => {
    clock.restore();
    for (const b of bridges) await b.dispose();
  });

  function page(store: BridgeStore, crm: FakeCrm, options: { interruptedAfterMs?: number } = {}) {
    const adapter = fakeAdapter(crm);
    const callUpdated = sinon.spy();
    Object.assign(adapter, { callUpdated });
    const bridge = createBridge({ adapter, store, logger: silentLogger, ...options });
    bridges.push(bridge);
    return { bridge, callUpdated };
  }

  /** A call left connected with notes typed, then the page that had it is gone. */
  async function leftOnCall(store: BridgeStore, crm: FakeCrm): Promise<void> {
    const { bridge } = page(store, crm);
    await bridge.load(() => undefined);
    await bridge.incomingCall({ ...ids, callerANI: '+15550100' });
    await bridge.callAccepted({ ...ids });
    await clock.tickAsync(30_000);
    await bridge.callNotesSubmitted({ ...ids, notes: 'typed before the reload', disposition: 'callback' });
    // The page reloads: its bridge stops (the store stays), nothing ends the call.
    await bridge.dispose();
  }

  it('ends a call the reloaded page lost as interrupted after the grace period: one log, notes kept, every view told it ended', async () => {
    const store = lastingStore();
    const crm = new FakeCrm();
    await leftOnCall(store, crm);
    const { bridge, callUpdated } = page(store, crm);
    const updated: CallRecord[] = [];
    bridge.on('call.updated', (call) => updated.push(call));
    await bridge.load(() => undefined);
    await clock.tickAsync(GRACE - 20_000);
    expect(crm.callLogs()).to.have.length(0);
    await clock.tickAsync(40_000);
    await bridge.flush();
    const logs = crm.callLogs();
    expect(logs).to.have.length(1);
    expect(logs[0]?.call).to.include({
      outcome: 'interrupted',
      state: 'ended',
      notes: 'typed before the reload',
      disposition: 'callback',
      phoneNumber: '+15550100',
      durationSeconds: 30,
    });
    expect(updated.map((c) => `${c.state}/${c.outcome}`)).to.deep.equal(['ended/interrupted']);
    expect(callUpdated.lastCall.args[0]).to.include({ state: 'ended', outcome: 'interrupted' });
    // More sweeps change nothing: still one log, written once.
    await clock.tickAsync(5 * GRACE);
    await bridge.flush();
    expect(crm.callLogs()).to.have.length(1);
    expect(crm.callLogs()[0]?.creates).to.equal(1);
  });

  it('resumes the call when the reloaded softphone speaks of it within the grace period', async () => {
    const store = lastingStore();
    const crm = new FakeCrm();
    await leftOnCall(store, crm);
    const { bridge } = page(store, crm);
    await bridge.load(() => undefined);
    await clock.tickAsync(60_000);
    await bridge.callAccepted({ ...ids }); // the softphone restored its call: a duplicate, but it holds it
    await clock.tickAsync(10 * GRACE);
    expect((await bridge.getCall(ids.conversationId))?.state).to.equal('connected');
    await bridge.callEnded({ ...ids, duration: 900 });
    await bridge.flush();
    expect(crm.callLogs().map((l) => [l.call.outcome, l.call.durationSeconds])).to.deep.equal([['completed', 900]]);
  });

  it('never interrupts a long call of the live session', async () => {
    const crm = new FakeCrm();
    const { bridge } = page(lastingStore(), crm);
    await bridge.load(() => undefined);
    await bridge.incomingCall({ ...ids, callerANI: '+15550100' });
    await bridge.callAccepted({ ...ids });
    await clock.tickAsync(20 * GRACE);
    expect((await bridge.getCall(ids.conversationId))?.state).to.equal('connected');
    expect(crm.callLogs()).to.have.length(0);
  });

  it('ends a call after a reload of the softphone frame alone (load again), unless it speaks of it', async () => {
    const crm = new FakeCrm();
    const { bridge } = page(lastingStore(), crm);
    await bridge.load(() => undefined);
    await bridge.outboundCallInitiated({ ...ids, dialledTo: '+15550199' });
    await clock.tickAsync(5_000);
    await bridge.load(() => undefined); // the softphone frame reloaded
    await clock.tickAsync(GRACE + 20_000);
    await bridge.flush();
    expect(crm.callLogs().map((l) => [l.call.outcome, l.call.direction, l.call.durationSeconds])).to.deep.equal([
      ['interrupted', 'outbound', 0],
    ]);
  });

  it('merges a late end into the interrupted call log instead of writing a second one', async () => {
    const store = lastingStore();
    const crm = new FakeCrm();
    await leftOnCall(store, crm);
    const { bridge } = page(store, crm);
    await bridge.load(() => undefined);
    await clock.tickAsync(GRACE + 20_000);
    await bridge.flush();
    await bridge.callEnded({ ...ids, duration: 300, notes: '' });
    await bridge.flush();
    const logs = crm.callLogs();
    expect(logs).to.have.length(1);
    expect(logs[0]?.call).to.include({ outcome: 'completed', durationSeconds: 300, notes: 'typed before the reload' });
    expect(logs[0]).to.include({ creates: 1, updates: 1 });
  });

  it('ends lost calls at once with endLostCalls(), and leaves those the softphone holds', async () => {
    const store = lastingStore();
    const crm = new FakeCrm();
    await leftOnCall(store, crm);
    await clock.tickAsync(2_000); // the reload
    const { bridge } = page(store, crm);
    await bridge.load(() => undefined);
    await bridge.incomingCall({ partnerId: 'partner-1', conversationId: 'conv-live', callerANI: '+15550123' });
    const ended = await bridge.endLostCalls();
    expect(ended.map((c) => [c.conversationId, c.outcome])).to.deep.equal([[ids.conversationId, 'interrupted']]);
    expect(await bridge.endLostCalls()).to.deep.equal([]);
    expect((await bridge.getCall('conv-live'))?.state).to.equal('ringing');
    await bridge.flush();
    expect(crm.callLogs().map((l) => l.call.conversationId)).to.deep.equal([ids.conversationId]);
  });

  it('never ends one by itself with interruptedAfterMs: Infinity, and refuses a bad value', async () => {
    const store = lastingStore();
    const crm = new FakeCrm();
    await leftOnCall(store, crm);
    const { bridge } = page(store, crm, { interruptedAfterMs: Infinity });
    await bridge.load(() => undefined);
    await clock.tickAsync(50 * GRACE);
    expect(crm.callLogs()).to.have.length(0);
    for (const bad of [-1, Number.NaN, '120000']) {
      const error = (() => {
        try {
          createBridge({ adapter: fakeAdapter(crm), store: createMemoryStore(), interruptedAfterMs: bad as number });
        } catch (e) {
          return e;
        }
        return undefined;
      })();
      expect(error).to.be.instanceOf(BridgeError);
      expect((error as BridgeError).code).to.equal('CONFIG_INVALID');
      expect((error as BridgeError).message).to.contain('interruptedAfterMs');
    }
  });
});
