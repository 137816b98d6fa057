import type { BridgeErrorCode } from './catalog.js';

/**
 * The codes whose errors are retryable unless the thrower says otherwise: the `retryable: true`
 * entries of `errorCatalog`. Kept apart from the catalog so that a bundle that throws
 * `BridgeError`s does not also carry every code's summary; test/errors/bridge-error.test.ts
 * holds the two to the same answer.
 */
export const RETRYABLE_CODES: readonly BridgeErrorCode[] = [
  'ADAPTER_CONNECT_FAILED',
  'ADAPTER_TIMEOUT',
  'ADAPTER_WRITE_FAILED',
  'OUTBOX_STORE_FAILED',
  'REMOTE_QUEUE_FULL',
  'REMOTE_TIMEOUT',
];
