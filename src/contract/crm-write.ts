import type { CallRecord } from './call-record.js';

/**
 * What an adapter returns for a successful write: the id of the CRM record it created or
 * updated. The outbox keeps it per write key and hands it back on the next write of the same
 * key, so that an adapter updates the record it made instead of making another.
 */
export interface WriteReceipt {
  readonly recordId: string;
  /** The CRM object type, when useful for links (`Task`, `phonecall`...). */
  readonly recordType?: string;
}

/** The call log of one conversation: created on the first write, updated on the next ones. */
export interface CallLogWrite {
  readonly kind: 'callLog';
  /** Idempotency key, `<conversationId>:callLog`. The same key always means the same CRM record. */
  readonly key: string;
  readonly call: CallRecord;
  /** The receipt of the previous successful write of this key, if any: update, do not create. */
  readonly receipt: WriteReceipt | undefined;
  /** 1 for the first try of this revision, 2 for the first retry... */
  readonly attempt: number;
}

/** The agent's status as the softphone reported it, for the CRM's presence. */
export interface PresenceWrite {
  readonly kind: 'presence';
  /** Idempotency key, `presence`: only the latest status is ever pending. */
  readonly key: string;
  readonly softphoneId: string;
  readonly receipt: WriteReceipt | undefined;
  readonly attempt: number;
}

/** A write the outbox delivers to the adapter. */
export type CrmWrite = CallLogWrite | PresenceWrite;

/** The kinds of CRM write. */
export type CrmWriteKind = CrmWrite['kind'];
