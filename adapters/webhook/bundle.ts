/**
 * The script a page loads from a URL: `dist/softphone-bridge.webhook.iife.js`. Set
 * `window.softphoneBridgeConfig = { url, secret, partnerConfig?, dispositions?, timeoutMs? }`
 * before the script tag; once it has run, `window.softphoneBridge` implements the Softphone
 * contract and POSTs each call log to `url`. Loading it twice keeps the first bridge.
 */
import { Bridge } from '../../src/core/bridge.js';
import { exposeBridge } from '../../src/core/expose-bridge.js';
import { leaseLock } from '../../src/outbox/lease-lock.js';
import type { WebhookAdapterOptions } from './options.js';
import { webhookAdapter } from './webhook-adapter.js';

const page = window as unknown as Window & { softphoneBridge?: unknown; softphoneBridgeConfig?: unknown };
if (page.softphoneBridge === undefined) {
  // Checked in connect, so that a missing or wrong config makes load() reject with CONFIG_INVALID:
  // copied by a spread, anything that is not an object gives no option the parser reads.
  const options = { ...(page.softphoneBridgeConfig as object | undefined) } as WebhookAdapterOptions;
  // Any page may load this bundle, http ones too, where Web Locks are missing: the tabs then share a
  // lease in localStorage so that one drains at a time (the https-only CRM bundles leave it out).
  exposeBridge(
    new Bridge({ adapter: webhookAdapter(options), storeName: 'softphone-bridge:webhook', fallbackLock: leaseLock }),
    page,
  );
}
