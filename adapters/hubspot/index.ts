export { hubspotAdapter, type HubSpotAdapterOptions } from './hubspot-adapter.js';
export { parseHubSpotSettings, DEFAULT_OUTCOMES, type HubSpotSettings, type HubSpotSettingsInput } from './settings.js';
export {
  toEngagementProperties,
  endStatusOf,
  escapeHtml,
  DETAILS_SEPARATOR,
  type EngagementContext,
} from './to-engagement.js';
export { Engagements, type CallerIdMatch, type EngagementStore, type StartedCall } from './engagements.js';
export type {
  CallingExtensionsClass,
  CallingExtensionsLike,
  CallEndStatus,
  EngagementProperties,
  HubSpotEventHandlers,
  HubSpotHandler,
  ObjectCoordinates,
} from './calling-extensions.types.js';
