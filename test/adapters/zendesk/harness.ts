import { zendeskAdapter, type ZendeskAdapterOptions } from '../../../adapters/zendesk/index.js';
import { createBridge, type Bridge } from '../../../src/core/bridge.js';
import { createMemoryStore } from '../../../src/outbox/memory-store.js';
import { silentLogger } from '../../../src/shared/logger.js';
import { FakeZafClient } from '../../fakes/fake-zaf.js';
import { FakeZendeskSupport, type FakeZendeskTicket } from '../../fakes/fake-zaf-support.js';

/** The seed's sample guids. */
export const PARTNER = {
  partnerId: '215fd887-39be-4935-981f-2670d6afeaa7',
  businessSegmentId: 'd6afeaa7-39be-4935-981f-2670215fd887',
  channelOriginId: '57053e21-0440-4689-a27a-513d7dceebde',
};

/** App settings as an admin fills them in Zendesk (text parameters and a checkbox). */
export function appSettings(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { ...PARTNER, dispositions: 'resolved, callback-requested', dialFrom: '+1 (844) 940-1117', participantType: 'Agent', openPanelOnRing: true, ...overrides };
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

/** A registered fake ZAF client. */
export function zaf(account: FakeZendeskSupport = support(), settings = appSettings()): FakeZafClient {
  return new FakeZafClient(account, settings).register();
}

/** A bridge over the Zendesk adapter over `client`, recording the softphone's callback. */
export function tab(client: FakeZafClient, options: Partial<ZendeskAdapterOptions> = {}): { bridge: Bridge; received: [string, unknown][]; callback: (type: string, payload: unknown) => void } {
  const received: [string, unknown][] = [];
  const bridge = createBridge({ adapter: zendeskAdapter({ client, requestTimeoutMs: 500, ...options }), store: createMemoryStore(), logger: silentLogger, retry: { baseDelayMs: 5, maxDelayMs: 20 } });
  return { bridge, received, callback: (type, payload) => received.push([type, payload]) };
}

/** Tickets logged for a conversation. */
export function ticketsFor(account: FakeZendeskSupport, conversationId: string): FakeZendeskTicket[] {
  return account.tickets.filter((t) => t.external_id === conversationId);
}

export { until } from '../bundle-frame.js';
