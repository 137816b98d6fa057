import { expect } from '@esm-bundle/chai';
import type { Bridge } from '../../../src/core/bridge.js';
import { openBundleFrame, type BundleWindow } from '../bundle-frame.js';
import { OUTCOMES, PARTNER, portal, until } from './harness.js';
import { HubSpotWireHost } from './wire-host.js';

interface WidgetWindow extends BundleWindow {
  softphoneBridge?: Bridge;
}

/** Opens the widget page in an iframe, as HubSpot opens a calling extension's URL. */
const widget = (config: unknown) =>
  openBundleFrame<WidgetWindow>('/test/adapters/hubspot/fixtures/widget.html', { config: JSON.stringify(config) });

describe('dist/softphone-bridge.hubspot.iife.js (with the real calling extensions SDK)', () => {
  it('completes the handshake, logs one engagement and dials from HubSpot', async () => {
    const hubspot = portal();
    const { frame, win } = await widget({ partnerConfig: PARTNER, dispositions: OUTCOMES, replyTimeoutMs: 2000 });
    const host = new HubSpotWireHost(hubspot, frame);
    host.sync();
    const bridge = win.softphoneBridge as Bridge;
    const received: [string, unknown][] = [];
    await bridge.load((type: string, payload: unknown) => received.push([type, payload]));
    expect(received.map(([type]) => type)).to.deep.equal(['disposition', 'partner_config']);
    await until(() => hubspot.received.length >= 2, 'the lifecycle messages');
    expect(hubspot.received.slice(0, 2).map((m) => m.type)).to.deep.equal(['INITIALIZED', 'LOGGED_IN']);

    const conversationId = `hs-bundle-${Math.random().toString(36).slice(2)}`;
    await bridge.incomingCall(PARTNER.partnerId, conversationId, '+15550100100');
    await until(async () => (await bridge.getCall(conversationId))?.crmRecord?.id === '101', 'the caller-ID match');
    await bridge.callAccepted(JSON.stringify({ partnerId: PARTNER.partnerId, conversationId })); // a JSON string: objects from another frame are not plain objects there
    await bridge.callEnded(
      JSON.stringify({
        partnerId: PARTNER.partnerId,
        conversationId,
        duration: 9,
        notes: 'from the bundle',
        disposition: 'resolved',
      }),
    );
    await until(() => hubspot.engagementsFor(conversationId)[0]?.updates === 1, 'the completed engagement');
    expect(hubspot.engagementsFor(conversationId)).to.have.length(1);
    expect(hubspot.engagementsFor(conversationId)[0]?.properties).to.deep.include({
      hs_call_disposition: OUTCOMES.resolved,
      hs_call_duration: '9000',
    });
    expect(hubspot.navigations).to.have.length(1);
    expect(hubspot.violations).to.deep.equal([]);

    hubspot.dial({ phoneNumber: '(888) 397-3342', objectId: 101, objectType: 'CONTACT' });
    await until(() => received.some(([type]) => type === 'start_call'), 'start_call');
    expect((received.find(([type]) => type === 'start_call')?.[1] as { dialTo: string }).dialTo).to.equal(
      '+18883973342',
    );
    await bridge.dispose();
    host.dispose();
    frame.remove();
  });

  it('keeps the remote copy of a calling window silent: its load rejects and HubSpot hears only initialized (HS-1)', async () => {
    const hubspot = portal();
    const { frame, win } = await widget({ partnerConfig: PARTNER, dispositions: OUTCOMES });
    const host = new HubSpotWireHost(hubspot, frame, { iframeLocation: 'remote', usesCallingWindow: true });
    host.sync();
    const error = (await win.softphoneBridge
      ?.load(() => {})
      .then(
        () => undefined,
        (e: unknown) => e,
      )) as { code: string; retryable: boolean; details: Record<string, unknown> };
    expect(error.code).to.equal('ADAPTER_CONNECT_FAILED');
    expect(error.retryable).to.equal(false);
    expect(error.details).to.deep.include({ iframeLocation: 'remote' });
    await until(() => hubspot.received.length === 1, 'the initialized message');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(hubspot.received.map((m) => [m.type, m.from])).to.deep.equal([['INITIALIZED', 'remote']]);
    await win.softphoneBridge?.dispose();
    host.dispose();
    frame.remove();
  });

  it('rejects load with CONFIG_INVALID when the page gives no partner config', async () => {
    const { frame, win } = await widget({});
    const host = new HubSpotWireHost(portal(), frame);
    host.sync();
    const error = (await win.softphoneBridge
      ?.load(() => {})
      .then(
        () => undefined,
        (e: unknown) => e,
      )) as { code: string; details: { keys: string[] } };
    expect(error.code).to.equal('CONFIG_INVALID');
    expect(error.details.keys).to.deep.equal(['partnerConfig']);
    await win.softphoneBridge?.dispose();
    host.dispose();
    frame.remove();
  });
});
