import type { BridgeErrorJson } from '../errors/index.js';
import type { WriteReceipt } from '../contract/crm-write.js';
import type { NewWrite, OutboxEntry } from './outbox-entry.js';

/**
 * The pure rules by which entries change. Both stores apply them inside one atomic step, so
 * that several tabs writing the same key end with one entry in a well-defined state.
 */

/** Queues `write`: a new entry, or the existing entry for its key with the newer data. */
export function upsertEntry(existing: OutboxEntry | undefined, write: NewWrite, now: number): OutboxEntry {
  // Another tab (or a duplicate event) queued exactly what the CRM already has: nothing to do.
  if (
    existing !== undefined &&
    existing.status !== 'dead' &&
    JSON.stringify(existing.data) === JSON.stringify(write.data)
  )
    return existing;
  const changed = { data: write.data, revision: (existing?.revision ?? 0) + 1, changedAt: now, updatedAt: now };
  // Newer data for a write still waiting: replace it, keep the backoff so a failing CRM is not hammered.
  if (existing?.status === 'pending') return { ...existing, ...changed };
  // New (revision 1), or sent or dead with changed data: a fresh round of attempts starts now.
  // A receipt stays, so the adapter updates the record it made.
  const base =
    existing === undefined ? { key: write.key, kind: write.data.kind, createdAt: now } : withoutError(existing);
  return { ...base, ...changed, status: 'pending', attempts: 0, nextAttemptAt: now };
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
export function settleFailure(
  entry: OutboxEntry,
  revision: number,
  error: BridgeErrorJson,
  retryAt: number | undefined,
  now: number,
): OutboxEntry {
  const same = entry.revision === revision;
  const base = { ...entry, attempts: same ? entry.attempts + 1 : 0, lastError: error, updatedAt: now };
  return same && retryAt === undefined
    ? { ...base, status: 'dead' }
    : { ...base, status: 'pending', nextAttemptAt: retryAt ?? now };
}

/** A dead entry queued again by hand (`bridge.retryDeadLetters()`, through `Outbox.retryDead`), due now. */
export function reviveEntry(entry: OutboxEntry, now: number): OutboxEntry {
  return entry.status === 'dead'
    ? { ...entry, status: 'pending', attempts: 0, nextAttemptAt: now, updatedAt: now }
    : entry;
}

function withoutError(entry: OutboxEntry): OutboxEntry {
  const { lastError: _dropped, ...rest } = entry;
  return rest;
}
