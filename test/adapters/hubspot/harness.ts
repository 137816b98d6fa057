import { DETAILS_SEPARATOR, hubspotAdapter, type HubSpotAdapterOptions } from '../../../adapters/hubspot/index.js';
import { type Bridge } from '../../../src/core/bridge.js';
import { createBridge } from '../../../src/core/create-bridge.js';
import { createMemoryStore } from '../../../src/outbox/memory-store.js';
import { silentLogger } from '../../../src/shared/logger.js';
import type { CallingExtensionsClass } from '../../../adapters/hubspot/calling-extensions.types.js';
import { FakeHubSpot, type FakeEngagement } from '../../fakes/fake-hubspot.js';
import { openBundleFrame, until, type BundleWindow } from '../bundle-frame.js';
import { HubSpotWireHost, type WidgetPlacement } from './wire-host.js';

/** The seed's sample guids. */
export const PARTNER = {
  partnerId: '215fd887-39be-4935-981f-2670d6afeaa7',
  businessSegmentId: 'd6afeaa7-39be-4935-981f-2670215fd887',
  channelOriginId: '57053e21-0440-4689-a27a-513d7dceebde',
};

/** Disposition codes mapped to HubSpot call outcome ids (a portal's own, and two defaults). */
export const OUTCOMES = {
  resolved: 'f240bbac-87c9-4f6e-bf70-924b57d47db7',
  voicemail: 'b2cf5968-551e-4856-9783-52b3da59a7d0',
};

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

/** The widget page with the real SDK only (`window.CallingExtensions`). */
export const SDK_PAGE = '/test/adapters/hubspot/fixtures/sdk.html';

const hosts: HubSpotWireHost[] = [];
const frames: HTMLIFrameElement[] = [];

/**
 * A copy of the widget in an iframe running the real `@hubspot/calling-extensions-sdk`, with a
 * wire host answering as `hubspot` would for that placement (the calling window unless told).
 * The host starts HubSpot's handshake unless `sync` is false (then call `host.sync()`).
 */
export async function widget(
  hubspot: FakeHubSpot,
  placement: WidgetPlacement = {},
  { sync = true }: { sync?: boolean } = {},
): Promise<{ CallingExtensions: CallingExtensionsClass; host: HubSpotWireHost }> {
  const { frame, win } = await openBundleFrame<BundleWindow & { CallingExtensions?: CallingExtensionsClass }>(
    SDK_PAGE,
    {},
  );
  frames.push(frame);
  const host = new HubSpotWireHost(hubspot, frame, placement);
  hosts.push(host);
  if (sync) host.sync();
  if (win.CallingExtensions === undefined) throw new Error('the SDK fixture page did not expose CallingExtensions');
  return { CallingExtensions: win.CallingExtensions, host };
}

/** Waits until every copy of the widget answered HubSpot's handshake (`SYNC_ACK` reached the host). */
export function synced(hubspot: FakeHubSpot): Promise<void> {
  return until(() => hubspot.widgets.length > 0 && hubspot.widgets.every((w) => w.ready), 'the handshake');
}

/** Removes every widget iframe and its host (call after each test). */
export function closeWidgets(): void {
  for (const host of hosts.splice(0)) host.dispose();
  for (const frame of frames.splice(0)) frame.remove();
}

/** Adapter options as a page would give them, over the SDK class of a widget iframe. */
export function options(
  CallingExtensions: CallingExtensionsClass,
  overrides: Partial<HubSpotAdapterOptions> = {},
): HubSpotAdapterOptions {
  return {
    CallingExtensions,
    partnerConfig: PARTNER,
    dispositions: OUTCOMES,
    dialFrom: '+1 844 940 1117',
    replyTimeoutMs: 200,
    readyTimeoutMs: 500,
    ...overrides,
  };
}

/**
 * A bridge over the HubSpot adapter in a copy of `hubspot`'s widget, recording the softphone's
 * callback. The adapter constructs the real SDK class; nothing fakes the SDK.
 */
export async function tab(
  hubspot: FakeHubSpot,
  overrides: Partial<HubSpotAdapterOptions> = {},
  placement: WidgetPlacement = {},
  { sync = true }: { sync?: boolean } = {},
): Promise<{
  bridge: Bridge;
  received: [string, unknown][];
  callback: (type: string, payload: unknown) => void;
  host: HubSpotWireHost;
}> {
  const { CallingExtensions, host } = await widget(hubspot, placement, { sync });
  const received: [string, unknown][] = [];
  const bridge = createBridge({
    adapter: hubspotAdapter(options(CallingExtensions, overrides)),
    store: createMemoryStore(),
    logger: silentLogger,
    retry: { baseDelayMs: 5, maxDelayMs: 20 },
  });
  return { bridge, received, callback: (type, payload) => received.push([type, payload]), host };
}

const unescape = (html: string) =>
  html
    .replace(/<br>/g, '\n')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');

/** An engagement read back as a call log: notes, duration, disposition code. */
export function asLog(engagement: FakeEngagement): {
  notes: string | undefined;
  durationSeconds: number;
  disposition: string | undefined;
} {
  const body = unescape(String(engagement.properties['hs_call_body'] ?? ''));
  const outcome = engagement.properties['hs_call_disposition'];
  return {
    notes: body.startsWith(DETAILS_SEPARATOR) ? '' : body.split(`\n\n${DETAILS_SEPARATOR}`)[0],
    durationSeconds: Number(engagement.properties['hs_call_duration']) / 1000,
    disposition: Object.entries(OUTCOMES).find(([, id]) => id === outcome)?.[0],
  };
}

export { until };
