/**
 * The Sobot Call SDK connector (`softphone-bridge/connectors/sobot`): Sobot agent events → the
 * Softphone contract; `start_call` → `makeCall`, `update_presence` → `ready` / `notReady`.
 */
export { sobotConnector, type SobotConnector } from './sobot-connector.js';
export {
  DEFAULT_SOBOT_EVENTS,
  DEFAULT_SOBOT_STATUS_MAP,
  SOBOT_REASON_CODES,
  type SobotCallEventNames,
  type SobotConnectorOptions,
} from './sobot-options.js';
export type { SobotAgent, SobotCallbacks, SobotListener, SobotMakeCall, SobotStatus } from './sobot-sdk.js';
export {
  parseSobotEvent,
  type SobotEvent,
  type SobotEventKind,
  type SobotCallFacts,
  type SobotCallType,
  type SobotDirection,
  type SobotNumbers,
  type SobotPartyRole,
} from './parse-event.js';
export { customerNumber } from './customer-number.js';
export { sobotIgnoreReason } from './party.js';
export {
  sobotCallStep,
  sobotRegain,
  sobotStatusCall,
  type SobotCall,
  type SobotCallEvent,
  type SobotEnv,
  type SobotStep,
} from './to-contract.js';
