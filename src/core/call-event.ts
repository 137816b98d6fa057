import type { CrmRecordRef } from '../contract/call-record.js';
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

/** Everything that can change a conversation. */
export type CallEvent = ContractCallEvent | RecordLinkedEvent;

/** The event types the call machine knows, in table order. */
export const CALL_EVENT_TYPES = [
  'incomingCall',
  'outboundCallInitiated',
  'callAccepted',
  'callRejected',
  'callEnded',
  'callNotesSubmitted',
  'recordLinked',
] as const satisfies readonly CallEvent['type'][];
