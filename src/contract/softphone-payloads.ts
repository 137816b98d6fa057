import * as z from 'zod/mini';
import {
  DEFAULT_LANGUAGE,
  DialNumber,
  DispositionCode,
  DurationSeconds,
  Id,
  Language,
  looseEnum,
  Notes,
  PhoneText,
  ShortText,
} from './fields.js';

/**
 * The payloads of the seven event methods of the Softphone contract, field by field as the seed
 * defines them. Objects are loose: fields a softphone adds beyond the seed are kept (and stored
 * with the call) rather than rejected, because vendors add fields over time.
 *
 * Required fields are the ones without which the bridge cannot act: the ids everywhere, the
 * number to pop, the rejection reason, the duration to log, the dialled number, the status id.
 * Everything else is optional.
 */

/** `incomingCall`: a call is routed to the agent and rings. */
export const IncomingCallPayload = z.looseObject({
  partnerId: Id,
  conversationId: Id,
  callerANI: PhoneText,
  language: z._default(Language, DEFAULT_LANGUAGE),
});
/** Parsed `incomingCall` payload. */
export type IncomingCallPayload = z.infer<typeof IncomingCallPayload>;

/**
 * The fields of `callAccepted` that carry what the virtual agent (IVR) learned: the one list of
 * them, which the stored call's `IvrContext` (call-record.ts) reuses.
 */
export const ivrFields = {
  ivrExitPath: z.optional(ShortText),
  channelName: z.optional(ShortText),
  reservationStartDate: z.optional(ShortText),
  specialEvent: z.optional(ShortText),
  escalationType: z.optional(ShortText),
  recordingStatus: z.optional(looseEnum(['ON', 'OFF'], 'upper')),
};

/** `callAccepted`: the agent accepted; carries what the virtual agent (IVR) learned. */
export const CallAcceptedPayload = z.looseObject({
  partnerId: Id,
  conversationId: Id,
  callerANI: z.optional(PhoneText),
  language: z.optional(Language),
  ...ivrFields,
});
/** Parsed `callAccepted` payload. */
export type CallAcceptedPayload = z.infer<typeof CallAcceptedPayload>;

/** `callRejected`: the agent declined (`active`) or let it ring out (`passive`). */
export const CallRejectedPayload = z.looseObject({
  partnerId: Id,
  conversationId: Id,
  reason: looseEnum(['active', 'passive'], 'lower'),
});
/** Parsed `callRejected` payload. */
export type CallRejectedPayload = z.infer<typeof CallRejectedPayload>;

/** `callEnded`: the call is over; duration, and possibly disposition and notes, are final. */
export const CallEndedPayload = z.looseObject({
  partnerId: Id,
  conversationId: Id,
  duration: DurationSeconds,
  disposition: z.optional(DispositionCode),
  notes: z.optional(Notes),
  callType: z.optional(looseEnum(['inbound', 'outbound'], 'lower')),
});
/** Parsed `callEnded` payload. */
export type CallEndedPayload = z.infer<typeof CallEndedPayload>;

/** `callNotesSubmitted`: the agent saved disposition and notes, before or after the end. */
export const CallNotesSubmittedPayload = z.looseObject({
  partnerId: Id,
  conversationId: Id,
  disposition: z.optional(DispositionCode),
  notes: z.optional(Notes),
});
/** Parsed `callNotesSubmitted` payload. */
export type CallNotesSubmittedPayload = z.infer<typeof CallNotesSubmittedPayload>;

/**
 * `outboundCallInitiated`: the agent dialled out. (The seed's "Purpose" text for `dialledTo`
 * repeats the disposition row by mistake; it is the dialled number.)
 */
export const OutboundCallInitiatedPayload = z.looseObject({
  partnerId: Id,
  conversationId: Id,
  dialledTo: DialNumber,
});
/** Parsed `outboundCallInitiated` payload. */
export type OutboundCallInitiatedPayload = z.infer<typeof OutboundCallInitiatedPayload>;

/** `statusChanged`: the agent picked another status on the softphone. */
export const StatusChangedPayload = z.looseObject({
  softphoneId: Id,
});
/** Parsed `statusChanged` payload. */
export type StatusChangedPayload = z.infer<typeof StatusChangedPayload>;

/** The schema of each event method, by method name. */
export const softphonePayloads = {
  incomingCall: IncomingCallPayload,
  callAccepted: CallAcceptedPayload,
  callRejected: CallRejectedPayload,
  callEnded: CallEndedPayload,
  callNotesSubmitted: CallNotesSubmittedPayload,
  outboundCallInitiated: OutboundCallInitiatedPayload,
  statusChanged: StatusChangedPayload,
} as const;

/** The name of one of the seven event methods (every contract method but `load`). */
export type SoftphoneMethod = keyof typeof softphonePayloads;

/** The parsed payload of a given method. */
export type SoftphonePayload<M extends SoftphoneMethod> = z.infer<(typeof softphonePayloads)[M]>;
