/**
 * `softphone-bridge/connectors/shared`: what every connector is built from (docs/writing-a-connector.md):
 * the link to the contract target, the book of open and finished vendor calls, the vendor call's
 * phase machine and the contract calls it makes, payload and option
 * readers, and small pure helpers.
 */
export { CallBook } from './call-book.js';
export type { CallStep, MappingEnv } from './call-step.js';
export { readConnectorOptions, settingsToConnect } from './connector-settings.js';
export { ContractLink, type IntentHandlers } from './contract-link.js';
export { asRecord, FieldReader, vendorPayloadError, type Parsed } from './fields.js';
export { OptionChecker, optionsObject } from './options.js';
export { httpUrl } from './safe-url.js';
export { epochMs, secondsBetween } from './time.js';
export { vendorCall, type CallDirection, type CallPhase, type VendorCall } from './vendor-call.js';
