import { type CallRecord, callSubject, ivrDetailLines, CALL_DETAILS_SEPARATOR } from '../../src/contract/index.js';

/** Zendesk shows subjects of up to 150 characters in views. */
const SUBJECT_MAX = 150;

/** The line that separates the agent's notes from the call details in a comment. */
export const DETAILS_SEPARATOR = CALL_DETAILS_SEPARATOR;

/**
 * The private comment that logs a call: the notes verbatim, then the call details, then a
 * `Log ref:` line fingerprinting all of that. Plain text (`body`, never `html_body`), so notes are
 * shown as written, never as markup.
 *
 * Why the fingerprint: a retry after a lost reply must recognise a comment it already added, but
 * Zendesk gives back `plain_body`, derived from the rendered comment ("The comment as plain
 * text", Ticket Comments API), where Markdown, line breaks and runs of spaces may differ from
 * what was sent. Eight hex digits survive any rendering, so {@link isCommentOf} compares them
 * instead of the text.
 */
export function callComment(call: CallRecord): string {
  const content = commentContent(call);
  return `${content}\nLog ref: ${fingerprint(content)}`;
}

/**
 * Whether a comment read back from Zendesk (its `plain_body`, else `body`) is the comment
 * {@link callComment} writes for `call`: same fingerprint, whatever the rendering did to the rest.
 *
 * @see https://developer.zendesk.com/api-reference/ticketing/tickets/ticket_comments/
 */
export function isCommentOf(text: string, call: CallRecord): boolean {
  return new RegExp(`Log ref:\\s*${fingerprint(commentContent(call))}(?![0-9a-f])`).test(text);
}

/** FNV-1a (32 bit) of the text, as 8 hex digits: enough to tell one call version from another. */
function fingerprint(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, '0');
}

function commentContent(call: CallRecord): string {
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
  const requester =
    call.crmRecord?.type === 'user' && /^\d+$/.test(call.crmRecord.id) ? Number(call.crmRecord.id) : undefined;
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
