export { zendeskAdapter, type ZendeskAdapterOptions } from './zendesk-adapter.js';
export { parseZendeskSettings, type ZendeskSettings } from './settings.js';
export { callComment, isCommentOf, newTicket, ticketUpdate, DETAILS_SEPARATOR } from './to-ticket.js';
export type { ZafClient, ZafMetadata, ZafRequestOptions, ZafRequestFailure } from './zaf.types.js';
export { relayDialouts, DIALOUT_RELAY_EVENT } from './dialout-relay.js';
