import { dynamicsAdapter, type DynamicsAdapterOptions } from '../../../adapters/dynamics/index.js';
import { type Bridge } from '../../../src/core/bridge.js';
import { createBridge } from '../../../src/core/create-bridge.js';
import { createMemoryStore } from '../../../src/outbox/memory-store.js';
import { silentLogger } from '../../../src/shared/logger.js';
import { FakeCif } from '../../fakes/fake-cif.js';
import { FakeCifOrg, type Row } from '../../fakes/fake-cif-org.js';

/** The seed's sample guids. */
export const PARTNER = {
  partnerId: '215fd887-39be-4935-981f-2670d6afeaa7',
  businessSegmentId: 'd6afeaa7-39be-4935-981f-2670215fd887',
  channelOriginId: '57053e21-0440-4689-a27a-513d7dceebde',
};

export const ADA = '0f8fad5b-d9cb-469f-a165-70867728950e';
export const GRACE = '7c9e6679-7425-40de-944b-e07fc1f90ae7';
export const HOPPER_LABS = '1b4e28ba-2fa1-11d2-883f-0016d3cca427';

/** An organisation with a contact, and a contact and an account sharing a switchboard number. */
export function org(): FakeCifOrg {
  const o = new FakeCifOrg();
  o.insert('contact', { fullname: 'Ada Lovelace', telephone1: '+15550100100' }, ADA);
  o.insert('contact', { fullname: 'Grace Hopper', mobilephone: '+15550100200' }, GRACE);
  o.insert('account', { name: 'Hopper Labs', telephone1: '+15550100200' }, HOPPER_LABS);
  return o;
}

/** An initialised fake CIF over `organisation`. */
export function cif(organisation: FakeCifOrg = org(), version: 1 | 2 = 1): FakeCif {
  const fake = new FakeCif(organisation, version);
  fake.init();
  return fake;
}

/** The settings an admin would give, plus the fake. */
export function options(fake: FakeCif, overrides: Partial<DynamicsAdapterOptions> = {}): DynamicsAdapterOptions {
  return {
    cif: fake,
    callTimeoutMs: 500,
    partnerConfig: PARTNER,
    dispositions: ['resolved', 'voicemail'],
    dialFrom: '+1 844 940 1117',
    ...overrides,
  };
}

/** A bridge over the Dynamics adapter over `fake`, recording what the softphone's callback receives. */
export function tab(
  fake: FakeCif,
  overrides: Partial<DynamicsAdapterOptions> = {},
): { bridge: Bridge; received: [string, unknown][]; callback: (type: string, payload: unknown) => void } {
  const received: [string, unknown][] = [];
  const bridge = createBridge({
    adapter: dynamicsAdapter(options(fake, overrides)),
    store: createMemoryStore(),
    logger: silentLogger,
    retry: { baseDelayMs: 5, maxDelayMs: 20 },
  });
  return { bridge, received, callback: (type, payload) => received.push([type, payload]) };
}

/** The phone calls logged for a conversation (by the key attribute). */
export function callsFor(fake: FakeCif, conversationId: string, keyAttribute = 'subcategory'): Row[] {
  return fake.phoneCalls().filter((row) => row[keyAttribute] === conversationId);
}

export { until } from '../bundle-frame.js';
