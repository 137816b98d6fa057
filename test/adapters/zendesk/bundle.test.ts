import { expect } from '@esm-bundle/chai';
import type { Bridge } from '../../../src/core/bridge.js';
import { FakeZafClient } from '../../fakes/fake-zaf.js';
import { openBundleFrame, type BundleWindow } from '../bundle-frame.js';
import { PARTNER, appSettings, support, ticketsFor, until } from './harness.js';
import { ZendeskWireHost } from './wire-host.js';

interface AppWindow extends BundleWindow {
  softphoneBridge?: Bridge;
}

/**
 * Opens the app page in an iframe, as Zendesk opens an app (with `origin` and `app_guid`).
 * `beforeLoad` gets the frame before it loads, so that a host listens before the SDK's handshake.
 */
const app = (query: Record<string, string>, beforeLoad?: (frame: HTMLIFrameElement) => void) => openBundleFrame<AppWindow>('/test/adapters/zendesk/fixtures/app.html', query, beforeLoad);

describe('dist/softphone-bridge.zendesk.iife.js (with the real ZAF SDK)', () => {
  it('registers with Zendesk, pops the caller, logs one ticket and takes click-to-call', async () => {
    const account = support();
    const zendesk = new FakeZafClient(account, appSettings()).register();
    let host: ZendeskWireHost | undefined;
    const { frame, win } = await app({ origin: location.origin, app_guid: 'test-app-guid' }, (f) => (host = new ZendeskWireHost(zendesk, f)));
    const bridge = win.softphoneBridge as Bridge;
    const received: [string, unknown][] = [];
    const loading = bridge.load((type: string, payload: unknown) => received.push([type, payload]));
    await loading;
    expect(received).to.deep.equal([
      ['disposition', ['resolved', 'callback-requested']],
      ['partner_config', PARTNER],
    ]);
    const conversationId = `zd-bundle-${Math.random().toString(36).slice(2)}`;
    await bridge.incomingCall(PARTNER.partnerId, conversationId, '+15550100100');
    await until(() => zendesk.views.some((v) => v.kind === 'route'), 'the route to the user');
    expect(zendesk.views).to.deep.include({ kind: 'route', target: 'user', id: 1 });
    await bridge.callEnded(JSON.stringify({ partnerId: PARTNER.partnerId, conversationId, duration: 9, notes: 'from the bundle' }));
    await until(() => ticketsFor(account, conversationId).length === 1, 'the ticket');
    expect(ticketsFor(account, conversationId)[0]?.comments[0]?.body).to.match(/^from the bundle\n\n— Call details —/);
    host?.dialout('(888) 397-3342');
    await until(() => received.some(([type]) => type === 'start_call'), 'start_call');
    expect((received.find(([type]) => type === 'start_call')?.[1] as { dialTo: string }).dialTo).to.equal('+18883973342');
    await bridge.dispose();
    host?.dispose();
    frame.remove();
  });

  it('refuses to load outside a Zendesk app iframe, naming the URL parameters', async () => {
    const { frame, win } = await app({});
    const error = (await win.softphoneBridge?.load(() => {}).then(() => undefined, (e: unknown) => e)) as { code: string; details: { keys: string[] } };
    expect(error.code).to.equal('CONFIG_INVALID');
    expect(error.details.keys).to.deep.equal(['origin', 'app_guid']);
    await win.softphoneBridge?.dispose();
    frame.remove();
  });
});
