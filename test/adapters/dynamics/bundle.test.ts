import { expect } from '@esm-bundle/chai';
import type { Bridge } from '../../../src/core/bridge.js';
import type { FakeCif } from '../../fakes/fake-cif.js';
import { openBundleFrame, type BundleWindow } from '../bundle-frame.js';
import { ADA, PARTNER, callsFor, until } from './harness.js';

interface WidgetWindow extends BundleWindow {
  softphoneBridge?: Bridge;
  fakeCif?: FakeCif;
}

/** Opens the widget page in an iframe, as Dynamics opens a channel provider's URL. */
const widget = (config: unknown) =>
  openBundleFrame<WidgetWindow>('/test/adapters/dynamics/fixtures/widget.html', { config: JSON.stringify(config) });

describe('dist/softphone-bridge.dynamics.iife.js', () => {
  it('waits for CIFInitDone, pops the caller and logs one phone call', async () => {
    const { frame, win } = await widget({ partnerConfig: PARTNER, dispositions: ['resolved'] });
    const bridge = win.softphoneBridge as Bridge;
    const received: string[] = [];
    await bridge.load((type: string) => received.push(type));
    expect(received).to.deep.equal(['disposition', 'partner_config']);
    const cif = win.fakeCif as FakeCif;
    expect(cif.clickToAct).to.equal(true);
    const conversationId = `dyn-bundle-${Math.random().toString(36).slice(2)}`;
    await bridge.incomingCall(PARTNER.partnerId, conversationId, '+15550100100');
    await until(() => cif.views.length === 1, 'the screen pop');
    expect(cif.views[0]).to.deep.equal({ kind: 'record', entity: 'contact', id: ADA });
    await bridge.callEnded(
      JSON.stringify({ partnerId: PARTNER.partnerId, conversationId, duration: 9, notes: 'from the bundle' }),
    );
    await until(() => callsFor(cif, conversationId).length === 1, 'the phone call');
    expect(String(callsFor(cif, conversationId)[0]?.['description'])).to.match(/^from the bundle\n/);
    await bridge.dispose();
    frame.remove();
  });

  it('rejects load with CONFIG_INVALID naming the missing partner config', async () => {
    const { frame, win } = await widget({});
    const error = (await win.softphoneBridge
      ?.load(() => {})
      .then(
        () => undefined,
        (e: unknown) => e,
      )) as { code: string; details: { keys: string[] } };
    expect(error.code).to.equal('CONFIG_INVALID');
    expect(error.details.keys).to.deep.equal(['partnerConfig']);
    await win.softphoneBridge?.dispose();
    frame.remove();
  });
});
