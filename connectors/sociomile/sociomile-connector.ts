import {
  BridgeError,
  callbackFailed,
  configInvalid,
  type CallbackPayload,
  type ConnectorContext,
  type ContractTarget,
  type SoftphoneConnector,
} from '../../src/contract/index.js';
import { CallBook } from '../shared/call-book.js';
import { readConnectorOptions, settingsToConnect } from '../shared/connector-settings.js';
import { ContractLink } from '../shared/contract-link.js';
import { vendorPayloadError } from '../shared/fields.js';
import { SocioVoiceSdk } from './sociomile-sdk.js';
import { parseSociomileOptions, type SociomileConnectorOptions, type SociomileSettings } from './sociomile-options.js';
import { sociomileCalls } from './to-contract.js';
import { parseSociomileWebhook } from './webhook.js';

/** The Sociomile connector, with the webhook input and the widget's open/close. */
export interface SociomileConnector extends SoftphoneConnector {
  /** A webhook body the CRM's server received (`{data: …}`, its JSON text, or the resend API's array). */
  webhook(body: unknown): void;
  /** Maximises the widget (`socioVoice('event', {action:'open'})`). */
  open(): void;
  /** Minimises the widget (`socioVoice('event', {action:'close'})`). */
  close(): void;
}

/**
 * A connector for the Sociomile Voice widget, which dials out and reports each call by webhook:
 * `start_call` → `socioVoice('event', {action:'dial', number, internal_id, params})` with a new
 * conversationId as `internal_id`, reported as `outboundCallInitiated`; the webhook for that
 * `internal_id` → `callEnded` with the talk time and the recording link. The widget has no
 * statuses: `update_presence` is ignored. Mapping table: connectors/sociomile/README.md.
 *
 * @example
 * const connector = sociomileConnector({ userCredential, widgetUrl: 'https://cdn.example.com/widget.js', webhooks: relay.subscribe });
 * await connector.connect(bridge, { logger, clock: systemClock, report: (e) => console.warn(e.code) });
 *
 * @see ../../../shared/seeds/000_dd2173ba1c0f0c74.txt
 */
export function sociomileConnector(options: SociomileConnectorOptions): SociomileConnector {
  const settings = readConnectorOptions('sociomile', () => parseSociomileOptions(options));
  const link = new ContractLink('sociomile', settings instanceof BridgeError ? undefined : settings.partnerId);
  /** Calls this page dialled, by conversationId (= `internal_id`). */
  const book = new CallBook<{ readonly number: string }>();
  let sdk: SocioVoiceSdk | undefined;
  let initialised = false;
  let unsubscribe: (() => void) | undefined;

  const onWebhook = (body: unknown) => {
    if (Array.isArray(body)) return body.forEach(onWebhook);
    const parsed = parseSociomileWebhook(body);
    if (!parsed.ok) return link.report(vendorPayloadError('sociomile', 'webhook', parsed.problems, parsed.fields));
    const result = parsed.value;
    if (book.isFinished(result.conversationId))
      return link.context.logger.debug('sociomile: webhook for a finished call ignored', {
        connector: 'sociomile',
        conversationId: result.conversationId,
      });
    const dialled = book.get(result.conversationId) !== undefined;
    book.finish(result.conversationId);
    link.send(sociomileCalls(result, dialled, link.partner));
  };

  const startCall = (s: SociomileSettings, request: CallbackPayload<'start_call'>) => {
    const conversationId = s.newId();
    if (typeof conversationId !== 'string' || conversationId === '' || conversationId.length > 256) {
      throw configInvalid(['newId'], 'sociomile: options.newId must return non-empty text of at most 256 characters.', {
        connector: 'sociomile',
      });
    }
    const number = request.dialTo.trim();
    try {
      if (s.openOnDial) sdk?.open();
      sdk?.dial(number, conversationId, s.dialParams);
    } catch (cause) {
      throw callbackFailed('sociomile: the widget refused the dial command.', {
        details: { connector: 'sociomile', vendorMethod: 'dial' },
        cause,
      });
    }
    book.set(conversationId, { number });
    link.send([
      { method: 'outboundCallInitiated', payload: { partnerId: link.partner, conversationId, dialledTo: number } },
    ]);
  };

  const widget = (action: 'open' | 'close') => {
    try {
      sdk?.[action]();
    } catch (cause) {
      link.report(
        callbackFailed(`sociomile: the widget refused ${action}.`, {
          details: { connector: 'sociomile', vendorMethod: action },
          cause,
        }),
      );
    }
  };

  return {
    name: 'sociomile',
    async connect(target: ContractTarget, context: ConnectorContext): Promise<void> {
      const s = settingsToConnect('sociomile', settings, link);
      if (typeof s.host.socioVoice !== 'function' && s.widgetUrl === undefined) {
        throw configInvalid(
          ['widgetUrl'],
          'sociomile connector: options.widgetUrl is required when the page has not embedded the widget (no socioVoice).',
          { connector: 'sociomile' },
        );
      }
      sdk = SocioVoiceSdk.install(s.host, s.widgetUrl).sdk;
      if (s.initialize && !initialised && s.userCredential !== undefined) {
        // Once per connector: a second init would start a second widget.
        sdk.init({
          minimized: s.minimized,
          disableDarkMode: s.disableDarkMode,
          userCredential: s.userCredential,
          ...(s.element === undefined ? {} : { element: s.element }),
        });
        initialised = true;
      }
      unsubscribe = s.webhooks?.((body) => link.run(() => onWebhook(body)));
      try {
        await link.open(target, context, {
          startCall: (r) => startCall(s, r),
          updatePresence: () =>
            context.logger.debug('sociomile: update_presence has no widget command; ignored', {
              connector: 'sociomile',
            }),
        });
      } catch (error) {
        await this.disconnect();
        throw error;
      }
    },
    async disconnect(): Promise<void> {
      link.close();
      unsubscribe?.();
      unsubscribe = undefined;
      book.clear();
    },
    settled: () => link.settled(),
    webhook: (body: unknown) => link.run(() => onWebhook(body)),
    open: () => widget('open'),
    close: () => widget('close'),
  };
}
