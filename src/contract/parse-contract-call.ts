import { BridgeError, contractArgumentsInvalid, contractJsonInvalid, contractPayloadInvalid } from '../errors/index.js';
import { POSITIONAL_FORMS } from './compiled-spec.js';
import { describeIssues, kindOf } from './describe-issues.js';
import type { LeanIssue } from './lean-schema.js';
import { toJsonSafe } from './json-safe.js';
import type { SoftphoneMethod, SoftphonePayload } from './softphone-payloads.js';
import { validatePayload } from './validate.js';

/** Longest JSON string a `JSONparams` argument may be; far above any real payload. */
export const MAX_JSON_LENGTH = 256 * 1024;

/** The positional order of `incomingCall(partnerId, conversationId, callerANI, language)`, from the spec. */
const INCOMING_CALL_POSITIONS = POSITIONAL_FORMS.incomingCall;

/**
 * Validates the arguments of one contract event method and returns its parsed payload.
 *
 * Accepted forms, as the seed allows them:
 * - every method: one plain object, or one JSON string of an object;
 * - `incomingCall` also: positional `(partnerId, conversationId, callerANI, language?)`.
 *
 * Unknown fields are kept (made JSON-safe); missing or mistyped required fields are rejected.
 * Never throws: the error is returned, so that callers can reject a Promise with it.
 */
export function parseContractCall<M extends SoftphoneMethod>(
  method: M,
  args: readonly unknown[],
): { ok: true; payload: SoftphonePayload<M> } | { ok: false; error: BridgeError } {
  let raw: Record<string, unknown> | BridgeError;
  try {
    raw = argumentsToObject(method, args);
  } catch {
    // A getter or Proxy trap threw while the arguments were read: bad input, not a store failure.
    raw = unreadableArguments(method);
  }
  if (raw instanceof BridgeError) return { ok: false, error: raw };
  const result = validatePayload(method, raw);
  if (!result.success) return { ok: false, error: invalidPayload(method, result.issues) };
  return { ok: true, payload: result.data };
}

/** `CONTRACT_PAYLOAD_INVALID` naming `method` and each field at fault (never a value). */
export function invalidPayload(method: string, issues: readonly LeanIssue[]): BridgeError {
  const { fields, text } = describeIssues(issues);
  return contractPayloadInvalid(method, text, { method, fields });
}

/** `CONTRACT_ARGUMENTS_INVALID` for arguments whose getter or Proxy trap threw while read. */
export function unreadableArguments(method: string): BridgeError {
  return contractArgumentsInvalid(method, 'the arguments could not be read (a property threw when read)');
}

/** Turns the argument list into one JSON-safe plain object, or explains why it cannot. */
function argumentsToObject(method: SoftphoneMethod, args: readonly unknown[]): Record<string, unknown> | BridgeError {
  if (method === 'incomingCall' && args.length > 1 && args.length <= INCOMING_CALL_POSITIONS.length)
    return positionalIncomingCall(args);
  if (args.length !== 1) {
    const expected =
      method === 'incomingCall'
        ? `one object, one JSON string, or (${INCOMING_CALL_POSITIONS.join(', ')})`
        : 'one object or one JSON string';
    return contractArgumentsInvalid(method, `expected ${expected}, got ${args.length} argument(s)`, {
      count: args.length,
    });
  }
  let value = args[0];
  if (typeof value === 'string') {
    const parsed = parseJson(method, value);
    if (parsed instanceof BridgeError) return parsed;
    value = parsed;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return contractArgumentsInvalid(method, `expected an object, got ${kindOf(value)}`, { received: kindOf(value) });
  }
  const safe = toJsonSafe(value);
  if (typeof safe !== 'object' || safe === null) {
    return contractArgumentsInvalid(method, 'expected a plain object', { received: 'object' });
  }
  return safe as Record<string, unknown>;
}

/** The positional form `incomingCall(partnerId, conversationId, callerANI, language?)` as an object. */
function positionalIncomingCall(args: readonly unknown[]): Record<string, unknown> {
  const payload: Record<string, unknown> = {};
  INCOMING_CALL_POSITIONS.forEach((name, index) => {
    // An explicit `undefined` language is the same as leaving it out: the default applies.
    if (args[index] !== undefined) payload[name] = toJsonSafe(args[index]);
  });
  return payload;
}

function parseJson(method: SoftphoneMethod, text: string): unknown {
  if (text.length > MAX_JSON_LENGTH) {
    return contractJsonInvalid(method, `the JSON parameter is longer than ${MAX_JSON_LENGTH} characters`, {
      length: text.length,
    });
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    // The parser's message quotes the text around the error; it is not passed on (it may hold notes).
    return contractJsonInvalid(method, 'the string is not valid JSON');
  }
}
