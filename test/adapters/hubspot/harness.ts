import { DETAILS_SEPARATOR, hubspotAdapter, type HubSpotAdapterOptions } from '../../../adapters/hubspot/index.js';
import { createBridge, type Bridge } from '../../../src/core/bridge.js';
import { createMemoryStore } from '../../../src/outbox/memory-store.js';
import { silentLogger } from '../../../src/shared/logger.js';
import { FakeHubSpot, type FakeEngagement } from '../../fakes/fake-hubspot.js';

/** The seed's sample guids. */
export const PARTNER = {
  partnerId: '215fd887-39be-4935-981f-2670d6afeaa7',
  businessSegmentId: 'd6afeaa7-39be-4935-981f-2670215fd887',
  channelOriginId: '57053e21-0440-4689-a27a-513d7dceebde',
};

/** Disposition codes mapped to HubSpot call outcome ids (a portal's own, and two defaults). */
export const OUTCOMES = { resolved: 'f240bbac-87c9-4f6e-bf70-924b57d47db7', voicemail: 'b2cf5968-551e-4856-9783-52b3da59a7d0' };

/** A portal with a contact, and a contact and a company sharing a switchboard number. */
export function portal(): FakeHubSpot {
  const hubspot = new FakeHubSpot();
  hubspot.objects.push(
    { objectId: 101, objectTypeId: '0-1', phone: '+15550100100', firstName: 'Ada', lastName: 'Lovelace' },
    { objectId: 102, objectTypeId: '0-1', phone: '+15550100200', firstName: 'Grace', lastName: 'Hopper' },
    { objectId: 201, objectTypeId: '0-2', phone: '+15550100200', name: 'Hopper Labs' },
  );
  return hubspot;
}

/** Adapter options as a page would give them, over `hubspot`'s SDK class. */
export function options(hubspot: FakeHubSpot, overrides: Partial<HubSpotAdapterOptions> = {}): HubSpotAdapterOptions {
  return { CallingExtensions: hubspot.sdkClass(), partnerConfig: PARTNER, dispositions: OUTCOMES, dialFrom: '+1 844 940 1117', replyTimeoutMs: 200, readyTimeoutMs: 500, ...overrides };
}

/** A bridge over the HubSpot adapter in `hubspot`'s widget, recording the softphone's callback. */
export function tab(hubspot: FakeHubSpot, overrides: Partial<HubSpotAdapterOptions> = {}): { bridge: Bridge; received: [string, unknown][]; callback: (type: string, payload: unknown) => void } {
  const received: [string, unknown][] = [];
  const bridge = createBridge({ adapter: hubspotAdapter(options(hubspot, overrides)), store: createMemoryStore(), logger: silentLogger, retry: { baseDelayMs: 5, maxDelayMs: 20 } });
  return { bridge, received, callback: (type, payload) => received.push([type, payload]) };
}

const unescape = (html: string) => html.replace(/<br>/g, '\n').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');

/** An engagement read back as a call log: notes, duration, disposition code. */
export function asLog(engagement: FakeEngagement): { notes: string | undefined; durationSeconds: number; disposition: string | undefined } {
  const body = unescape(String(engagement.properties['hs_call_body'] ?? ''));
  const outcome = engagement.properties['hs_call_disposition'];
  return {
    notes: body.startsWith(DETAILS_SEPARATOR) ? '' : body.split(`\n\n${DETAILS_SEPARATOR}`)[0],
    durationSeconds: Number(engagement.properties['hs_call_duration']) / 1000,
    disposition: Object.entries(OUTCOMES).find(([, id]) => id === outcome)?.[0],
  };
}

export { until } from '../bundle-frame.js';
