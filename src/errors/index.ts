export { BridgeError, toBridgeError, type BridgeErrorDetails, type BridgeErrorJson } from './bridge-error.js';
export { bridgeErrorFromJSON } from './bridge-error-from-json.js';
export { errorCatalog, isBridgeErrorCode, type BridgeErrorCode } from './catalog.js';
