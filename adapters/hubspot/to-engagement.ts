import { type CallRecord, ivrDetailLines, CALL_DETAILS_SEPARATOR } from '../../src/contract/index.js';
import type { CallEndStatus, EngagementProperties } from './calling-extensions.types.js';

/** The line between the agent's notes and the call details in `hs_call_body`. */
export const DETAILS_SEPARATOR = CALL_DETAILS_SEPARATOR;

/** `hs_call_body` is rich text: the notes are escaped so that they show as written, never as markup. */
export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

const asHtml = (text: string) => escapeHtml(text).replace(/\r?\n/g, '<br>');

/** `callEnded`'s status for how the call turned out. */
export function endStatusOf(call: CallRecord): CallEndStatus {
  switch (call.outcome) {
    case 'missed':
      return 'MISSED';
    case 'declined':
      return 'REJECTED';
    case 'unanswered':
      return call.direction === 'outbound' ? 'NO_ANSWER' : 'MISSED';
    case 'interrupted':
      return 'FAILED'; // the softphone lost the call (reload, closed tab): its end was never reported
    default:
      return 'COMPLETED';
  }
}

/** What HubSpot needs beyond the call: the outcome ids by disposition code, and the agent's own line. */
export interface EngagementContext {
  readonly outcomes: ReadonlyMap<string, string>;
  readonly lineNumber: string | undefined;
}

/**
 * The engagement properties `callCompleted` sets for a conversation. Pure: a retry sends the same.
 *
 * - `hs_call_body`: the notes (escaped, line breaks kept), then the call details, including the
 *   disposition code when it maps to no HubSpot outcome;
 * - `hs_call_duration`: milliseconds as text; `hs_timestamp`: when the call started;
 * - `hs_call_disposition`: the HubSpot outcome id mapped from the disposition code;
 * - `hs_call_callee_object_*`: the contact or company the call is about.
 *
 * @see https://developers.hubspot.com/docs/api-reference/crm-calls-v3/guide
 */
export function toEngagementProperties(call: CallRecord, context: EngagementContext): EngagementProperties {
  const inbound = call.direction === 'inbound';
  const outcomeId = call.disposition === undefined ? undefined : context.outcomes.get(call.disposition);
  const details = [
    `Duration: ${Math.round(call.durationSeconds ?? 0)} s`,
    ...(call.outcome === undefined ? [] : [`Outcome: ${call.outcome}`]),
    ...(call.disposition !== undefined && call.disposition !== '' && outcomeId === undefined
      ? [`Disposition: ${call.disposition}`]
      : []),
    ...ivrDetailLines(call),
  ];
  const notes = call.notes ?? '';
  const body = `${notes === '' ? '' : `${asHtml(notes)}<br><br>`}${DETAILS_SEPARATOR}<br>${details.map(asHtml).join('<br>')}`;
  const record = call.crmRecord;
  const callee = record !== undefined && (record.type === 'CONTACT' || record.type === 'COMPANY') ? record : undefined;
  const them = call.phoneNumber === '' ? undefined : call.phoneNumber;
  const from = inbound ? them : context.lineNumber;
  const to = inbound ? context.lineNumber : them;
  return {
    hs_timestamp: call.startedAt,
    hs_call_title: `${inbound ? 'Inbound' : 'Outbound'} call`,
    hs_call_body: body,
    hs_call_direction: inbound ? 'INBOUND' : 'OUTBOUND',
    hs_call_duration: String(Math.round((call.durationSeconds ?? 0) * 1000)),
    // A call that lasted without a reported answer ended all the same: COMPLETED claims no answer either way.
    hs_call_status:
      call.outcome === undefined || call.outcome === 'completed' || call.outcome === 'unconfirmed'
        ? 'COMPLETED'
        : call.outcome === 'declined'
          ? 'CANCELED'
          : call.outcome === 'interrupted'
            ? 'FAILED'
            : 'NO_ANSWER',
    ...(outcomeId === undefined ? {} : { hs_call_disposition: outcomeId }),
    ...(from === undefined ? {} : { hs_call_from_number: from }),
    ...(to === undefined ? {} : { hs_call_to_number: to }),
    ...(callee === undefined
      ? {}
      : { hs_call_callee_object_id: callee.id, hs_call_callee_object_type: callee.type as string }),
  };
}
