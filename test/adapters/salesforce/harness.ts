import { salesforceAdapter } from '../../../adapters/salesforce/index.js';
import { type Bridge } from '../../../src/core/bridge.js';
import { createBridge } from '../../../src/core/create-bridge.js';
import type { BridgeStore } from '../../../src/outbox/bridge-store.js';
import { createMemoryStore } from '../../../src/outbox/memory-store.js';
import { silentLogger } from '../../../src/shared/logger.js';
import { FakeOpenCti } from '../../fakes/fake-open-cti.js';
import { FakeSalesforceOrg, SAMPLE_PARTNER, sampleCallCenterSettings } from '../../fakes/fake-salesforce-org.js';

/** The seed's sample guids. */
export const PARTNER = SAMPLE_PARTNER;

/** A call center `SoftphoneBridge` section as an admin would fill it. */
export const settings = sampleCallCenterSettings;

/** A fake org with three contacts, two of them sharing a switchboard number. */
export function org(settingsOverrides: Record<string, string> = {}): FakeSalesforceOrg {
  const o = new FakeSalesforceOrg(settings(settingsOverrides));
  o.records.push(
    { Id: '003000000000001AAA', Name: 'Ada Lovelace', RecordType: 'Contact', Phone: '(555) 010-0100' },
    { Id: '003000000000002AAA', Name: 'Grace Hopper', RecordType: 'Contact', Phone: '+1 555 010 0200' },
    { Id: '001000000000003AAA', Name: 'Hopper Labs', RecordType: 'Account', Phone: '555-010-0200' },
  );
  return o;
}

/** One "tab": a bridge over the Salesforce adapter over a fake Open CTI on `salesforceOrg`. */
export function tab(
  salesforceOrg: FakeSalesforceOrg,
  options: { store?: BridgeStore | Promise<BridgeStore>; storeName?: string } = {},
): {
  bridge: Bridge;
  cti: FakeOpenCti;
  callback: (type: string, payload: unknown) => void;
  received: [string, unknown][];
} {
  const cti = new FakeOpenCti(salesforceOrg);
  const received: [string, unknown][] = [];
  const bridge = createBridge({
    adapter: salesforceAdapter({ openCti: cti, callbackTimeoutMs: 500 }),
    store: options.store ?? createMemoryStore(),
    ...(options.storeName === undefined ? {} : { storeName: options.storeName }),
    logger: silentLogger,
    retry: { baseDelayMs: 5, maxDelayMs: 20 },
  });
  return { bridge, cti, received, callback: (type, payload) => received.push([type, payload]) };
}

export { until } from '../bundle-frame.js';
