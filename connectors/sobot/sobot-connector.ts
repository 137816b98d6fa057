import {
  BridgeError,
  callbackFailed,
  configInvalid,
  toBridgeError,
  type CallbackPayload,
  type ConnectorContext,
  type ContractTarget,
  type SoftphoneConnector,
} from '../../src/contract/index.js';
import { CallBook } from '../shared/call-book.js';
import { readConnectorOptions, settingsToConnect } from '../shared/connector-settings.js';
import { ContractLink } from '../shared/contract-link.js';
import { vendorPayloadError } from '../shared/fields.js';
import { customerNumber } from './customer-number.js';
import { sobotIgnoreReason } from './party.js';
import { parseSobotEvent, type SobotEvent, type SobotEventKind } from './parse-event.js';
import { parseSobotOptions, type SobotConnectorOptions, type SobotSettings } from './sobot-options.js';
import { SobotSdk } from './sobot-sdk.js';
import { sobotCallStep, sobotRegain, sobotStatusCall, type SobotCall, type SobotCallEvent } from './to-contract.js';
import { watchUnmapped } from './unmapped-events.js';

/** A synthetic event's numbers: it names none. */
const NO_NUMBERS = { ani: undefined, dnis: undefined, otherDN: undefined } as const;

/** How long a number sent to `makeCall` may wait for the `EventDialing` that lacks it. */
const DIAL_MEMORY_MS = 60_000;

/** The Sobot connector; `rejectCall` is how an agent's "decline" button tells the CRM it was declined. */
export interface SobotConnector extends SoftphoneConnector {
  /**
   * Declines the ringing inbound call (`agent.rejectCall()`) and reports `callRejected` `active`.
   * Use it instead of calling the SDK directly: Sobot's release event does not say who released
   * a ringing call, so a call released without it counts as missed (`passive`).
   */
  rejectCall(): void;
}

/**
 * A connector for the Sobot Call SDK (JS, 6.4.0): Sobot agent events → the Softphone contract;
 * `start_call` → `agent.makeCall({otherDN, ANI})`; `update_presence` → `agent.ready()` /
 * `agent.notReady({reasonCode})` through the status map. Mapping table: connectors/sobot/README.md.
 *
 * @example
 * const agent = new SobotClient.agent();
 * const connector = sobotConnector({ agent, statusMap: { available: 'ready', lunch: 14 } });
 * await connector.connect(bridge, { logger, clock: systemClock, report: (e) => console.warn(e.code) });
 * agent.initAgent({ token, companyId, agent: '1005', success, error }); // then agent.login(...)
 *
 * @see ../../../shared/seeds/001_c2e00f8b153bfa61.txt (the Sobot Call SDK document)
 */
