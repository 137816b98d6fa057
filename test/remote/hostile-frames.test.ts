import { expect } from '@esm-bundle/chai';
import sinon from 'sinon';
import { FakeCrm, fakeAdapter } from '../../adapters/fake/index.js';
import { type Bridge } from '../../src/core/bridge.js';
import { createBridge } from '../../src/core/create-bridge.js';
import { createMemoryStore } from '../../src/outbox/memory-store.js';
import { hostRemoteBridge, type RemoteHost } from '../../src/remote/host.js';
import { silentLogger } from '../../src/shared/logger.js';
import { HOSTILE_ORIGINS, HostileFrame, SOFTPHONE_ORIGIN, SoftphoneFrame } from './cross-origin-harness.js';

/**
 * T12 (research/reliability.md): attackers in sibling frames (two other origins, a sandboxed
 * 'null' origin, and the softphone's own allowed origin in another window) spoof the handshake
 * before the softphone loads, and again after. Nothing is handed to them, nothing of theirs is
 * used, and the real handshake still succeeds.
 */
describe('remote transport against hostile frames', function () {
  this.timeout(30_000);
  let softphone: SoftphoneFrame;
  let attackers: HostileFrame[];
  let bridge: Bridge;
  let host: RemoteHost;

  beforeEach(() => {
    softphone = new SoftphoneFrame();
    attackers = [...HOSTILE_ORIGINS, SOFTPHONE_ORIGIN, null].map((origin) => new HostileFrame(origin));
    bridge = createBridge({
      adapter: fakeAdapter(new FakeCrm({ dispositions: ['resolved'] })),
      store: createMemoryStore(),
      logger: silentLogger,
    });
    host = hostRemoteBridge({ bridge, frame: softphone.frame, allowedOrigins: [SOFTPHONE_ORIGIN] });
  });
  afterEach(async () => {
    host.dispose();
    await bridge.dispose();
    softphone.remove();
    for (const attacker of attackers) attacker.remove();
    sinon.restore();
  });

  it('ignores spoofed handshakes sent first, and the real one still succeeds', async () => {
    const incomingCall = sinon.spy(bridge, 'incomingCall');
    await Promise.all(attackers.map((attacker) => attacker.attack()));
    expect(host.connected, 'a port was handed out before the softphone asked').to.equal(false);

    const life = await softphone.open();
    expect((await softphone.call('load', 'function')).ok).to.equal(true);
    expect(softphone.callbacks(life).map((c) => c.eventType)).to.deep.equal(['disposition']);
    expect((await softphone.call('incomingCall', 'partner-1', 'hostile-conv-1', '+15550100100')).ok).to.equal(true);
    expect(incomingCall.callCount).to.equal(1);
    expect(host.connected).to.equal(true);
    for (const attacker of attackers)
      expect(attacker.reports, `attacker on ${attacker.origin ?? "'null'"}`).to.deep.equal(['spoofed']);
  });

  it('keeps the softphone on its own host when attackers offer it their ports after the handshake', async () => {
    const callAccepted = sinon.spy(bridge, 'callAccepted');
    await softphone.open();
    await softphone.call('load', 'function');
    await softphone.call('incomingCall', 'partner-1', 'hostile-conv-2', '+15550100100');
    await Promise.all(attackers.map((attacker) => attacker.attack()));
    // The next call still goes to the host page, and no attacker's port receives it.
    expect(
      (await softphone.call('callAccepted', { partnerId: 'partner-1', conversationId: 'hostile-conv-2' })).ok,
    ).to.equal(true);
    expect(callAccepted.callCount).to.equal(1);
    await new Promise((resolve) => setTimeout(resolve, 100));
    for (const attacker of attackers)
      expect(attacker.reports, `attacker on ${attacker.origin ?? "'null'"}`).to.deep.equal(['spoofed']);
  });

  it('gives nothing to the configured frame itself once it shows a page of a non-allowed origin', async () => {
    // The right window, the wrong origin: e.g. the softphone frame was navigated to an attacker's page.
    const navigated = new HostileFrame(HOSTILE_ORIGINS[0] as string);
    attackers.push(navigated);
    const guarded = hostRemoteBridge({ bridge, frame: navigated.frame, allowedOrigins: [SOFTPHONE_ORIGIN] });
    try {
      await navigated.attack();
      expect(guarded.connected).to.equal(false);
      expect(navigated.reports).to.deep.equal(['spoofed']);
    } finally {
      guarded.dispose();
    }
  });
});
