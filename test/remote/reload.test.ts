import { expect } from '@esm-bundle/chai';
import sinon from 'sinon';
import { FakeCrm, fakeAdapter, type FakeAdapter } from '../../adapters/fake/index.js';
import { type Bridge } from '../../src/core/bridge.js';
import { createBridge } from '../../src/core/create-bridge.js';
import { createMemoryStore } from '../../src/outbox/memory-store.js';
import { hostRemoteBridge, type RemoteHost } from '../../src/remote/host.js';
import { silentLogger } from '../../src/shared/logger.js';
import { SOFTPHONE_ORIGIN, SoftphoneFrame, until } from './cross-origin-harness.js';

const partnerConfig = { partnerId: 'partner-1', businessSegmentId: 'segment-1', channelOriginId: 'origin-1' };
const ids = { partnerId: 'partner-1' };

/** A reload of either side reconnects; queued calls and callbacks arrive exactly once. */
describe('remote transport across reloads', function () {
  this.timeout(30_000);
  let softphone: SoftphoneFrame;
  let crm: FakeCrm;
  let adapter: FakeAdapter;
  let bridge: Bridge;
  let hosts: RemoteHost[];
  const hostFor = (): RemoteHost => {
    const host = hostRemoteBridge({ bridge, frame: softphone.frame, allowedOrigins: [SOFTPHONE_ORIGIN] });
    hosts.push(host);
    return host;
  };

  beforeEach(() => {
    softphone = new SoftphoneFrame();
    crm = new FakeCrm({ dispositions: ['resolved'], partnerConfig });
    adapter = fakeAdapter(crm);
    bridge = createBridge({ adapter, store: createMemoryStore(), logger: silentLogger });
    hosts = [];
  });
  afterEach(async () => {
    for (const host of hosts) host.dispose();
    await bridge.dispose();
    softphone.remove();
    sinon.restore();
  });

  it('queues calls made before the handshake and sends each once after it', async () => {
    hostFor();
    const incomingCall = sinon.spy(bridge, 'incomingCall');
    const conversationId = 'reload-queued';
    const life = await softphone.open({
      early: [
        ['load', ['softphone.onBridgeEvent']],
        ['incomingCall', [ids.partnerId, conversationId, '+15550100100']],
      ],
    });
    expect(softphone.started(life).connectedAtStart, 'the calls were made before a port existed').to.equal(false);
    await until(() => softphone.early(life, 1) !== undefined, 'the early calls to settle');
    expect(softphone.early(life, 0)?.ok).to.equal(true);
    expect(softphone.early(life, 1)?.ok).to.equal(true);
    expect(incomingCall.callCount).to.equal(1);
    expect(softphone.callbacks(life).map((c) => c.eventType)).to.deep.equal(['disposition', 'partner_config']);
  });

  it('re-handshakes with a frame whose src is reassigned: load re-attaches, calls made before the new handshake arrive once', async () => {
    hostFor();
    const conversationId = 'reload-frame';
    const first = await softphone.open();
    await softphone.call('load', 'softphone.onBridgeEvent');
    await softphone.call('incomingCall', ids.partnerId, conversationId, '+15550100100');
    await softphone.call('callAccepted', { ...ids, conversationId });

    const callEnded = sinon.spy(bridge, 'callEnded');
    const second = await softphone.open({
      early: [
        ['load', ['softphone.onBridgeEvent']],
        ['callEnded', [{ ...ids, conversationId, duration: 30, notes: 'after reload' }]],
      ],
    });
    const state = () => softphone.summary();
    expect(softphone.started(second).connectedAtStart).to.equal(false);
    await until(() => softphone.early(second, 1) !== undefined, 'the early calls to settle', undefined, state);
    expect(softphone.early(second, 1)?.ok, JSON.stringify(state())).to.equal(true);
    await until(() => softphone.callbacks(second).length === 2, 'the configuration in the new page', undefined, state);
    expect(softphone.callbacks(second).map((c) => c.eventType)).to.deep.equal(['disposition', 'partner_config']);
    expect(softphone.callbacks(first).map((c) => c.eventType)).to.deep.equal(['disposition', 'partner_config']);
    expect(callEnded.callCount).to.equal(1);
    await bridge.flush();
    await until(() => crm.callLogs().length === 1, 'the call log', undefined, state);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(crm.callLogs()).to.have.length(1);
    expect(crm.callLogs()[0]?.call.notes).to.equal('after reload');
  });

  it('gives a start_call clicked while the softphone page reloads itself to the new page, once', async () => {
    hostFor();
    const first = await softphone.open({ bootDelayMs: 300, early: [['load', ['softphone.onBridgeEvent']]] });
    await until(() => softphone.callbacks(first).length === 2, 'the configuration');
    softphone.post('reload'); // location.reload(): same URL, so the new page waits 300 ms, then loads
    // The new document runs, so the old one is gone; the client of the new one does not exist yet.
    await until(() => softphone.reports.filter((r) => r.type === 'booting').length === 2, 'the reloaded page to boot');
    await adapter.clickToDial({ dialTo: '+15550100199' });
    await until(() => softphone.lives().length === 2, 'the reloaded page');
    const second = softphone.lives()[1] as string;
    const state = () => softphone.summary();
    await until(() => softphone.callbacks(second).length === 3, 'the callbacks of the new page', undefined, state);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(
      softphone.callbacks(second).map((c) => c.eventType),
      JSON.stringify(state()),
    ).to.deep.equal(['disposition', 'partner_config', 'start_call']);
    expect(softphone.callbacks(second)[2]?.payload).to.deep.include({ dialTo: '+15550100199' });
    expect(softphone.callbacks(first).map((c) => c.eventType)).to.deep.equal(['disposition', 'partner_config']);
  });

  it('delivers a start_call clicked just as the frame src is reassigned exactly once', async () => {
    hostFor();
    const first = await softphone.open();
    await softphone.call('load', 'softphone.onBridgeEvent');
    const reloaded = softphone.open({ early: [['load', ['softphone.onBridgeEvent']]] });
    await adapter.clickToDial({ dialTo: '+15550100199' }); // reaches the old page, or else waits for the new one
    const second = await reloaded;
    const startCalls = () =>
      [...softphone.callbacks(first), ...softphone.callbacks(second)].filter((c) => c.eventType === 'start_call');
    await until(
      () => startCalls().length === 1,
      'the start_call',
      undefined,
      () => softphone.summary(),
    );
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(startCalls()).to.have.length(1);
  });

  it('reconnects to a new host on the same frame: a call made in between is sent again and applied once', async () => {
    const first = hostFor();
    const conversationId = 'reload-host';
    const life = await softphone.open();
    await softphone.call('load', 'softphone.onBridgeEvent');
    await softphone.call('incomingCall', ids.partnerId, conversationId, '+15550100100');
    first.dispose();

    const callAccepted = sinon.spy(bridge, 'callAccepted');
    const load = sinon.spy(bridge, 'load');
    const accepted = softphone.call('callAccepted', { ...ids, conversationId }); // goes to the closed port
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(callAccepted.callCount).to.equal(0);

    const second = hostFor();
    expect((await accepted).ok).to.equal(true);
    expect(second.connected).to.equal(true);
    expect(callAccepted.callCount).to.equal(1);
    expect(load.callCount, 'the client repeats load to the new host').to.equal(1);
    // The new host's load delivered the configuration again.
    expect(softphone.callbacks(life).map((c) => c.eventType)).to.deep.equal([
      'disposition',
      'partner_config',
      'disposition',
      'partner_config',
    ]);
    await softphone.call('callEnded', { ...ids, conversationId, duration: 12 });
    await bridge.flush();
    await until(() => crm.callLogs().length === 1, 'the call log');
    expect(crm.callLogs()[0]?.creates).to.equal(1);
  });
});
