import { expect } from '@esm-bundle/chai';
import sinon from 'sinon';
import { FakeCrm, fakeAdapter } from '../../adapters/fake/index.js';
import type { CallRecord } from '../../src/contract/call-record.js';
import { type Bridge } from '../../src/core/bridge.js';
import { createBridge } from '../../src/core/create-bridge.js';
import { silentLogger } from '../../src/shared/logger.js';
import { deleteDb, uniqueDbName } from '../fixtures/outbox-fixtures.js';

/**
 * Two and three bridges on one IndexedDB database, in one page: Web Locks and BroadcastChannel are
 * per origin, so each bridge stands for a tab of the same CRM (as in two-tabs.test.ts, without frames).
 */
describe('one active phone per browser (bridges sharing IndexedDB)', function () {
  this.timeout(20_000);
  let db: string;
  let crm: FakeCrm;
  let tabs: { bridge: Bridge; callUpdated: sinon.SinonSpy; moved: boolean[] }[];

  beforeEach(() => {
    db = uniqueDbName('active-phone');
    crm = new FakeCrm();
    tabs = [];
  });
  afterEach(async () => {
    for (const tab of tabs) await tab.bridge.dispose();
    await deleteDb(db);
  });

  async function open(count: number, options: { interruptedAfterMs?: number; window?: object } = {}) {
    for (let i = 0; i < count; i += 1) {
      const adapter = fakeAdapter(crm);
      const callUpdated = sinon.spy();
      Object.assign(adapter, { callUpdated });
      const bridge = createBridge({
        adapter,
        storeName: db,
        logger: silentLogger,
        retry: { baseDelayMs: 10, maxDelayMs: 50 },
        ...options,
      } as never);
      const moved: boolean[] = [];
      bridge.on('phone.moved', (elsewhere) => moved.push(elsewhere));
      await bridge.load(() => undefined);
      await until(async () => (await bridge.status()).durability === 'durable');
      tabs.push({ bridge, callUpdated, moved });
    }
    await until(async () => (await actives()).filter(Boolean).length === 1);
  }

  /** Which tabs are the active phone (true) or show "active elsewhere" (false). */
  const actives = async () => Promise.all(tabs.map(async (t) => (await t.bridge.status()).activeElsewhere !== true));

  for (const count of [2, 3]) {
    it(`${count} tabs: the first is the phone, the others say it is active elsewhere; takeover moves it, closing the phone hands it on`, async () => {
      await open(count);
      expect(await actives()).to.deep.equal([true, ...Array(count - 1).fill(false)]);
      for (const tab of tabs.slice(1)) expect(tab.moved).to.deep.equal([true]);
      const last = tabs[count - 1]!;
      await last.bridge.takeOver();
      await until(async () => (await actives())[0] === false);
      expect(await actives()).to.deep.equal([...Array(count - 1).fill(false), true]);
      expect(tabs[0]!.moved).to.deep.equal([true]);
      expect(last.moved).to.deep.equal([true, false]);
      // The phone's tab closes: the browser hands the lock to a tab that waited for it.
      await last.bridge.dispose();
      tabs.pop();
      await until(async () => (await actives()).filter(Boolean).length === 1);
      expect((await actives()).filter(Boolean)).to.have.length(1);
    });
  }

  it("keeps every tab's CRM view live: a call handled in the phone tab reaches the others' adapters, ended included", async () => {
    await open(3);
    const [phone, ...others] = tabs;
    const ids = { partnerId: 'partner-1', conversationId: 'conv-views' };
    await phone!.bridge.incomingCall({ ...ids, callerANI: '+15550100' });
    await phone!.bridge.callAccepted(ids);
    await phone!.bridge.callEnded({ ...ids, duration: 42 });
    for (const tab of others) {
      await until(() => tab.callUpdated.args.some(([call]) => (call as CallRecord).state === 'ended'));
      // Each state in order, as the phone's tab stored it.
      expect(tab.callUpdated.args.map(([call]) => (call as CallRecord).state)).to.deep.equal([
        'ringing',
        'connected',
        'ended',
      ]);
    }
    await phone!.bridge.flush();
    await until(() => crm.callLogs().length === 1);
    expect(crm.callLogs()).to.have.length(1);
  });

  it("never ends a call another tab's softphone still holds; ends it once, in one tab, when that tab is gone", async () => {
    await open(3, { interruptedAfterMs: 600 });
    const [a, b] = tabs;
    const ids = { partnerId: 'partner-1', conversationId: 'conv-held' };
    await a!.bridge.incomingCall({ ...ids, callerANI: '+15550100' });
    await a!.bridge.callAccepted(ids);
    // Tab B takes the phone; A's softphone is still on the call and says so (its heartbeat).
    await b!.bridge.takeOver();
    await sleep(2_000);
    expect((await b!.bridge.getCall(ids.conversationId))?.state).to.equal('connected');
    // A closes: nobody holds the call any more, and the phone tab ends it as interrupted.
    await a!.bridge.dispose();
    tabs.shift();
    await until(async () => (await b!.bridge.getCall(ids.conversationId))?.outcome === 'interrupted', 5_000);
    await b!.bridge.flush();
    await until(() => crm.callLogs().length === 1);
    await sleep(1_500); // further sweeps, in every tab, change nothing
    expect(crm.callLogs().map((l) => [l.call.outcome, l.creates])).to.deep.equal([['interrupted', 1]]);
    // The third tab's view heard the end too.
    await until(() => tabs[1]!.callUpdated.args.some(([call]) => (call as CallRecord).outcome === 'interrupted'));
  });

  it('makes every tab a phone where the page has no Web Locks, and says why', async () => {
    const page = Object.assign(new EventTarget(), { navigator: {}, indexedDB, localStorage });
    await open(1, { window: page });
    const adapter = fakeAdapter(crm);
    const second = createBridge({ adapter, storeName: db, logger: silentLogger, window: page as never });
    tabs.push({ bridge: second, callUpdated: sinon.spy(), moved: [] });
    await second.load(() => undefined);
    const statuses = await Promise.all(tabs.map((t) => t.bridge.status()));
    expect(statuses.map((s) => s.activeElsewhere)).to.deep.equal([undefined, undefined]);
    expect(statuses[0]?.activePhoneReason).to.equal('no Web Locks: every tab is a phone');
    await second.takeOver(); // nothing to take: resolves
  });
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(test: () => boolean | Promise<boolean>, ms = 5_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await test())) {
    if (Date.now() > end) throw new Error(`not within ${ms} ms: ${test.toString().slice(0, 120)}`);
    await sleep(25);
  }
}
