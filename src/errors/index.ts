export {
  BridgeError,
  errorCode,
  toBridgeError,
  type BridgeErrorDetails,
  type BridgeErrorJson,
} from './bridge-error.js';
export { bridgeErrorFromJSON } from './bridge-error-from-json.js';
export { errorCatalog } from './catalog.generated.js';
export { ERROR_CODES, RETRYABLE_CODES, type BridgeErrorCode } from './codes.generated.js';
export * from './factories.js';
export { isBridgeErrorCode } from './is-bridge-error-code.js';
