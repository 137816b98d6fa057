import type { BridgeErrorJson } from '../errors/index.js';
import type { WriteReceipt } from '../contract/crm-write.js';
import type { NewWrite, OutboxEntry } from './outbox-entry.js';

/**
 * The pure rules by which entries change. Both stores apply them inside one atomic step, so
 * that several tabs writing the same key end with one entry in a well-defined state.
 */

/** Queues `write`: a new entry, or the existing entry for its key with the newer data. */
export function upsertEntry(existing: OutboxEntry | undefined, write: NewWrite, now: number): OutboxEntry {
  if (existing === undefined) {
    return { key: write.key, kind: write.data.kind, data: write.data, status: 'pending', revision: 1, attempts: 0, createdAt: now, changedAt: now, updatedAt: now, nextAttemptAt: now };
  }
  // Another tab (or a duplicate event) queued exactly what the CRM already has: nothing to do.
  if (existing.status !== 'dead' && sameJson(existing.data, write.data)) return existing;
  if (existing.status === 'pending') {
    // Newer data for a write still waiting: replace it, keep the backoff so a failing CRM is not hammered.
    return { ...existing, data: write.data, revision: existing.revision + 1, changedAt: now, updatedAt: now };
  }
  // Sent or dead: the data changed, so a fresh round of attempts starts now; the receipt stays,
  // so the adapter updates the record it made.
  return { ...withoutError(existing), data: write.data, status: 'pending', revision: existing.revision + 1, attempts: 0, changedAt: now, updatedAt: now, nextAttemptAt: now };
}

/** The CRM confirmed `revision`. A newer revision queued meanwhile stays pending, with the receipt. */
export function settleSuccess(entry: OutboxEntry, revision: number, receipt: WriteReceipt, now: number): OutboxEntry {
  const base = { ...withoutError(entry), receipt, attempts: 0, updatedAt: now };
  return entry.revision === revision ? { ...base, status: 'sent' } : { ...base, status: 'pending', nextAttemptAt: now };
}

/**
 * An attempt at `revision` failed. `retryAt` is when to try again, or `undefined` to give up
 * (dead letter). Giving up only applies to the revision that failed: newer data gets its own tries.
 */
export function settleFailure(entry: OutboxEntry, revision: number, error: BridgeErrorJson, retryAt: number | undefined, now: number): OutboxEntry {
  if (retryAt === undefined && entry.revision === revision) {
    return { ...entry, status: 'dead', attempts: entry.attempts + 1, lastError: error, updatedAt: now };
  }
  const nextAttemptAt = retryAt ?? now;
  return { ...entry, status: 'pending', attempts: entry.revision === revision ? entry.attempts + 1 : 0, lastError: error, nextAttemptAt, updatedAt: now };
}

/** A dead entry queued again by hand (`bridge.outbox.retryDead()`), due now. */
export function reviveEntry(entry: OutboxEntry, now: number): OutboxEntry {
  return entry.status === 'dead' ? { ...entry, status: 'pending', attempts: 0, nextAttemptAt: now, updatedAt: now } : entry;
}

function withoutError(entry: OutboxEntry): OutboxEntry {
  const { lastError: _dropped, ...rest } = entry;
  return rest;
}

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
