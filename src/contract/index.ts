/**
 * The public contract of softphone-bridge: what crosses a boundary. Adapters and connectors
 * import only this module (`softphone-bridge/contract`), as a third party would.
 */
export {
  IncomingCallPayload,
  CallAcceptedPayload,
  CallRejectedPayload,
  CallEndedPayload,
  CallNotesSubmittedPayload,
  OutboundCallInitiatedPayload,
  StatusChangedPayload,
  softphonePayloads,
  type SoftphoneMethod,
  type SoftphonePayload,
  ivrFields,
} from './softphone-payloads.js';
export { contractSpec, positionalForms, callPolicy, ScreenPopOn, LogRejectedCalls, type CallPolicy } from './spec.js';
export type {
  ContractMethod,
  ContractTarget,
  PositionalArgs,
  SoftphoneContract,
  SoftphoneParams,
} from './contract-target.js';
export {
  SOFTPHONE_METHODS,
  CONTRACT_METHODS,
  CALLBACK_EVENT_TYPES,
  CALL_STATES,
  IVR_FIELDS,
  POLICY_CHOICES,
  DEFAULT_LANGUAGE,
} from './compiled-spec.js';
export {
  DispositionEvent,
  PartnerConfigEvent,
  UpdatePresenceEvent,
  StartCallEvent,
  callbackEvents,
  type CallbackEventType,
  type CallbackPayload,
  type SoftphoneCallback,
} from './callback-events.js';
export { CallRecord, CallState, CallOutcome, CrmRecordRef, IvrContext } from './call-record.js';
export type { CallLogWrite, PresenceWrite, CrmWrite, CrmWriteKind, WriteReceipt } from './crm-write.js';
export {
  capabilitiesOf,
  type AdapterCapabilities,
  type AdapterConfig,
  type AdapterContext,
  type CrmAdapter,
  type DialRequest,
  type ScreenPopRequest,
  type ScreenPopResult,
} from './crm-adapter.js';
export { parseContractCall, MAX_JSON_LENGTH } from './parse-contract-call.js';
export { validatePayload, validateCallbackPayload, isId, type Validated } from './validate.js';
export type { LeanIssue } from './lean-schema.js';
export * from '../errors/index.js';
export type { Clock } from '../shared/clock.js';
export { withTimeout } from '../shared/with-timeout.js';
export { isRecord } from '../shared/is-record.js';
export type { Logger, LogFields } from '../shared/logger.js';
export { toE164, isKnownCountry, type E164Problem } from './e164.js';
export type { ConnectorContext, ContractCall, SoftphoneConnector } from './softphone-connector.js';
export { SettingsReader } from './settings-reader.js';
export { callSubject, ivrDetailLines, CALL_DETAILS_SEPARATOR } from './call-summary.js';
