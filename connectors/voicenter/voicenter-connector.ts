import {
  BridgeError,
  callbackFailed,
  type CallbackPayload,
  type ConnectorContext,
  type ContractTarget,
  type SoftphoneConnector,
} from '../../src/contract/index.js';
import { CallBook } from '../shared/call-book.js';
import { readConnectorOptions, settingsToConnect } from '../shared/connector-settings.js';
import { ContractLink } from '../shared/contract-link.js';
import { asRecord, FieldReader, vendorPayloadError, type Parsed } from '../shared/fields.js';
import { cdrCalls } from './cdr-enrichment.js';
import { parseCdrJson, type VoicenterCdr } from './cdr.js';
import { parseCdrXmlRpc } from './cdr-xml-rpc.js';
import { parsePopupPhase, parsePopupQuery } from './popup-phase.js';
import { voicenterStep, type VoicenterCall, type VoicenterEvent } from './to-contract.js';
import { parseVoicenterOptions, type VoicenterConnectorOptions, type VoicenterSettings } from './voicenter-options.js';
import { WEB_PHONE_CALLBACKS, WebPhoneSdk, type WebPhoneCallback } from './voicenter-sdk.js';

/** How long a number given to `call()` waits for its `onCall(ivrID)`. */
const DIAL_MEMORY_MS = 60_000;

/** The Voicenter connector, with the two server-side inputs the page may feed it directly. */
export interface VoicenterConnector extends SoftphoneConnector {
  /** A pop-up screen phase request the CRM's server received: its JSON (object or text) or its GET/POST query. */
  popupPhase(body: unknown): void;
  /** A CDR notification the CRM's server received: its JSON (object or text) or its XML-RPC text. */
  cdr(body: unknown): void;
}

/**
 * A connector for Voicenter: the WebRTC web-phone's callbacks, the pop-up screen's phases and the
 * CDR notifications → the Softphone contract, keyed by the ivr id; `start_call` → `call(number)`.
 * Mapping table: connectors/voicenter/README.md.
 *
 * @example
 * const connector = voicenterConnector({ phone: window.myPhone ??= new voicenterWebPhone(), serverEvents: relay.subscribe });
 * await connector.connect(bridge, { logger, clock: systemClock, report: (e) => console.warn(e.code) });
 *
 * @see ../../../shared/seeds/003_98f5a4d21a14edb6.txt and 004_0a8f95430ab850ba.txt
 */
