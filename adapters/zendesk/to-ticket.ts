import { type CallRecord, callSubject, ivrDetailLines, CALL_DETAILS_SEPARATOR } from '../../src/contract/index.js';

/** Zendesk shows subjects of up to 150 characters in views. */
const SUBJECT_MAX = 150;



/** The line that separates the agent's notes from the call details in a comment. */
export const DETAILS_SEPARATOR = CALL_DETAILS_SEPARATOR;

/**
 * The private comment that logs a call: the notes verbatim, then the call details. Plain text
 * (`body`, never `html_body`), so notes are shown as written, never as markup.
 */
export function callComment(call: CallRecord): string {
  const direction = call.direction === 'inbound' ? 'Inbound' : 'Outbound';
  const lines = [
    `Direction: ${direction}`,
    ...(call.phoneNumber === '' ? [] : [`Number: ${call.phoneNumber}`]),
    ...(call.outcome === undefined ? [] : [`Outcome: ${call.outcome}`]),
    `Duration: ${Math.round(call.durationSeconds ?? 0)} s`,
    ...(call.disposition === undefined || call.disposition === '' ? [] : [`Disposition: ${call.disposition}`]),
    ...ivrDetailLines(call),
    `Conversation: ${call.conversationId}`,
  ];
  const notes = call.notes ?? '';
  return `${notes}${notes === '' ? '' : '\n\n'}${DETAILS_SEPARATOR}\n${lines.join('\n')}`;
}

/**
 * The body of `POST /api/v2/tickets` for a conversation: `external_id` is the conversation id
 * (how a retry finds the ticket), the caller's user is the requester when known, the comment is
 * private. Tags mark the direction and the outcome for views and triggers.
 *
 * @see https://developer.zendesk.com/api-reference/ticketing/tickets/tickets/#create-ticket
 */
export function newTicket(call: CallRecord, tags: readonly string[]): { ticket: Record<string, unknown> } {
  const subject = callSubject(call);
  const requester = call.crmRecord?.type === 'user' && /^\d+$/.test(call.crmRecord.id) ? Number(call.crmRecord.id) : undefined;
  return {
    ticket: {
      subject: subject.slice(0, SUBJECT_MAX),
      comment: { body: callComment(call), public: false },
      external_id: call.conversationId,
      tags: [...new Set([...tags, `${call.direction}_call`, ...(call.outcome === 'missed' ? ['missed_call'] : [])])],
      ...(requester === undefined ? {} : { requester_id: requester }),
    },
  };
}

/** The body of `PUT /api/v2/tickets/{id}` adding the call's latest state as a private comment. */
export function ticketUpdate(call: CallRecord): { ticket: Record<string, unknown> } {
  return { ticket: { comment: { body: callComment(call), public: false } } };
}
