import type { BridgeErrorJson } from '../errors/index.js';
import type { CallRecord } from '../contract/call-record.js';
import type { CrmWriteKind, WriteReceipt } from '../contract/crm-write.js';

/** The data of a write, by kind: what the adapter needs, nothing more. */
export type WriteData =
  { readonly kind: 'callLog'; readonly call: CallRecord } | { readonly kind: 'presence'; readonly softphoneId: string };

/** A write to queue: its key and data. */
export interface NewWrite {
  /** `<conversationId>:<kind>` for call writes, `<kind>` for agent writes. */
  readonly key: string;
  readonly data: WriteData;
}

/**
 * One queued CRM write as the store keeps it. There is one entry per key: a newer write of the
 * same key replaces the pending data (bumping `revision`) instead of queueing another.
 *
 * - `pending`: due at `nextAttemptAt`;
 * - `sent`: the CRM confirmed `revision`; kept for its `receipt` until pruned;
 * - `dead`: given up after the attempt limit or a refusal; kept for inspection and retry.
 */
export interface OutboxEntry {
  readonly key: string;
  readonly kind: CrmWriteKind;
  readonly data: WriteData;
  readonly status: 'pending' | 'sent' | 'dead';
  /** Bumped whenever `data` changes; a confirmation only settles the revision it was for. */
  readonly revision: number;
  /** Failed attempts of the current revision. */
  readonly attempts: number;
  readonly createdAt: number;
  /** When `data` last changed; a stale presence change is measured from here, not from its last failure. */
  readonly changedAt: number;
  readonly updatedAt: number;
  readonly nextAttemptAt: number;
  readonly receipt?: WriteReceipt;
  readonly lastError?: BridgeErrorJson;
}

/** The idempotency key of a conversation's call log (see {@link NewWrite.key}). */
export function callLogKey(conversationId: string): string {
  return `${conversationId}:callLog`;
}
