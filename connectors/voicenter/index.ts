/**
 * The Voicenter connector (`softphone-bridge/connectors/voicenter`): web-phone callbacks, pop-up
 * screen phases and CDRs → the Softphone contract; `start_call` → `call(number)`. The pure parsers
 * and reply builders are exported for the CRM's server too.
 */
export { voicenterConnector, type VoicenterConnector } from './voicenter-connector.js';
export type { VoicenterConnectorOptions, VoicenterServerEvents, VoicenterServerMessage } from './voicenter-options.js';
export {
  WEB_PHONE_CALLBACKS,
  type VoicenterWebPhone,
  type WebPhoneCallback,
  type WebPhoneHandler,
} from './voicenter-sdk.js';
export {
  voicenterStep,
  type VoicenterCall,
  type VoicenterDirection,
  type VoicenterEnv,
  type VoicenterEvent,
  type VoicenterStep,
} from './to-contract.js';
export { parsePopupPhase, parsePopupQuery } from './popup-phase.js';
export { popupReply, POPUP_ERROR_REPLY, type PopupLookup, type PopupMatch, type PopupReply } from './popup-reply.js';
export { parseCdrJson, parseCdrFields, type VoicenterCdr } from './cdr.js';
export {
  parseCdrXmlRpc,
  readCdrXmlRpc,
  cdrReplyJson,
  cdrReplyXml,
  type XmlParser,
  type XmlDocumentLike,
  type XmlElementLike,
  type XmlNodeLike,
} from './cdr-xml-rpc.js';
export { cdrCalls, cdrFields } from './cdr-enrichment.js';
