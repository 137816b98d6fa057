import type { CallRecord } from './call-record.js';

const OUTCOME_LABELS: Record<NonNullable<CallRecord['outcome']>, string> = {
  completed: 'call',
  unanswered: 'call, not answered',
  missed: 'call, missed',
  declined: 'call, declined',
  // An outbound call that lasted without a reported answer: the subject claims neither way.
  unconfirmed: 'call',
  // The softphone lost it (a reload, a closed tab): the log says so, so nobody reads it as a finished call.
  interrupted: 'call, interrupted',
};

/** The line that separates the agent's notes from the call details in a CRM text field. */
export const CALL_DETAILS_SEPARATOR = '— Call details —';

/**
 * The subject every adapter gives a call log, so that logs read the same in every CRM:
 * `Inbound call +1888…`, `Outbound call, not answered …`, `Inbound call, missed …`.
 */
export function callSubject(call: CallRecord): string {
  const direction = call.direction === 'inbound' ? 'Inbound' : 'Outbound';
  return `${direction} ${OUTCOME_LABELS[call.outcome ?? 'completed']}${call.phoneNumber === '' ? '' : ` ${call.phoneNumber}`}`;
}

/**
 * The IVR context of `callAccepted` as labelled lines, empty fields left out: each seed field name
 * in words (`IVR exit path: billing`, `Reservation start date: 2026-12-01`, `Recording status: ON`).
 */
export function ivrDetailLines(call: CallRecord): string[] {
  return Object.entries(call.ivr)
    .filter(([, value]) => value !== undefined && value !== '')
    .map(([field, value]) => `${fieldInWords(field)}: ${String(value)}`);
}

/** `reservationStartDate` → `Reservation start date`; the seed's `ivr` prefix is an acronym. */
function fieldInWords(field: string): string {
  const words = field.replace(/[A-Z]/g, (letter) => ` ${letter.toLowerCase()}`).replace(/^ivr/, 'IVR');
  return `${words.charAt(0).toUpperCase()}${words.slice(1)}`;
}
