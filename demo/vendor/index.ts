/**
 * The issue-5 demo switch: a simulated vendor softphone (a fake vendor SDK with buttons) whose
 * connector drives the Softphone contract, so that "vendor event → connector → contract → CRM"
 * can be watched. The softphone page mounts it for `?softphone=sobot|voicenter|sociomile`.
 */
import type { Clock, ContractTarget, Logger } from '../../src/contract/index.js';
import { systemClock } from '../../src/shared/clock.js';
import { consoleLogger } from '../../src/shared/logger.js';
import type { VendorSoftphone } from './panel.js';
import { mountSobotPanel } from './sobot-panel.js';
import { mountSociomilePanel } from './sociomile-panel.js';
import type { VendorCloud } from './vendor-cloud.js';
import { mountVoicenterPanel } from './voicenter-panel.js';

export type { VendorSoftphone } from './panel.js';
export { httpCloud, type CloudAnswer, type CloudPath, type VendorCloud } from './vendor-cloud.js';

/** A vendor whose softphone the demo can simulate. */
export type VendorName = 'sobot' | 'voicenter' | 'sociomile';

/** The simulated vendors, in the order the connectors' README lists them. */
export const VENDOR_NAMES: readonly VendorName[] = Object.freeze(['sobot', 'voicenter', 'sociomile'] as const);

/** Whether `value` names a simulated vendor (e.g. the `softphone` query parameter). Exact, lower case. */
export function isVendorName(value: unknown): value is VendorName {
  return typeof value === 'string' && (VENDOR_NAMES as readonly string[]).includes(value);
}

/** What the panels are given: the relay (Voicenter, Sociomile) and, for tests, the connector's clock (call durations) and logger. */
export interface VendorSoftphoneOptions {
  /** The vendor's cloud and the relay it posts to. Required for Voicenter and Sociomile, whose calls report through it. */
  readonly cloud?: VendorCloud;
  /** Measures talk time where the vendor does not state it. Default: the page's clock. */
  readonly clock?: Clock;
  /** The connector's logger (ids and codes only). Default: the console, warnings and up. */
  readonly logger?: Logger;
}

/**
 * Mounts a simulated vendor softphone (a fake vendor SDK with buttons) whose connector drives
 * `contract`: the in-page `Bridge`, or `window.softphoneBridge` from the remote client in a
 * softphone frame. Resolves once the connector has loaded the contract (the CRM's
 * `partner_config` has arrived); rejects, leaving `container` as it was, when it cannot.
 *
 * @example
 * const vendor = new URLSearchParams(location.search).get('softphone');
 * if (isVendorName(vendor)) await mountVendorSoftphone(document.querySelector('main')!, vendor, window.softphoneBridge!);
 */
export function mountVendorSoftphone(
  container: HTMLElement,
  vendor: VendorName,
  contract: ContractTarget,
  options: VendorSoftphoneOptions = {},
): Promise<VendorSoftphone> {
  const env = { clock: options.clock ?? systemClock, logger: options.logger ?? consoleLogger('warn') };
  switch (vendor) {
    case 'sobot':
      return mountSobotPanel(container, contract, env);
    case 'voicenter':
    case 'sociomile':
      if (options.cloud === undefined)
        return Promise.reject(
          new TypeError(`mountVendorSoftphone: ${vendor} needs options.cloud (the relay its cloud posts to).`),
        );
      return vendor === 'voicenter'
        ? mountVoicenterPanel(container, contract, env, options.cloud)
        : mountSociomilePanel(container, contract, env, options.cloud);
    default:
      // Callers from plain JavaScript may pass anything: refuse clearly rather than mount nothing.
      return Promise.reject(new TypeError('mountVendorSoftphone: vendor must be one of VENDOR_NAMES.'));
  }
}
