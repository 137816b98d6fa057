import type { CallRecord } from '../contract/call-record.js';

/** The idempotency key of a conversation's call log. */
export function callLogKey(conversationId: string): string {
  return `${conversationId}:callLog`;
}

/**
 * Whether a stored conversation may be forgotten: it is over, untouched since `before`, and its
 * call log is no longer in the outbox. A conversation still ringing or connected is never
 * pruned, however old: its end may still come.
 *
 * Forgetting it also forgets its receipt, so a very late note would create a new CRM record;
 * the retention period (7 days by default) is chosen far beyond any real wrap-up time.
 */
export function isPrunable(call: CallRecord, before: number, liveKeys: ReadonlySet<string>): boolean {
  const over = call.state === 'ended' || call.state === 'wrapped' || call.state === 'rejected';
  return over && call.updatedAt < before && !liveKeys.has(callLogKey(call.conversationId));
}
