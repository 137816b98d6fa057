import type { FakeContact } from '../adapters/fake/index.js';
import type { PartnerConfigEvent } from '../src/index.js';

/**
 * The demo's seed data. Names are invented; numbers are in the 555-0100…0199 range reserved
 * for fiction. Two contacts share a household line, to show the "several matches" screen pop.
 */
export const CONTACTS: readonly FakeContact[] = [
  { id: 'C-1001', name: 'Maya Okafor', phone: '+14155550101' },
  { id: 'C-1002', name: 'Jonas Lindqvist', phone: '+14155550117' },
  { id: 'C-1003', name: 'Priya Raman', phone: '+14155550142' },
  { id: 'C-1004', name: 'Dev Raman', phone: '+14155550142' },
];

/** A number no contact has: pops the new-contact form. */
export const UNKNOWN_NUMBER = '+14155550199';

export const DISPOSITIONS: readonly string[] = ['resolved', 'callback-requested', 'voicemail', 'wrong-number'];

/** The seed's sample guids. */
export const PARTNER_CONFIG: PartnerConfigEvent = {
  partnerId: '215fd887-39be-4935-981f-2670d6afeaa7',
  businessSegmentId: 'd6afeaa7-39be-4935-981f-2670215fd887',
  channelOriginId: '57053e21-0440-4689-a27a-513d7dceebde',
};

/** Agent statuses; the value is the `softphoneId` both sides exchange. */
export const STATUSES: readonly { readonly id: string; readonly label: string }[] = [
  { id: 'available', label: 'Available' },
  { id: 'busy', label: 'Busy' },
  { id: 'away', label: 'Away' },
];

/** What the simulated virtual agent (IVR) learned before an inbound call reaches the agent. */
export const IVR_CONTEXT = { ivrExitPath: 'billing', channelName: 'voice', recordingStatus: 'ON' } as const;

/** Caller choices of the softphone's "Caller" select, in order. `other` means the free-text field. */
export interface CallerChoice {
  readonly value: string;
  readonly label: string;
}

export function callerChoices(): CallerChoice[] {
  const seen = new Set<string>();
  const choices: CallerChoice[] = [];
  for (const contact of CONTACTS) {
    if (seen.has(contact.phone)) continue;
    seen.add(contact.phone);
    const sharing = CONTACTS.filter((c) => c.phone === contact.phone);
    const who = sharing.length > 1 ? `Shared line (${sharing.length} contacts)` : contact.name;
    choices.push({ value: contact.phone, label: `${who} · ${localPart(contact.phone)}` });
  }
  choices.push({ value: UNKNOWN_NUMBER, label: `Unknown caller · ${localPart(UNKNOWN_NUMBER)}` });
  choices.push({ value: 'other', label: 'Another number…' });
  return choices;
}

/** `+14155550101` → `+1 415 555 0101`; anything else is returned as it is. */
export function formatPhone(phone: string): string {
  const match = /^\+1(\d{3})(\d{3})(\d{4})$/.exec(phone);
  return match === null ? phone : `+1 ${match[1]} ${match[2]} ${match[3]}`;
}

/** `+14155550101` → `415 555 0101`, short enough for the caller select. */
function localPart(phone: string): string {
  return formatPhone(phone).replace(/^\+1 /, '');
}

/** Seconds → `m:ss` (or `h:mm:ss`). */
export function formatDuration(totalSeconds: number): string {
  const s = Math.max(0, Math.floor(totalSeconds));
  const hours = Math.floor(s / 3600);
  const minutes = Math.floor((s % 3600) / 60);
  const seconds = String(s % 60).padStart(2, '0');
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, '0')}:${seconds}` : `${minutes}:${seconds}`;
}
