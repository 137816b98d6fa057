import { zendeskAdapter, type ZendeskAdapterOptions } from '../../../adapters/zendesk/index.js';
import { type Bridge } from '../../../src/core/bridge.js';
import { createBridge } from '../../../src/core/create-bridge.js';
import { createMemoryStore } from '../../../src/outbox/memory-store.js';
import { silentLogger } from '../../../src/shared/logger.js';
import type { ZafClient } from '../../../adapters/zendesk/index.js';
import { ZendeskWireHost } from './wire-host.js';
import { FakeZendesk, type FakeZendeskOptions, type ZafLocation } from '../../fakes/fake-zaf.js';
import { FakeZendeskSupport, type FakeZendeskTicket } from '../../fakes/fake-zaf-support.js';

/** The seed's sample guids. */
export const PARTNER = {
  partnerId: '215fd887-39be-4935-981f-2670d6afeaa7',
  businessSegmentId: 'd6afeaa7-39be-4935-981f-2670215fd887',
  channelOriginId: '57053e21-0440-4689-a27a-513d7dceebde',
};

/** App settings as an admin fills them in Zendesk (text parameters and a checkbox). */
export function appSettings(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    ...PARTNER,
    dispositions: 'resolved, callback-requested',
    dialFrom: '+1 (844) 940-1117',
    participantType: 'Agent',
    openPanelOnRing: true,
    ...overrides,
  };
}

/**
 * An account with Ada, two users sharing a switchboard number, and a caller abroad whose number
 * ends with Ada's digits. Numbers are stored as agents type them (Zendesk applies no formatting
 * unless "Validate user phone numbers" is on), in formats Zendesk's caller-search guide lists.
 */
export function support(): FakeZendeskSupport {
  const s = new FakeZendeskSupport();
  s.addUser('Ada Lovelace', '+1 555.010.0100', 1);
  s.addUser('Grace Hopper', '(555) 010-0200', 2);
  s.addUser('Hopper Labs desk', '555-010-0200', 3);
  s.addUser('Ada Abroad', '+44 555 010 0100', 4); // a different number whose digits end with Ada's
  return s;
}

/** A Zendesk account whose app is registered (it answers the handshake). */
export function zaf(
  account: FakeZendeskSupport = support(),
  settings = appSettings(),
  options: FakeZendeskOptions = {},
): FakeZendesk {
  return new FakeZendesk(account, settings, options).register();
}

const hosts = new Map<FakeZendesk, ZendeskWireHost>();

/** The wire host serving `zendesk`'s app iframes (one per account, made on first use). */
export function hostOf(zendesk: FakeZendesk): ZendeskWireHost {
  let host = hosts.get(zendesk);
  if (host === undefined) {
    host = new ZendeskWireHost(zendesk);
    hosts.set(zendesk, host);
  }
  return host;
}

/**
 * The real ZAF client of a new app iframe in `location`: `ZAFClient.init()` of
 * `zendesk_app_framework_sdk`, talking to `zendesk` by postMessage through the wire host.
 */
export async function appClient(zendesk: FakeZendesk, location: ZafLocation = 'top_bar'): Promise<ZafClient> {
  const { win } = await hostOf(zendesk).open<Window & { bundleLoaded?: Promise<void>; zafClient?: ZafClient | false }>(
    location,
  );
  const client = win.zafClient;
  if (client === undefined || client === false)
    throw new Error('ZAFClient.init() found no origin/app_guid in the app URL');
  return client;
}

/** Removes every app iframe of every account (call after each test). */
export function closeApps(): void {
  for (const host of hosts.values()) host.dispose();
  hosts.clear();
}

/**
 * A bridge over the Zendesk adapter in an app iframe of `zendesk` (top bar unless told), recording the
 * softphone's callback. The adapter gets the real SDK's client, never a fake of it.
 */
export function tab(
  zendesk: FakeZendesk,
  options: Partial<ZendeskAdapterOptions> = {},
  location: ZafLocation = 'top_bar',
): { bridge: Bridge; received: [string, unknown][]; callback: (type: string, payload: unknown) => void } {
  const received: [string, unknown][] = [];
  const bridge = createBridge({
    adapter: zendeskAdapter({ client: () => appClient(zendesk, location), requestTimeoutMs: 500, ...options }),
    store: createMemoryStore(),
    logger: silentLogger,
    retry: { baseDelayMs: 5, maxDelayMs: 20 },
  });
  return { bridge, received, callback: (type, payload) => received.push([type, payload]) };
}

/** Tickets logged for a conversation. */
export function ticketsFor(account: FakeZendeskSupport, conversationId: string): FakeZendeskTicket[] {
  return account.tickets.filter((t) => t.external_id === conversationId);
}

export { until } from '../bundle-frame.js';
