import type { CallbackEventType, CallbackPayload } from '../contract/callback-events.js';
import { invalidPayload, parseContractCall, unreadableArguments } from '../contract/parse-contract-call.js';
import type { SoftphoneMethod, SoftphonePayload } from '../contract/softphone-payloads.js';
import { validateCallbackPayload } from '../contract/validate.js';
import { bridgeDisposed, internalError, toBridgeError } from '../errors/index.js';
import type { BridgeSignals } from './bridge-signals.js';

/**
 * Runs `body` so that nothing escapes synchronously: a throw becomes a rejection, every failure is
 * a BridgeError, and a disposed bridge refuses politely. Every public method of the bridge goes
 * through here: this is where "never throw into the softphone" is kept.
 */
export function guard<T>(method: string, disposed: boolean, body: () => T | PromiseLike<T>): Promise<T> {
  // The executor runs `body` at once, and turns what it throws into a rejection.
  return new Promise<T>((resolve) => {
    if (disposed) throw bridgeDisposed(method);
    resolve(body());
  }).catch((error: unknown) => {
    throw toBridgeError(error, (cause) => internalError(method, cause));
  });
}

/** The payload of a contract call; bad arguments are reported (`contract.rejected`) and thrown. */
export function parsePayload<M extends SoftphoneMethod>(
  method: M,
  args: readonly unknown[],
  signals: BridgeSignals,
): SoftphonePayload<M> {
  const parsed = parseContractCall(method, args);
  if (!parsed.ok) throw signals.report('contract.rejected', parsed.error);
  return parsed.payload;
}

/** Validates what goes to the softphone as `eventType`; errors name `method` (default: the event type). */
export function validateCallback<T extends CallbackEventType>(
  eventType: T,
  payload: unknown,
  signals: BridgeSignals,
  method: string = eventType,
): CallbackPayload<T> {
  const result = readInput(method, () => validateCallbackPayload(eventType, payload), signals);
  if (!result.success) throw signals.report('contract.rejected', invalidPayload(method, result.issues));
  return result.data;
}

/**
 * Reads caller-supplied data; a getter or Proxy trap that throws is bad input
 * (`CONTRACT_ARGUMENTS_INVALID`, reported), not a failure of the bridge.
 */
export function readInput<T>(method: string, read: () => T, signals: BridgeSignals): T {
  try {
    return read();
  } catch {
    throw signals.report('contract.rejected', unreadableArguments(method));
  }
}
