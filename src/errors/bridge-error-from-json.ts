import { BridgeError, type BridgeErrorDetails, type BridgeErrorJson } from './bridge-error.js';
import { remoteCodeUnknown } from './factories.js';
import { isBridgeErrorCode } from './is-bridge-error-code.js';

/**
 * Rebuilds an error from {@link BridgeError.toJSON} output, e.g. on the other side of a frame.
 * Anything that is not such output comes back as `REMOTE_CODE_UNKNOWN` (keeping the message)
 * rather than throwing. It knows the codes (codes.generated.ts), not the catalog's summaries, so
 * that the remote client's bundle stays small.
 *
 * A function of its own rather than a static method of {@link BridgeError}: only the remote
 * client rebuilds errors, and a static method would ride along in every bundle that throws one.
 */
export function bridgeErrorFromJSON(json: unknown): BridgeError {
  const record = (typeof json === 'object' && json !== null ? json : {}) as Partial<BridgeErrorJson>;
  const known = isBridgeErrorCode(record.code);
  const options: { details?: BridgeErrorDetails; retryable?: boolean } = {};
  if (typeof record.details === 'object' && record.details !== null) options.details = record.details;
  if (typeof record.retryable === 'boolean') options.retryable = record.retryable;
  // Without a message it reads as the code, as a BridgeError made without one does.
  const message = typeof record.message === 'string' ? record.message : undefined;
  return known
    ? new BridgeError(record.code as BridgeErrorJson['code'], message, options)
    : remoteCodeUnknown(message ?? 'REMOTE_CODE_UNKNOWN', options);
}
