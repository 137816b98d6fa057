export {
  salesforceAdapter,
  MESSAGE_CHANNEL,
  APEX_UPSERT,
  type SalesforceAdapterOptions,
} from './salesforce-adapter.js';
export { parseSettings, SETTINGS_SECTION, type SalesforceSettings } from './settings.js';
export { toTask, type TaskFields } from './to-task.js';
export { loadOpenCti, openCtiParameters, OPEN_CTI_VERSION } from './load-open-cti.js';
export type { OpenCtiApi, OpenCtiResponse } from './open-cti.types.js';
