import { expect } from '@esm-bundle/chai';
import type { Bridge } from '../../../src/core/bridge.js';
import type { FakeSalesforceOrg } from '../../fakes/fake-salesforce-org.js';
import { openBundleFrame, type BundleWindow } from '../bundle-frame.js';
import { settings, until } from './harness.js';

interface SoftphoneWindow extends BundleWindow {
  softphoneBridge?: Bridge;
  fakeOrg?: FakeSalesforceOrg;
}

/** Opens the softphone page in an iframe, as Salesforce opens the call center's adapter URL. */
const softphonePage = (query: Record<string, string>) =>
  openBundleFrame<SoftphoneWindow>('/test/fixtures/salesforce-softphone.html', query);

const validQuery = {
  mode: 'Lightning',
  sfdcIframeOrigin: `http://acme.lightning.force.com`,
  settings: JSON.stringify(settings()),
};

describe('dist/softphone-bridge.salesforce.iife.js', () => {
  it('defines window.softphoneBridge with the eight contract methods, and a call ends in one Task', async () => {
    const { frame, win } = await softphonePage(validQuery);
    const bridge = win.softphoneBridge as Bridge;
    for (const method of [
      'load',
      'incomingCall',
      'callAccepted',
      'callRejected',
      'callEnded',
      'callNotesSubmitted',
      'outboundCallInitiated',
      'statusChanged',
    ] as const) {
      expect(bridge[method], method).to.be.a('function');
    }
    const received: string[] = [];
    await bridge.load((type: string) => received.push(type));
    expect(received).to.deep.equal(['disposition', 'partner_config']);
    const conversationId = `bundle-${Math.random().toString(36).slice(2)}`;
    const partnerId = '215fd887-39be-4935-981f-2670d6afeaa7';
    await bridge.incomingCall(partnerId, conversationId, '+19995550000');
    await bridge.callEnded(JSON.stringify({ partnerId, conversationId, duration: 9, notes: 'from the bundle' }));
    await until(() => (win.fakeOrg?.tasksFor(conversationId).length ?? 0) === 1, 'the Task');
    expect(win.fakeOrg?.tasksFor(conversationId)[0]?.fields['Description']).to.equal('from the bundle');
    await bridge.dispose();
    frame.remove();
  });

  it('refuses to load without the URL parameters Salesforce adds, naming them, when it must load Open CTI itself', async () => {
    const { frame, win } = await softphonePage({ settings: JSON.stringify(settings()), withScript: '0' });
    const error = (await win.softphoneBridge
      ?.load(() => {})
      .then(
        () => undefined,
        (e: unknown) => e,
      )) as { code: string; details: { keys: string[] } };
    expect(error.code).to.equal('CONFIG_INVALID');
    expect(error.details.keys).to.deep.equal(['sfdcIframeOrigin', 'mode']);
    await win.softphoneBridge?.dispose();
    frame.remove();
  });

  it('loads without the URL parameters when the page already has sforce.opencti', async () => {
    const { frame, win } = await softphonePage({ settings: JSON.stringify(settings()) });
    const received: string[] = [];
    await win.softphoneBridge?.load((type: string) => received.push(type));
    expect(received).to.deep.equal(['disposition', 'partner_config']);
    await win.softphoneBridge?.dispose();
    frame.remove();
  });
});