export function voicenterConnector(options: VoicenterConnectorOptions): VoicenterConnector {
  const settings = readConnectorOptions('voicenter', () => parseVoicenterOptions(options));
  const link = new ContractLink('voicenter', settings instanceof BridgeError ? undefined : settings.partnerId);
  const book = new CallBook<VoicenterCall>();
  let sdk: WebPhoneSdk | undefined;
  let unsubscribe: (() => void) | undefined;
  /** `undefined` until the web-phone says; the page may have registered it before connecting. */
  let registered: boolean | undefined;
  let dials: { readonly number: string; readonly at: number }[] = [];

  const env = (s: VoicenterSettings, now: number) => ({ partnerId: link.partner, language: s.language, now });

  const apply = (s: VoicenterSettings, event: VoicenterEvent, now: number) => {
    if (book.isFinished(event.ivrId))
      return link.context.logger.debug('voicenter: event for a finished call ignored', {
        connector: 'voicenter',
        conversationId: event.ivrId,
      });
    const step = voicenterStep(book.get(event.ivrId), event, env(s, now));
    if (step.finished) book.finish(event.ivrId);
    else if (step.call !== undefined) book.set(event.ivrId, step.call);
    link.send(step.calls);
  };

  const takeDial = (now: number): string | undefined => {
    dials = dials.filter((d) => now - d.at <= DIAL_MEMORY_MS);
    return dials.shift()?.number;
  };

  /**
   * `onCallAnswer(token)`: seed 003 §11 names this argument `token` where every other callback
   * gets `ivrID`, and says no more. The answer goes to the call it names, if open (or finished:
   * then `apply` drops it); else to the one open call, the only one it can be. With no call or
   * several calls open (a reload mid-call, call waiting) the token is ambiguous: nothing is
   * opened or answered, since a call made from it would be a phantom inbound call with no number
   * and a bogus log. The pop-up's `Talking` phase or the CDR still marks such an answer.
   */
  const answerOf = (token: string): VoicenterEvent | undefined => {
    if (book.get(token) !== undefined || book.isFinished(token)) return { kind: 'answered', ivrId: token };
    const open = book.open();
    const only = open.length === 1 ? open[0]?.[0] : undefined;
    if (only !== undefined) return { kind: 'answered', ivrId: only };
    // The token's value is never logged: what it holds is unknown.
    link.context.logger.warn('voicenter: onCallAnswer names no open call and cannot be matched to one; ignored', {
      connector: 'voicenter',
      event: 'onCallAnswer',
      openCalls: open.length,
    });
    return undefined;
  };

  /** The web-phone's callbacks, as events (or `undefined` for the registration ones and an unmatched answer). */
  const fromWebPhone = (name: WebPhoneCallback, ivrId: string, now: number): VoicenterEvent | undefined => {
    switch (name) {
      case 'onRinging':
        return { kind: 'ringing', ivrId, direction: 'inbound' };
      case 'onCall': {
        const number = takeDial(now);
        return { kind: 'dialing', ivrId, direction: 'outbound', ...(number === undefined ? {} : { number }) };
      }
      case 'onCallAnswer':
        return answerOf(ivrId);
      case 'onCallEnd':
        return { kind: 'ended', ivrId };
      case 'onCallRejected':
        return { kind: 'rejected', ivrId };
      case 'onCallFailed': {
        const number = book.get(ivrId) === undefined ? takeDial(now) : undefined;
        return { kind: 'failed', ivrId, direction: 'outbound', ...(number === undefined ? {} : { number }) };
      }
      default:
        registered = name === 'onRegister';
        if (name !== 'onRegister')
          link.context.logger.warn(`voicenter: web-phone ${name}`, { connector: 'voicenter', event: name });
        return undefined;
    }
  };

  const onWebPhone = (s: VoicenterSettings, name: WebPhoneCallback) => (id: unknown) => {
    const now = link.context.clock.now();
    link.run(() => {
      const registration =
        name === 'onRegister' || name === 'onRegisterFailed' || name === 'onInitiateFailed' || name === 'onDisconnect';
      // The callback's one argument, read by the rules every vendor payload is read by.
      const read = new FieldReader({ ivrID: id });
      const ivrId = read.text('ivrID', !registration) ?? '';
      if (!read.ok) return link.report(vendorPayloadError('voicenter', name, read.problems, read.fields));
      const event = fromWebPhone(name, ivrId, now);
      if (event !== undefined) apply(s, event, now);
    });
  };

  const onPopup = (s: VoicenterSettings, body: unknown, now: number) => {
    const parsed =
      typeof body === 'string' && !body.trim().startsWith('{') ? parsePopupQuery(body) : parsePopupPhase(body);
    if (!parsed.ok) return link.report(vendorPayloadError('voicenter', 'pop-up phase', parsed.problems, parsed.fields));
    apply(s, parsed.value, now);
  };

  const onCdr = (s: VoicenterSettings, body: unknown, now: number) => {
    const parsed: Parsed<VoicenterCdr> =
      typeof body === 'string' && body.trim().startsWith('<') ? parseCdrXmlRpc(body, s.xmlParser) : parseCdrJson(body);
    if (!parsed.ok) return link.report(vendorPayloadError('voicenter', 'CDR', parsed.problems, parsed.fields));
    const cdr = parsed.value;
    const calls = cdrCalls(book.get(cdr.ivrId), book.isFinished(cdr.ivrId), cdr, env(s, now));
    if (calls === undefined)
      return link.context.logger.debug('voicenter: CDR for a call this page did not see', {
        connector: 'voicenter',
        conversationId: cdr.ivrId,
      });
    if (book.get(cdr.ivrId) !== undefined) book.finish(cdr.ivrId);
    link.send(calls);
  };

  const fromServer = (s: VoicenterSettings) => (message: unknown) => {
    const now = link.context.clock.now();
    link.run(() => {
      const m = asRecord(message);
      if (m?.['type'] === 'popup') return onPopup(s, m['body'], now);
      if (m?.['type'] === 'cdr') return onCdr(s, m['body'], now);
      link.report(vendorPayloadError('voicenter', 'server message', ['"type" must be "popup" or "cdr"'], ['type']));
    });
  };

  const startCall = (s: VoicenterSettings, request: CallbackPayload<'start_call'>) => {
    if (registered === false) {
      throw callbackFailed('voicenter: start_call while the web-phone is not registered; no call was made.', {
        details: { connector: 'voicenter', vendorMethod: 'call' },
      });
    }
    const number = s.keepPlus ? request.dialTo.trim() : request.dialTo.trim().replace(/^\+/, '');
    dials.push({ number: request.dialTo.trim(), at: link.context.clock.now() });
    try {
      sdk?.call(number);
    } catch (cause) {
      dials.pop();
      throw callbackFailed('voicenter: the web-phone refused call(number).', {
        details: { connector: 'voicenter', vendorMethod: 'call' },
        cause,
      });
    }
  };

  return {
    name: 'voicenter',
    async connect(target: ContractTarget, context: ConnectorContext): Promise<void> {
      const s = settingsToConnect('voicenter', settings, link);
      const api = new WebPhoneSdk(s.phone);
      sdk = api;
      for (const name of WEB_PHONE_CALLBACKS) api.hook(name, onWebPhone(s, name));
      unsubscribe = s.serverEvents?.(fromServer(s));
      try {
        await link.open(target, context, {
          startCall: (r) => startCall(s, r),
          updatePresence: () =>
            context.logger.debug('voicenter: update_presence has no web-phone method; ignored', {
              connector: 'voicenter',
            }),
        });
      } catch (error) {
        await this.disconnect();
        throw error;
      }
      if (s.extension !== undefined) {
        try {
          api.initiate(s.extension);
        } catch (cause) {
          link.report(
            callbackFailed('voicenter: the web-phone refused initiate().', {
              details: { connector: 'voicenter', vendorMethod: 'initiate' },
              cause,
            }),
          );
        }
      }
    },
    async disconnect(): Promise<void> {
      link.close();
      sdk?.unhookAll();
      unsubscribe?.();
      unsubscribe = undefined;
      book.clear();
      dials = [];
      registered = undefined;
    },
    settled: () => link.settled(),
    popupPhase(body: unknown): void {
      if (settings instanceof BridgeError) return;
      const s = settings;
      const now = link.isOpen ? link.context.clock.now() : 0;
      link.run(() => onPopup(s, body, now));
    },
    cdr(body: unknown): void {
      if (settings instanceof BridgeError) return;
      const s = settings;
      const now = link.isOpen ? link.context.clock.now() : 0;
      link.run(() => onCdr(s, body, now));
    },
  };
}
