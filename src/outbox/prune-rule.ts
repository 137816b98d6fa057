/** The idempotency key of a conversation's call log. */
export function callLogKey(conversationId: string): string {
  return `${conversationId}:callLog`;
}
