import { isRecord } from '../../src/contract/index.js';
import { OptionChecker, optionsObject } from '../shared/options.js';
import { checkRelayOption } from '../shared/relay-options.js';
import { subscribeRelay, type RelayOptions } from '../shared/relay-stream.js';
import type { SocioVoiceHost } from './sociomile-sdk.js';

/** Subscribes to the webhook bodies the CRM's server relays to the page; returns the unsubscribe function. */
export type SociomileWebhooks = (listener: (body: unknown) => void) => () => void;

/** Options of {@link sociomileConnector}. */
export interface SociomileConnectorOptions {
  /** The widget's credential for `socioVoice('init', …)`. Required unless `initialize` is false. Never logged. */
  readonly userCredential?: string;
  /** Send `socioVoice('init', …)` on connect. Default true; false when the page initialises the widget itself. */
  readonly initialize?: boolean;
  /** The widget script to load when the page has no `socioVoice` yet (the snippet's `./widget.js`). */
  readonly widgetUrl?: string;
  /** Where `socioVoice` lives. Default `globalThis` (the page's window). */
  readonly host?: SocioVoiceHost;
  /** `init`'s `minimized`. Default true. */
  readonly minimized?: boolean;
  /** `init`'s `disableDarkMode`. Default false. */
  readonly disableDarkMode?: boolean;
  /** `init`'s `element`: embed the widget in it (it is then not draggable). */
  readonly element?: Element;
  /** Partner id for contract payloads while the CRM sends no `partner_config`. */
  readonly partnerId?: string;
  /** The call results Sociomile posts to the CRM's server, relayed to the page by a server of its own. */
  readonly webhooks?: SociomileWebhooks;
  /**
   * The project's relay (relay/README.md): the agent's stream of webhooks, instead of `webhooks`.
   * Every dial then sends `agent: relay.agentId` in its `params`, so the webhook's `extra_params.agent`
   * routes the call back to this agent.
   */
  readonly relay?: RelayOptions;
  /** `params` of every dial, sent back in the webhook's `extra_params` (e.g. the agent's id). */
  readonly dialParams?: Readonly<Record<string, string | number | boolean>>;
  /** Maximise the widget (`open`) before dialling. Default true. */
  readonly openOnDial?: boolean;
  /** Makes conversation ids for dials (sent as `internal_id`). Default `crypto.randomUUID`. */
  readonly newId?: () => string;
}

/** The options, checked and completed. */
export interface SociomileSettings {
  readonly userCredential: string | undefined;
  readonly initialize: boolean;
  readonly widgetUrl: string | undefined;
  readonly host: SocioVoiceHost;
  readonly minimized: boolean;
  readonly disableDarkMode: boolean;
  readonly element: Element | undefined;
  readonly partnerId: string | undefined;
  readonly webhooks: SociomileWebhooks | undefined;
  readonly dialParams: Readonly<Record<string, string | number | boolean>>;
  readonly openOnDial: boolean;
  readonly newId: () => string;
}

/** Checks the options; throws one `CONFIG_INVALID` naming every option at fault (never a value). */
export function parseSociomileOptions(options: SociomileConnectorOptions): SociomileSettings {
  const check = new OptionChecker('sociomile', optionsObject('sociomile', options));
  const initialize = check.flag('initialize', true);
  const userCredential = check.filledText('userCredential', { required: initialize, max: 4096 });
  const widgetUrl = check.filledText('widgetUrl', { max: 2048 });
  if (widgetUrl !== undefined && !scriptUrl(widgetUrl))
    check.problem('widgetUrl', 'must be an https URL or a path on this site');
  const host = check.value('host') ?? globalThis;
  if (!isRecord(host)) check.problem('host', 'must be the window (or an object holding socioVoice)');
  const params = check.value('dialParams') ?? {};
  if (!isRecord(params) || Object.values(params).some((v) => !['string', 'number', 'boolean'].includes(typeof v))) {
    check.problem('dialParams', 'must be an object of text, number or boolean values');
  }
  const relay = checkRelayOption(check);
  if (relay !== undefined && check.value('webhooks') !== undefined)
    check.problem('relay', 'and options.webhooks exclude each other');
  const element = check.value('element');
  if (element !== undefined && !isRecord(element)) check.problem('element', 'must be an element');
  const settings: SociomileSettings = {
    userCredential,
    initialize,
    widgetUrl,
    host: host as SocioVoiceHost,
    minimized: check.flag('minimized', true),
    disableDarkMode: check.flag('disableDarkMode', false),
    element: element as Element | undefined,
    partnerId: check.filledText('partnerId'),
    webhooks: check.fn<SociomileWebhooks>('webhooks') ?? relayWebhooks(relay),
    // The relay routes a webhook by extra_params.agent: every dial carries this agent's id.
    dialParams:
      relay === undefined
        ? (params as Readonly<Record<string, string | number | boolean>>)
        : { ...(params as object), agent: relay.agentId },
    openOnDial: check.flag('openOnDial', true),
    newId: check.fn<() => string>('newId') ?? (() => globalThis.crypto.randomUUID()),
  };
  check.finish();
  return settings;
}

/** An https URL, or a path on this site: never `javascript:`, `data:` or plain http elsewhere. */
function scriptUrl(text: string): boolean {
  if (/^\/(?!\/)|^\.\.?\//.test(text)) return true;
  try {
    return new URL(text).protocol === 'https:';
  } catch {
    return false;
  }
}

/** The relay's `sociomile.call` events as the connector's webhook bodies. */
function relayWebhooks(relay: RelayOptions | undefined): SociomileWebhooks | undefined {
  if (relay === undefined) return undefined;
  return (listener) => subscribeRelay(relay, ['sociomile.call'], (event) => listener(event.body));
}
