/**
 * The script a Dynamics 365 channel provider's widget page loads from a URL:
 * `dist/softphone-bridge.dynamics.iife.js`. The page first loads Microsoft's CIF library
 * (`<org>/webresources/Widget/msdyn_ciLibrary.js` with `data-crmurl` and
 * `data-cifid="CIFMainLibrary"`) and sets `window.softphoneBridgeConfig` (see the README).
 * Once it has run, `window.softphoneBridge` implements the Softphone contract. Loading it twice
 * keeps the first bridge.
 */
import { isRecord } from '../../src/contract/index.js';
import { Bridge } from '../../src/core/bridge.js';
import { exposeBridge } from '../../src/core/expose-bridge.js';
import { dynamicsAdapter, type DynamicsAdapterOptions } from './dynamics-adapter.js';
import { cifReady, type CifWindow } from './load-cif.js';

const page = window as unknown as CifWindow & Window & { softphoneBridge?: unknown; softphoneBridgeConfig?: unknown };
if (page.softphoneBridge === undefined) {
  // Listen now: CIFInitDone may fire before the softphone calls load().
  const cif = cifReady(page);
  cif.catch(() => undefined); // reported by load(), not as an unhandled rejection
  const config = (isRecord(page.softphoneBridgeConfig) ? page.softphoneBridgeConfig : {}) as Omit<
    DynamicsAdapterOptions,
    'cif'
  >;
  // No fallbackLock: this CRM's pages are https in browsers that all have Web Locks, so the bundle
  // leaves the localStorage lease out (ADR 0009); a refused Web Lock falls back to this page's own.
  exposeBridge(
    new Bridge({ adapter: dynamicsAdapter({ ...config, cif: () => cif }), storeName: 'softphone-bridge:dynamics' }),
    page,
  );
}
