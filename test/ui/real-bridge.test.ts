import { expect } from '@esm-bundle/chai';
import { FakeCrm, fakeAdapter } from '../../adapters/fake/index.js';
import { type Bridge } from '../../src/core/bridge.js';
import { createBridge } from '../../src/core/create-bridge.js';
import { createMemoryStore } from '../../src/outbox/memory-store.js';
import type { RemoteClient } from '../../src/remote/client.js';
import { silentLogger } from '../../src/shared/logger.js';
import type { DialBridge, SoftphoneBridge, StatusBridge } from '../../src/ui/bridge-like.js';
import { $, cleanup, edit, mount, PARTNER, settle } from './helpers.js';

// Compile-time check: the in-page Bridge and the remote client fit the interfaces the UI takes.
export const fits = (
  bridge: Bridge,
  remote: RemoteClient,
): [SoftphoneBridge, StatusBridge, DialBridge, SoftphoneBridge] => [bridge, bridge, bridge, remote];

async function until(condition: () => boolean, element: { updateComplete: Promise<boolean> }): Promise<void> {
  for (let i = 0; i < 100 && !condition(); i++) {
    await new Promise((resolve) => setTimeout(resolve, 10));
    await element.updateComplete;
  }
  expect(condition()).to.equal(true);
}

describe('the UI on a real bridge (fake adapter)', () => {
  let bridge: Bridge;
  afterEach(async () => {
    cleanup();
    await bridge.dispose();
  });

  it('an inbound call from the panel ends in one call log with disposition and notes; the status panel follows', async () => {
    const crm = new FakeCrm({
      dispositions: ['resolved', 'callback'],
      partnerConfig: PARTNER,
      contacts: [{ id: 'C-1', name: 'Maya Okafor', phone: '+14155550101' }],
    });
    bridge = createBridge({ adapter: fakeAdapter(crm), store: createMemoryStore(), logger: silentLogger });
    const strip = await mount('sb-bridge-status', { bridge, refreshInterval: 0 });
    const phone = await mount('sb-softphone', { bridge, callers: [{ name: 'Maya Okafor', number: '+14155550101' }] });
    await until(() => phone.phase === 'idle' && strip.connectionState === 'connected', phone);

    phone.simulateIncoming();
    await until(() => phone.shadowRoot?.querySelector('.record') !== null, phone);
    expect($(phone, '.record').textContent).to.equal('CRM record: Maya Okafor');
    phone.accept();
    await settle(phone);
    edit($<HTMLSelectElement>(phone, '#disposition'), 'resolved');
    edit($<HTMLTextAreaElement>(phone, '#notes'), 'Asked about billing');
    await settle(phone);
    phone.hangUp();
    await settle(phone);
    await bridge.flush();
    await strip.refresh();
    await settle(strip);

    const logs = crm.callLogs();
    expect(logs).to.have.length(1);
    expect(logs[0]?.call).to.include({
      conversationId: phone.conversationId,
      disposition: 'resolved',
      notes: 'Asked about billing',
      state: 'ended',
    });
    expect($(strip, '#pending').textContent).to.equal('0');
  });

  it('startCall on the bridge makes the panel dial (start_call)', async () => {
    const crm = new FakeCrm({ partnerConfig: PARTNER });
    bridge = createBridge({ adapter: fakeAdapter(crm), store: createMemoryStore(), logger: silentLogger });
    const phone = await mount('sb-softphone', { bridge });
    await until(() => phone.phase === 'idle', phone);
    await bridge.startCall({ dialTo: '+14155550142' });
    await until(() => phone.phase === 'dialing', phone);
    let call = await bridge.getCall(phone.conversationId ?? '');
    for (let i = 0; i < 50 && call === undefined; i++) {
      await new Promise((resolve) => setTimeout(resolve, 10));
      call = await bridge.getCall(phone.conversationId ?? '');
    }
    expect(call).to.include({ direction: 'outbound', phoneNumber: '+14155550142', state: 'dialing' });
  });
});
