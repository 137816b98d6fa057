import type { CrmRecordRef } from '../contract/call-record.js';
import { SOFTPHONE_METHODS } from '../contract/compiled-spec.js';
import type { SoftphoneMethod, SoftphonePayload } from '../contract/softphone-payloads.js';

/** The methods that concern one conversation (all but `statusChanged`). */
export type ConversationMethod = Exclude<SoftphoneMethod, 'statusChanged'>;

/** A validated contract event for one conversation, stamped with the bridge clock. */
export type ContractCallEvent = {
  [M in ConversationMethod]: { readonly type: M; readonly payload: SoftphonePayload<M>; readonly at: number };
}[ConversationMethod];

/** The CRM matched the call to a record (a pop found one, or the agent opened one). */
export interface RecordLinkedEvent {
  readonly type: 'recordLinked';
  readonly record: CrmRecordRef;
  readonly at: number;
}

/**
 * The softphone lost the call: no softphone session still alive has spoken of it since `before`
 * (a reload of either frame, a closed tab) and the grace period passed, or the integrator ended
 * lost calls at once. Applies only to a call whose last change is older than `before`, so that an
 * event that arrived meanwhile (from any tab) keeps it alive.
 */
export interface CallInterruptedEvent {
  readonly type: 'callInterrupted';
  readonly before: number;
  readonly at: number;
}

/** Everything that can change a conversation. */
export type CallEvent = ContractCallEvent | RecordLinkedEvent | CallInterruptedEvent;

/**
 * The event types the call machine knows: the contract's conversation methods (the spec's, less
 * `statusChanged`), then the two the bridge raises itself.
 */
export const CALL_EVENT_TYPES: readonly CallEvent['type'][] = [
  ...SOFTPHONE_METHODS.filter((method): method is ConversationMethod => method !== 'statusChanged'),
  'recordLinked',
  'callInterrupted',
];
