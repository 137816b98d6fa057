/**
 * The Sociomile Voice connector (`softphone-bridge/connectors/sociomile`): `start_call` → the
 * widget's `dial` command; the call's webhook → `callEnded` with talk time and recording link.
 */
export { sociomileConnector, type SociomileConnector } from './sociomile-connector.js';
export type { SociomileConnectorOptions, SociomileWebhooks } from './sociomile-options.js';
export type { SocioVoice, SocioVoiceHost, SocioVoiceInit } from './sociomile-sdk.js';
export { parseSociomileWebhook, type SociomileCallResult } from './webhook.js';
export { sociomileCalls, webhookFields } from './to-contract.js';
