export { dynamicsAdapter, type DynamicsAdapterOptions } from './dynamics-adapter.js';
export {
  parseDynamicsSettings,
  DEFAULT_SEARCH,
  type DynamicsSettings,
  type DynamicsSettingsInput,
  type SearchEntity,
} from './settings.js';
export { toPhoneCall, type PhoneCallAttributes } from './to-phonecall.js';
export { cifReady, type CifWindow } from './load-cif.js';
export { numberVariants, phoneQuery, odataString } from './find-callers.js';
export type { CifApi } from './cif.types.js';
