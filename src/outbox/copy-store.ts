import type { BridgeStore } from './bridge-store.js';
import { upsertEntry } from './entry-rules.js';
import type { OutboxEntry } from './outbox-entry.js';

/**
 * Copies every conversation and outbox entry of `from` into `to`, for the move from the memory
 * store to IndexedDB once the browser grants storage (the Storage Access API). `to` may already
 * hold some of them (another tab of the same site wrote there): a conversation keeps its higher
 * revision; an entry keeps the durable one unless this page still has unsent data for it, which
 * is queued on top by the usual rule, and a receipt is never dropped, so the adapter updates the
 * record it made instead of creating another. Resolves to how many of each were copied.
 */
export async function copyStore(
  from: BridgeStore,
  to: BridgeStore,
  now: number,
): Promise<{ calls: number; entries: number }> {
  const calls = await from.listCalls();
  for (const call of calls) {
    await to.updateCall(
      call.conversationId,
      (existing) => ({
        call: existing !== undefined && existing.revision >= call.revision ? undefined : call,
        writes: [],
        result: undefined,
      }),
      now,
    );
  }
  const entries = await from.listEntries();
  for (const entry of entries) await to.updateEntry(entry.key, (existing) => mergedEntry(existing, entry, now));
  return { calls: calls.length, entries: entries.length };
}

/** What the durable store keeps for a key this page also has. */
function mergedEntry(durable: OutboxEntry | undefined, page: OutboxEntry, now: number): OutboxEntry {
  if (durable === undefined) return page;
  const merged = page.status === 'pending' ? upsertEntry(durable, { key: page.key, data: page.data }, now) : durable;
  const receipt = merged.receipt ?? page.receipt;
  return receipt === undefined ? merged : { ...merged, receipt };
}
