import * as z from 'zod/mini';
import { DispositionCode, DurationSeconds, Id, Language, Notes, PhoneText } from './fields.js';
import { ivrFields } from './softphone-payloads.js';

/** Where a conversation stands. Adjectives, as the state names in the design. */
export const CallState = z.enum(['ringing', 'dialing', 'connected', 'ended', 'wrapped', 'rejected']);
/** Where a conversation stands. */
export type CallState = z.infer<typeof CallState>;

/**
 * How a call turned out, once it is over: `completed` (talked), `unanswered` (ended without
 * being accepted), `missed` (passive rejection: it rang out), `declined` (active rejection),
 * `unconfirmed` (an outbound call that lasted, but whose answer the softphone never reported:
 * the contract has no "outbound answered" event, so neither talked nor unanswered is claimed),
 * `interrupted` (the softphone lost the call, by a reload or a closed tab, and never reported its
 * end: the bridge ended it with what it knew, duration up to the last event; a late `callEnded`
 * still completes the same log).
 */
export const CallOutcome = z.enum(['completed', 'unanswered', 'missed', 'declined', 'unconfirmed', 'interrupted']);
/** How a call turned out. */
export type CallOutcome = z.infer<typeof CallOutcome>;

/** The CRM record a call is about (the popped, chosen or clicked one). */
export const CrmRecordRef = z.looseObject({
  id: z.string().check(z.minLength(1), z.maxLength(256)),
  type: z.optional(z.string().check(z.maxLength(128))),
  name: z.optional(z.string().check(z.maxLength(512))),
});
/** The CRM record a call is about. */
export type CrmRecordRef = z.infer<typeof CrmRecordRef>;

/** What the virtual agent learned before the call reached the agent: `callAccepted`'s IVR fields. */
export const IvrContext = z.object(ivrFields);
/** What the virtual agent learned before the call reached the agent. */
export type IvrContext = z.infer<typeof IvrContext>;

/**
 * Everything the bridge knows about one conversation: the merge of every contract event for its
 * `conversationId`. It is what the durable store keeps and what an adapter logs. Times are epoch
 * milliseconds from the bridge's clock.
 */
export const CallRecord = z.object({
  conversationId: Id,
  partnerId: Id,
  direction: z.enum(['inbound', 'outbound']),
  state: CallState,
  /** The other party: `callerANI` when inbound, `dialledTo` when outbound. */
  phoneNumber: PhoneText,
  language: Language,
  ivr: IvrContext,
  disposition: z.optional(DispositionCode),
  notes: z.optional(Notes),
  durationSeconds: z.optional(DurationSeconds),
  outcome: z.optional(CallOutcome),
  crmRecord: z.optional(CrmRecordRef),
  startedAt: z.number(),
  acceptedAt: z.optional(z.number()),
  endedAt: z.optional(z.number()),
  /** When the CRM was asked to show the caller, so that a duplicate event never pops twice. */
  poppedAt: z.optional(z.number()),
  updatedAt: z.number(),
  /** Bumped on every change; lets an adapter or a UI tell a newer snapshot from an older one. */
  revision: z.number(),
  /** Fields a softphone sent beyond the seed's, by method; kept so that nothing it said is lost. */
  extra: z.record(z.string(), z.unknown()),
});
/** Everything the bridge knows about one conversation. */
export type CallRecord = z.infer<typeof CallRecord>;
