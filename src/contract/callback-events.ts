import * as z from 'zod/mini';
import { DialNumber, DispositionCode, Id } from './fields.js';

/**
 * The four event types the bridge feeds back to the softphone through the callback given to
 * `load`: `callback(eventType, payload)`.
 */

/** `disposition`: the codes the softphone shows in its drop-down. */
export const DispositionEvent = z.array(z.string().check(z.minLength(1), z.maxLength(255))).check(z.maxLength(500));
/** Payload of `disposition`. */
export type DispositionEvent = z.infer<typeof DispositionEvent>;

/** `partner_config`: lets the agent use the dial pad for independent outbound calls. */
export const PartnerConfigEvent = z.looseObject({
  partnerId: Id,
  businessSegmentId: Id,
  channelOriginId: Id,
});
/** Payload of `partner_config`. */
export type PartnerConfigEvent = z.infer<typeof PartnerConfigEvent>;

/** `update_presence`: the CRM asks the softphone to change the agent's status. */
export const UpdatePresenceEvent = z.looseObject({
  softphoneId: Id,
});
/** Payload of `update_presence`. */
export type UpdatePresenceEvent = z.infer<typeof UpdatePresenceEvent>;

/**
 * `start_call`: the CRM asks the softphone to dial, e.g. after a click on a phone number.
 * `participantType` is free text (the seed's sample is "Traveler/Supplier/Agent").
 */
export const StartCallEvent = z.looseObject({
  partnerId: Id,
  businessSegmentId: Id,
  channelOriginId: Id,
  dialTo: DialNumber,
  dialFrom: z.optional(z.string().check(z.maxLength(64))),
  participantType: z.optional(z.string().check(z.maxLength(255))),
});
/** Payload of `start_call`. */
export type StartCallEvent = z.infer<typeof StartCallEvent>;

/** The schema of each callback event, by event type. */
export const callbackEvents = {
  disposition: DispositionEvent,
  partner_config: PartnerConfigEvent,
  update_presence: UpdatePresenceEvent,
  start_call: StartCallEvent,
} as const;

/** One of the four callback event types. */
export type CallbackEventType = keyof typeof callbackEvents;

/** The payload of a given callback event type. */
export type CallbackPayload<T extends CallbackEventType> = z.infer<(typeof callbackEvents)[T]>;

/** The softphone's callback, as given to `load`. */
export type SoftphoneCallback = <T extends CallbackEventType>(eventType: T, payload: CallbackPayload<T>) => void;

/** Re-exported for adapters that report a chosen code. */
export { DispositionCode };
