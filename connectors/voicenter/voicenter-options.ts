import { DEFAULT_LANGUAGE } from '../../src/contract/index.js';
import { OptionChecker, optionsObject } from '../shared/options.js';
import { checkRelayOption } from '../shared/relay-options.js';
import { subscribeRelay, type RelayOptions } from '../shared/relay-stream.js';
import type { XmlParser } from './cdr-xml-rpc.js';
import { isWebPhone, type VoicenterWebPhone } from './voicenter-sdk.js';

/**
 * A message the CRM's server relays to the page (over a WebSocket, server-sent events...): the
 * pop-up screen's phase request (`popup`: its JSON, or the GET/POST query) or a CDR notification
 * (`cdr`: its JSON, or the XML-RPC text). The Voicenter cloud posts both to the server, not the browser.
 */
export interface VoicenterServerMessage {
  readonly type: 'popup' | 'cdr';
  readonly body: unknown;
}

/** Subscribes to the server relay; returns the unsubscribe function. */
export type VoicenterServerEvents = (listener: (message: VoicenterServerMessage) => void) => () => void;

/** Options of {@link voicenterConnector}. */
export interface VoicenterConnectorOptions {
  /** `new voicenterWebPhone()`; one per page (the seed: never recreate it). */
  readonly phone: VoicenterWebPhone;
  /** Partner id for contract payloads while the CRM sends no `partner_config`. */
  readonly partnerId?: string;
  /** `language` of `incomingCall`. Default `en_US`. */
  readonly language?: string;
  /** The extension to register (`initiate`) after connecting, if the page does not. Never logged. */
  readonly extension?: { readonly user: string; readonly password: string };
  /** The server relay of pop-up phases and CDRs, if the page has one of its own. */
  readonly serverEvents?: VoicenterServerEvents;
  /** The project's relay (relay/README.md): the agent's stream of pop-up phases and CDRs. Instead of `serverEvents`. */
  readonly relay?: RelayOptions;
  /** Dial with the leading `+`. Default false: Voicenter takes E.164 without it ("972…"). */
  readonly keepPlus?: boolean;
  /** Parses CDR XML-RPC. Default: the page's `DOMParser`. */
  readonly xmlParser?: XmlParser;
}

/** The options, checked. */
export interface VoicenterSettings {
  readonly phone: VoicenterWebPhone;
  readonly partnerId: string | undefined;
  readonly language: string;
  readonly extension: { readonly user: string; readonly password: string } | undefined;
  readonly serverEvents: VoicenterServerEvents | undefined;
  readonly keepPlus: boolean;
  readonly xmlParser: XmlParser | undefined;
}

/** Checks the options; throws one `CONFIG_INVALID` naming every option at fault (never a value). */
export function parseVoicenterOptions(options: VoicenterConnectorOptions): VoicenterSettings {
  const check = new OptionChecker('voicenter', optionsObject('voicenter', options));
  if (!isWebPhone(check.value('phone')))
    check.problem('phone', 'must be a voicenterWebPhone instance (initiate, call)');
  const extension = check.value('extension');
  const user = (extension as { user?: unknown } | undefined)?.user;
  const password = (extension as { password?: unknown } | undefined)?.password;
  if (
    extension !== undefined &&
    (typeof user !== 'string' || user.trim() === '' || typeof password !== 'string' || password === '')
  ) {
    check.problem('extension', 'must be { user, password }, both non-empty text');
  }
  const parser = check.value('xmlParser');
  if (parser !== undefined && typeof (parser as { parseFromString?: unknown }).parseFromString !== 'function')
    check.problem('xmlParser', 'must have parseFromString');
  const relay = checkRelayOption(check);
  if (relay !== undefined && check.value('serverEvents') !== undefined)
    check.problem('relay', 'and options.serverEvents exclude each other');
  const settings: VoicenterSettings = {
    phone: options.phone,
    partnerId: check.filledText('partnerId'),
    language: check.filledText('language', { max: 35 }) ?? DEFAULT_LANGUAGE,
    extension: extension === undefined ? undefined : { user: String(user).trim(), password: String(password) },
    serverEvents: check.fn<VoicenterServerEvents>('serverEvents') ?? relayEvents(relay),
    keepPlus: check.flag('keepPlus', false),
    xmlParser: parser === undefined ? undefined : (parser as XmlParser),
  };
  check.finish();
  return settings;
}

/** The relay's `voicenter.popup` and `voicenter.cdr` events as the connector's server messages. */
function relayEvents(relay: RelayOptions | undefined): VoicenterServerEvents | undefined {
  if (relay === undefined) return undefined;
  return (listener) =>
    subscribeRelay(relay, ['voicenter.popup', 'voicenter.cdr'], (event) =>
      listener({ type: event.kind === 'cdr' ? 'cdr' : 'popup', body: event.body }),
    );
}
