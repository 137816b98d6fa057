import type { CallRecord } from './call-record.js';

const OUTCOME_LABELS: Record<NonNullable<CallRecord['outcome']>, string> = {
  completed: 'call',
  unanswered: 'call, not answered',
  missed: 'call, missed',
  declined: 'call, declined',
};

const IVR_LABELS: Readonly<Record<string, string>> = {
  ivrExitPath: 'IVR exit path',
  channelName: 'Channel',
  reservationStartDate: 'Reservation start date',
  specialEvent: 'Special event',
  escalationType: 'Escalation type',
  recordingStatus: 'Recording',
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

/** The IVR context of `callAccepted` as labelled lines (`IVR exit path: billing`), empty fields left out. */
export function ivrDetailLines(call: CallRecord): string[] {
  return Object.entries(call.ivr)
    .filter(([, value]) => value !== undefined && value !== '')
    .map(([key, value]) => `${IVR_LABELS[key] ?? key}: ${String(value)}`);
}
