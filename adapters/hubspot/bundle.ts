/**
 * The script a HubSpot calling extension's widget page loads from a URL:
 * `dist/softphone-bridge.hubspot.iife.js`. It includes HubSpot's calling extensions SDK from
 * npm and answers HubSpot's handshake as soon as it runs. Set `window.softphoneBridgeConfig`
 * before the script tag (see the README). Once it has run, `window.softphoneBridge` implements
 * the Softphone contract. Loading it twice keeps the first bridge.
 */
import CallingExtensions from '@hubspot/calling-extensions-sdk';
import { isRecord } from '../../src/contract/index.js';
import { Bridge } from '../../src/core/bridge.js';
import { exposeBridge } from '../../src/core/expose-bridge.js';
import type { EngagementStore } from './engagements.js';
import { hubspotAdapter, type HubSpotAdapterOptions } from './hubspot-adapter.js';

/** localStorage, unless the browser blocks it in this third-party iframe. */
function storage(): EngagementStore | undefined {
  try {
    return window.localStorage;
  } catch {
    // A frame with third-party storage blocked: the engagement ids then last as long as this page.
    console.warn(
      '[softphone-bridge] localStorage refused in this frame; HubSpot engagement ids are kept for this page only',
    );
    return undefined;
  }
}

const page = window as unknown as Window & { softphoneBridge?: unknown; softphoneBridgeConfig?: unknown };
if (page.softphoneBridge === undefined) {
  const config = (isRecord(page.softphoneBridgeConfig) ? page.softphoneBridgeConfig : {}) as Omit<
    HubSpotAdapterOptions,
    'CallingExtensions'
  >;
  const store = storage();
  const adapter = hubspotAdapter({ ...config, CallingExtensions, ...(store === undefined ? {} : { storage: store }) });
  // No fallbackLock: this CRM's pages are https in browsers that all have Web Locks, so the bundle
  // leaves the localStorage lease out (ADR 0009); a refused Web Lock falls back to this page's own.
  exposeBridge(new Bridge({ adapter, storeName: 'softphone-bridge:hubspot' }), page);
}
