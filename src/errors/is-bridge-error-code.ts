import { ERROR_CODES, type BridgeErrorCode } from './codes.generated.js';

/** Whether `code` is a known {@link BridgeErrorCode}; used when rebuilding errors from JSON. */
export function isBridgeErrorCode(code: unknown): code is BridgeErrorCode {
  return (ERROR_CODES as readonly unknown[]).includes(code);
}
