/**
 * The script a Zendesk app's iframe pages load from a URL:
 * `dist/softphone-bridge.zendesk.iife.js`. It includes the ZAF SDK from npm; the admin's app
 * settings (manifest parameters) configure it, and `window.softphoneBridgeConfig`, when set,
 * gives defaults. Once it has run, `window.softphoneBridge` implements the Softphone contract
 * (used by the softphone in the `top_bar` location). In the `background` location the same
 * script relays Zendesk's `voice.dialout` to the top bar (see dialout-relay.ts); nothing calls
 * the bridge there. Loading it twice keeps the first bridge.
 */
import ZAFClient from 'zendesk_app_framework_sdk';
import { configInvalid, isRecord } from '../../src/contract/index.js';
import { Bridge } from '../../src/core/bridge.js';
import { exposeBridge } from '../../src/core/expose-bridge.js';
import { relayDialouts } from './dialout-relay.js';
import { zendeskAdapter } from './zendesk-adapter.js';

const page = window as unknown as Window & { softphoneBridge?: unknown; softphoneBridgeConfig?: unknown };
if (page.softphoneBridge === undefined) {
  // The handshake starts now, so that Zendesk has registered the app by the time load() runs.
  const client = ZAFClient.init();
  if (client !== false) {
    void client.context().then((context: unknown) => {
      if ((context as { location?: unknown } | null)?.location === 'background') relayDialouts(client);
    });
  }
  const settings = (isRecord(page.softphoneBridgeConfig) ? page.softphoneBridgeConfig : {}) as Record<string, unknown>;
  const adapter = zendeskAdapter({
    settings,
    client: () => {
      if (client !== false) return client;
      throw configInvalid(
        ['origin', 'app_guid'],
        'ZAF cannot start: the page URL lacks the origin and app_guid parameters Zendesk adds to an app iframe (is the page loaded as a Zendesk app?).',
      );
    },
  });
  // No fallbackLock: this CRM's pages are https in browsers that all have Web Locks, so the bundle
  // leaves the localStorage lease out (ADR 0009); a refused Web Lock falls back to this page's own.
  exposeBridge(new Bridge({ adapter, storeName: 'softphone-bridge:zendesk' }), page);
}
