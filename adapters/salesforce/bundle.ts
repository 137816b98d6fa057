/**
 * The script a softphone page loads from a URL: `dist/softphone-bridge.salesforce.iife.js`.
 * Once it has run, `window.softphoneBridge` implements the Softphone contract against
 * Salesforce Open CTI. Loading it twice keeps the first bridge (one outbox drainer per page).
 */
import { Bridge } from '../../src/core/bridge.js';
import { exposeBridge } from '../../src/core/expose-bridge.js';
import { loadOpenCti, type LoaderWindow } from './load-open-cti.js';
import { salesforceAdapter } from './salesforce-adapter.js';

const page = window as unknown as LoaderWindow & Window & { softphoneBridge?: unknown };
if (page.softphoneBridge === undefined) {
  // No fallbackLock: this CRM's pages are https in browsers that all have Web Locks, so the bundle
  // leaves the localStorage lease out (ADR 0009); a refused Web Lock falls back to this page's own.
  const bridge = new Bridge({
    adapter: salesforceAdapter({ openCti: (logger) => loadOpenCti(page, { logger }) }),
    storeName: 'softphone-bridge:salesforce',
  });
  exposeBridge(bridge, page);
}
