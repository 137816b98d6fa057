import { expect } from '@esm-bundle/chai';
import type { Bridge } from '../../../src/core/bridge.js';
import { FakeZendesk } from '../../fakes/fake-zaf.js';
import { DIALOUT_EXAMPLE } from '../../fixtures/vendor/zendesk/voice-dialout.js';
import { openBundleFrame, type BundleWindow } from '../bundle-frame.js';
import { PARTNER, appSettings, support, ticketsFor, until } from './harness.js';
import { ZendeskWireHost } from './wire-host.js';

interface AppWindow extends BundleWindow {
  softphoneBridge?: Bridge;
}

/** The app page that loads the built bundle (with the real ZAF SDK inside). */
const APP_PAGE = '/test/adapters/zendesk/fixtures/app.html';

describe('dist/softphone-bridge.zendesk.iife.js (with the real ZAF SDK)', () => {
  it('registers with Zendesk, pops the caller, logs one ticket, and takes click-to-call relayed from the background location', async () => {
    const account = support();
    const zendesk = new FakeZendesk(account, appSettings(), { dialoutLocations: ['background'] }).register();
    const host = new ZendeskWireHost(zendesk);
    const { win } = await host.open<AppWindow>('top_bar', APP_PAGE);
    await host.open<AppWindow>('background', APP_PAGE); // the manifest's background location runs the same script
    const bridge = win.softphoneBridge as Bridge;
    const received: [string, unknown][] = [];
    await bridge.load((type: string, payload: unknown) => received.push([type, payload]));
    expect(received).to.deep.equal([
      ['disposition', ['resolved', 'callback-requested']],
      ['partner_config', PARTNER],
    ]);
    const conversationId = `zd-bundle-${Math.random().toString(36).slice(2)}`;
    await bridge.incomingCall(PARTNER.partnerId, conversationId, '+15550100100');
    await until(() => zendesk.views.some((v) => v.kind === 'route'), 'the route to the user');
    expect(zendesk.views).to.deep.include({ kind: 'route', target: 'user', id: 1 });
    await bridge.callEnded(
      JSON.stringify({ partnerId: PARTNER.partnerId, conversationId, duration: 9, notes: 'from the bundle' }),
    );
    await until(() => ticketsFor(account, conversationId).length === 1, 'the ticket');
    expect(ticketsFor(account, conversationId)[0]?.comments[0]?.body).to.match(/^from the bundle\n\n— Call details —/);
    await until(() => zendesk.handlers('voice.dialout') === 2, 'the top bar and the background relay listening');
    expect(zendesk.dialout(DIALOUT_EXAMPLE.number).map((i) => i.location)).to.deep.equal(['background']);
    await until(() => received.some(([type]) => type === 'start_call'), 'start_call');
    expect((received.find(([type]) => type === 'start_call')?.[1] as { dialTo: string }).dialTo).to.equal(
      '+18883973342',
    );
    await bridge.dispose();
    host.dispose();
  });

  it('refuses to load outside a Zendesk app iframe, naming the URL parameters', async () => {
    const { frame, win } = await openBundleFrame<AppWindow>(APP_PAGE, {});
    const error = (await win.softphoneBridge
      ?.load(() => {})
      .then(
        () => undefined,
        (e: unknown) => e,
      )) as { code: string; details: { keys: string[] } };
    expect(error.code).to.equal('CONFIG_INVALID');
    expect(error.details.keys).to.deep.equal(['origin', 'app_guid']);
    await win.softphoneBridge?.dispose();
    frame.remove();
  });
});
