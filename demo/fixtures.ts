import type { FakeContact } from '../adapters/fake/index.js';
import type { PartnerConfigEvent } from '../src/index.js';
import type { Caller } from '../src/ui/index.js';

/**
 * The demo's seed data, shared by the console and the softphone page. Names are invented; numbers
 * are in the 555-0100…0199 range reserved for fiction. Two contacts share a household line, to
 * show the "several matches" screen pop.
 */
export const CONTACTS: readonly FakeContact[] = [
  { id: 'C-1001', name: 'Maya Okafor', phone: '+14155550101' },
  { id: 'C-1002', name: 'Jonas Lindqvist', phone: '+14155550117' },
  { id: 'C-1003', name: 'Priya Raman', phone: '+14155550142' },
  { id: 'C-1004', name: 'Dev Raman', phone: '+14155550142' },
];

/** The disposition codes the CRM hands the softphone (`disposition` callback). */
export const DISPOSITIONS: readonly string[] = ['resolved', 'callback-requested', 'voicemail', 'wrong-number'];

/** The seed's sample guids. */
export const PARTNER_CONFIG: PartnerConfigEvent = {
  partnerId: '215fd887-39be-4935-981f-2670d6afeaa7',
  businessSegmentId: 'd6afeaa7-39be-4935-981f-2670215fd887',
  channelOriginId: '57053e21-0440-4689-a27a-513d7dceebde',
};

/** What the simulated virtual agent (IVR) learned before an inbound call reaches the agent. */
export const IVR_CONTEXT: Readonly<Record<string, string>> = {
  ivrExitPath: 'billing',
  channelName: 'voice',
  recordingStatus: 'ON',
};

/**
 * Who can ring the simulated softphone: each contact's line once (a shared line under both names),
 * then a number no contact has, which pops the new-contact form.
 */
export const CALLERS: readonly Caller[] = [
  ...[...new Set(CONTACTS.map((c) => c.phone))].map((phone) => ({
    name: CONTACTS.filter((c) => c.phone === phone)
      .map((c) => c.name)
      .join(' or '),
    number: phone,
  })),
  { name: 'Unknown caller', number: '+14155550199' },
];

/** `+14155550101` → `+1 415 555 0101`; anything else is returned as it is. */
export function formatPhone(phone: string): string {
  const match = /^\+1(\d{3})(\d{3})(\d{4})$/.exec(phone);
  return match === null ? phone : `+1 ${match[1]} ${match[2]} ${match[3]}`;
}
