import { expect } from '@esm-bundle/chai';
import type { Bridge } from '../../../src/core/bridge.js';
import type { FakeWebhookEndpoint } from '../../fakes/fake-webhook.js';
import { openBundleFrame, type BundleWindow } from '../bundle-frame.js';
import { SECRET, URL_ } from './harness.js';

interface SoftphoneWindow extends BundleWindow {
  softphoneBridge?: Bridge;
  endpoint?: FakeWebhookEndpoint;
}

/** Opens the softphone page in an iframe; the page's script gives the bundle its config. */
const page = (config: unknown) =>
  openBundleFrame<SoftphoneWindow>('/test/adapters/webhook/fixtures/page.html', { config: JSON.stringify(config) });

describe('dist/softphone-bridge.webhook.iife.js', () => {
  it('posts one signed call log per conversation from the config the page set', async () => {
    const { frame, win } = await page({
      url: URL_,
      secret: SECRET,
      partnerConfig: { partnerId: 'p', businessSegmentId: 'b', channelOriginId: 'c' },
    });
    const bridge = win.softphoneBridge as Bridge;
    const received: string[] = [];
    await bridge.load((type: string) => received.push(type));
    expect(received).to.deep.equal(['partner_config']);
    const conversationId = `wh-bundle-${Math.random().toString(36).slice(2)}`;
    await bridge.callEnded(JSON.stringify({ partnerId: 'p', conversationId, duration: 9, notes: 'from the bundle' }));
    await bridge.flush();
    const record = win.endpoint?.records.get(`${conversationId}:callLog`);
    expect(record?.payload.call['notes']).to.equal('from the bundle');
    expect(win.endpoint?.requests[0]?.status).to.equal(201);
    await bridge.dispose();
    frame.remove();
  });

  it('rejects load with CONFIG_INVALID when the page set no config', async () => {
    const { frame, win } = await page({});
    const error = (await win.softphoneBridge
      ?.load(() => {})
      .then(
        () => undefined,
        (e: unknown) => e,
      )) as { code: string; details: { keys: string[] } };
    expect(error.code).to.equal('CONFIG_INVALID');
    expect(error.details.keys).to.deep.equal(['url', 'secret']);
    await win.softphoneBridge?.dispose();
    frame.remove();
  });
});
