/**
 * `softphone-bridge/adapters/shared`: what every CRM adapter is built from
 * (docs/writing-an-adapter.md): the connected state, and the settings every CRM adapter has,
 * read once with the contract's `SettingsReader`.
 */
export {
  capitalised,
  dialRequest,
  GUID,
  readCallPolicy,
  readDialSettings,
  readDispositionList,
  readPartnerConfig,
  type CallPolicySettings,
  type CallSettingsInput,
  type DialSettings,
  type SettingName,
} from './call-settings.js';
export { clickedNumber } from './clicked-number.js';
export { connection, type Connection } from './connection.js';
