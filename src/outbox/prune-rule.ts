import type { CallRecord } from '../contract/call-record.js';
import type { OutboxEntry } from './outbox-entry.js';

/** The idempotency key of a conversation's call log. */
export function callLogKey(conversationId: string): string {
  return `${conversationId}:callLog`;
}

/** What {@link pruneTargets} found: the keys of the entries and the ids of the conversations to delete. */
export interface PruneTargets {
  readonly entryKeys: string[];
  readonly conversationIds: string[];
}

/**
 * What `BridgeStore.prune(before)` deletes, the same for every store: sent entries last changed
 * before `before`, and the conversations that are over, untouched since `before`, and whose call
 * log is no longer in the outbox. A conversation still ringing or connected is never pruned,
 * however old: its end may still come.
 *
 * Forgetting a conversation also forgets its receipt, so a very late note would create a new CRM
 * record; the retention period (7 days by default) is chosen far beyond any real wrap-up time.
 */
export function pruneTargets(entries: readonly OutboxEntry[], calls: readonly CallRecord[], before: number): PruneTargets {
  const isOld = (entry: OutboxEntry) => entry.status === 'sent' && entry.updatedAt < before;
  const kept = new Set(entries.filter((entry) => !isOld(entry)).map((entry) => entry.key));
  const isOver = (call: CallRecord) => call.state === 'ended' || call.state === 'wrapped' || call.state === 'rejected';
  return {
    entryKeys: entries.filter(isOld).map((entry) => entry.key),
    conversationIds: calls.filter((call) => isOver(call) && call.updatedAt < before && !kept.has(callLogKey(call.conversationId))).map((call) => call.conversationId),
  };
}
