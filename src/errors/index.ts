export { BridgeError, toBridgeError, type BridgeErrorDetails, type BridgeErrorJson } from './bridge-error.js';
export { bridgeErrorFromJSON } from './bridge-error-from-json.js';
export { errorCatalog, type BridgeErrorCode } from './catalog.js';
export { isBridgeErrorCode } from './error-codes.js';
