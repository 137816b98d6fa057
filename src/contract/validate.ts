import type { CallRecord } from './call-record.js';
import type { CallbackEventType, CallbackPayload } from './callback-events.js';
import { CALL_STATES, compiledCallbackEvents, compiledId, compiledPayloads } from './compiled-spec.js';
import { isRecord } from '../shared/is-record.js';
import { leanParse, type LeanIssue, type LeanSchema } from './lean-schema.js';
import type { SoftphoneMethod, SoftphonePayload } from './softphone-payloads.js';

/**
 * The bridge's runtime validation: the contract's zod schemas in their compiled form (see
 * lean-schema.ts), with the types zod infers from them. Nothing here imports zod at runtime, so
 * the script-tag bundles do not carry it.
 */

/** A typed validation outcome: the parsed value, or the issues that name what is wrong. */
export type Validated<T> =
  { readonly success: true; readonly data: T } | { readonly success: false; readonly issues: readonly LeanIssue[] };

/** Validates the payload of one of the seven event methods (unknown fields are kept). */
export function validatePayload<M extends SoftphoneMethod>(method: M, raw: unknown): Validated<SoftphonePayload<M>> {
  return leanParse(compiledPayloads[method], raw) as Validated<SoftphonePayload<M>>;
}

/** Validates the payload of one of the four callback events. */
export function validateCallbackPayload<T extends CallbackEventType>(
  eventType: T,
  payload: unknown,
): Validated<CallbackPayload<T>> {
  return leanParse(compiledCallbackEvents[eventType], payload) as Validated<CallbackPayload<T>>;
}

/**
 * A call record read back from storage, or undefined when it does not have the shape of one.
 *
 * Records are validated field by field when they are made (every field comes from a validated
 * payload), so reading one back checks only the structure the call machine relies on: the
 * identity, state, direction and revision, and the nested objects it copies. A record that fails
 * (another script wrote there) reads as absent, and the next event starts it afresh. Checking
 * every field again here would carry the whole `CallRecord` schema in the script-tag bundles
 * (about 200 bytes gzip) to re-prove what the bridge itself wrote.
 */
export function validStoredCall(raw: unknown): CallRecord | undefined {
  if (!isRecord(raw)) return undefined;
  const call: Partial<Record<keyof CallRecord, unknown>> = raw;
  const shaped =
    isId(call.conversationId) &&
    typeof call.phoneNumber === 'string' &&
    (CALL_STATES as readonly unknown[]).includes(call.state) &&
    (call.direction === 'inbound' || call.direction === 'outbound') &&
    Number.isInteger(call.revision) &&
    isRecord(call.ivr) &&
    isRecord(call.extra);
  return shaped ? (raw as CallRecord) : undefined;
}

/** Whether `value` is an id (`partnerId`, `softphoneId`...): non-empty text of at most 256 characters. */
export function isId(value: unknown): value is string {
  return leanParse(compiledId, value).success;
}

/** The fields the seed defines for `method`; anything else a softphone sends is kept as extra. */
export function knownFields(method: SoftphoneMethod): readonly string[] {
  const schema: LeanSchema = compiledPayloads[method];
  return schema.kind === 'object' ? Object.keys(schema.shape) : [];
}
