import type { BridgeErrorCode } from './catalog.js';

/**
 * Every code of `errorCatalog`, without its summaries: what the remote client needs to tell a
 * code it can rebuild from one it cannot, at a tenth of the catalog's weight in its 3 KB bundle.
 * test/errors/bridge-error.test.ts holds the list to the catalog.
 */
export const ERROR_CODES: readonly BridgeErrorCode[] = [
  'ADAPTER_CONNECT_FAILED',
  'ADAPTER_TIMEOUT',
  'ADAPTER_WRITE_FAILED',
  'ADAPTER_WRITE_REFUSED',
  'BRIDGE_DISPOSED',
  'CALLBACK_EXPIRED',
  'CALLBACK_FAILED',
  'CALLBACK_INVALID',
  'CALL_TRANSITION_IGNORED',
  'CONFIG_INVALID',
  'CONTRACT_ARGUMENTS_INVALID',
  'CONTRACT_JSON_INVALID',
  'CONTRACT_PAYLOAD_INVALID',
  'DIAL_NUMBER_INVALID',
  'OUTBOX_DEAD_LETTERED',
  'OUTBOX_STORE_FAILED',
  'REMOTE_DISCONNECTED',
  'REMOTE_ORIGIN_REFUSED',
  'REMOTE_QUEUE_FULL',
  'REMOTE_TIMEOUT',
  'SCREEN_POP_FAILED',
  'STORAGE_ACCESS_DENIED',
];

/** Whether `code` is a known {@link BridgeErrorCode}; used when rebuilding errors from JSON. */
export function isBridgeErrorCode(code: unknown): code is BridgeErrorCode {
  return (ERROR_CODES as readonly unknown[]).includes(code);
}