export function sobotConnector(options: SobotConnectorOptions): SobotConnector {
  const settings = readConnectorOptions('sobot', () => parseSobotOptions(options));
  const link = new ContractLink('sobot', settings instanceof BridgeError ? undefined : settings.partnerId);
  const book = new CallBook<SobotCall>();
  let sdk: SobotSdk | undefined;
  let unsubscribe: (() => void)[] = [];
  let lastDial: { readonly number: string; readonly at: number } | undefined;
  /** Calls the agent declined through {@link SobotConnector.rejectCall}: their release is an active rejection. */
  const declined = new Set<string>();

  const env = (s: SobotSettings, now: number) => ({ partnerId: link.partner, language: s.language, now });

  const onStatus = (s: SobotSettings, status: 'ready' | number) => {
    const call = sobotStatusCall(status, s.toSoftphone);
    if (call !== undefined) return link.send([call]);
    link.report(
      configInvalid(
        ['statusMap'],
        `sobot: the agent's status (${status === 'ready' ? 'ready' : `reason code ${status}`}) is not in options.statusMap; the CRM was not told.`,
        { connector: 'sobot' },
      ),
    );
  };

  const onCall = (s: SobotSettings, event: SobotCallEvent, now: number) => {
    if (book.isFinished(event.callId))
      return link.context.logger.debug('sobot: event for a finished call ignored', {
        connector: 'sobot',
        conversationId: event.callId,
      });
    const ignored = sobotIgnoreReason(book.get(event.callId), event);
    if (ignored !== undefined)
      return link.context.logger.debug(`sobot: ${event.kind} event ignored: ${ignored}`, {
        connector: 'sobot',
        conversationId: event.callId,
      });
    let facts: SobotCallEvent =
      declined.has(event.callId) && (event.kind === 'released' || event.kind === 'abandoned')
        ? { ...event, kind: 'rejected' }
        : event;
    const opensOutbound =
      book.get(event.callId) === undefined && (event.kind === 'dialing' || event.direction === 'outbound');
    if (
      opensOutbound &&
      customerNumber(event, 'outbound') === undefined &&
      lastDial !== undefined &&
      now - lastDial.at <= DIAL_MEMORY_MS
    ) {
      // The documented EventDialing body shows no number (DNIS may be empty): the number just dialled is it.
      facts = { ...facts, numbers: { ...facts.numbers, otherDN: lastDial.number } };
      lastDial = undefined;
    }
    const step = sobotCallStep(book.get(event.callId), facts, env(s, now));
    if (step.finished) {
      book.finish(event.callId);
      declined.delete(event.callId);
    } else if (step.call !== undefined) book.set(event.callId, step.call);
    link.send(step.calls);
  };

  const onEvent = (s: SobotSettings, event: SobotEvent, now: number) => {
    if (event.kind === 'status') return onStatus(s, event.status);
    if (event.kind !== 'regain') return onCall(s, event, now);
    if (event.status !== undefined) onStatus(s, event.status);
    const result = sobotRegain(
      book.open().map(([, call]) => call),
      event,
      (id) => book.isFinished(id),
      env(s, now),
    );
    for (const id of result.ended) book.finish(id);
    if (result.keep !== undefined) book.set(result.keep.callId, result.keep);
    link.send(result.calls);
  };

  const listen = (s: SobotSettings, api: SobotSdk, eventName: string, kind: SobotEventKind) =>
    api.listen(eventName, (message) => {
      const now = link.context.clock.now();
      link.run(() => {
        const parsed = parseSobotEvent(kind, message);
        if (!parsed.ok) return link.report(vendorPayloadError('sobot', eventName, parsed.problems, parsed.fields));
        onEvent(s, parsed.value, now);
      });
    });

  const startCall = (s: SobotSettings, request: CallbackPayload<'start_call'>) => {
    const ani = request.dialFrom?.trim() || s.ani;
    const number = request.dialTo.trim();
    sdk?.makeCall({ otherDN: number, ...(ani === undefined ? {} : { ANI: ani }) });
    lastDial = { number, at: link.context.clock.now() };
  };

  const updatePresence = (s: SobotSettings, request: CallbackPayload<'update_presence'>) => {
    const status = s.toSobot.get(request.softphoneId);
    if (status === undefined) {
      throw configInvalid(
        ['statusMap'],
        'sobot: update_presence names a status that is not in options.statusMap; the Sobot status was not changed.',
        { connector: 'sobot' },
      );
    }
    sdk
      ?.setStatus(status)
      .catch((error: unknown) =>
        link.report(toBridgeError(error, (cause) => callbackFailed('sobot: the status change failed.', { cause }))),
      );
  };

  return {
    name: 'sobot',
    async connect(target: ContractTarget, context: ConnectorContext): Promise<void> {
      const s = settingsToConnect('sobot', settings, link);
      const api = new SobotSdk(s.agent, context.clock, s.statusTimeoutMs);
      sdk = api;
      // Subscribed before load and before the page calls initAgent: EventAgentRegainStatus comes right after it.
      const names: [string, SobotEventKind][] = [
        ['EventRinging', 'ringing'],
        ['EventDialing', 'dialing'],
        [s.events.answered, 'answered'],
        [s.events.released, 'released'],
        [s.events.abandoned, 'abandoned'],
        ['EventAgentReady', 'ready'],
        ['EventAgentNotReady', 'notReady'],
        ['EventAgentRegainStatus', 'regain'],
      ];
      unsubscribe = names.map(([eventName, kind]) => listen(s, api, eventName, kind));
      unsubscribe.push(watchUnmapped(api, new Set(names.map(([eventName]) => eventName)), () => link.context.logger));
      try {
        await link.open(target, context, {
          startCall: (r) => startCall(s, r),
          updatePresence: (r) => updatePresence(s, r),
        });
      } catch (error) {
        await this.disconnect();
        throw error;
      }
    },
    async disconnect(): Promise<void> {
      link.close();
      for (const off of unsubscribe) off();
      unsubscribe = [];
      book.clear();
      declined.clear();
      lastDial = undefined;
    },
    settled: () => link.settled(),
    rejectCall(): void {
      if (settings instanceof BridgeError || sdk === undefined || !link.isOpen) return;
      const s = settings;
      const callId = book.open().find(([, call]) => call.direction === 'inbound' && call.phase === 'ringing')?.[0];
      // Marked first: the SDK may release the call (and tell us) before rejectCall returns.
      if (callId !== undefined) declined.add(callId);
      try {
        sdk.rejectCall();
      } catch (error) {
        if (callId !== undefined) declined.delete(callId);
        return link.report(toBridgeError(error, (cause) => callbackFailed('sobot: rejectCall failed.', { cause })));
      }
      if (callId === undefined) return;
      const now = link.context.clock.now();
      link.run(() =>
        onCall(
          s,
          {
            kind: 'rejected',
            callId,
            direction: 'inbound',
            callType: 'inbound',
            party: undefined,
            numbers: NO_NUMBERS,
          },
          now,
        ),
      );
    },
  };
}
