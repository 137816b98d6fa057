import type { CallRecord, CrmRecordRef } from '../contract/call-record.js';
import type { SoftphonePayload } from '../contract/softphone-payloads.js';
import { callTransitionIgnored, screenPopFailed, toBridgeError } from '../errors/index.js';
import type { DrainLock } from '../outbox/drain-lock.js';
import type { OpenedOutbox } from '../outbox/open-outbox.js';
import { callLogKey } from '../outbox/outbox-entry.js';
import type { Clock } from '../shared/clock.js';
import type { Logger } from '../shared/logger.js';
import type { AdapterLink } from './adapter-link.js';
import type { BridgeSignals } from './bridge-signals.js';
import type { CallEvent, ConversationMethod } from './call-event.js';
import { transition, type Transition } from './call-machine.js';
import type { DialHints } from './dial-hints.js';
import type { LostCallWatch } from './lost-call-watch.js';

/** What {@link Conversations} works with. */
export interface ConversationsOptions {
  readonly clock: Clock;
  readonly logger: Logger;
  readonly signals: BridgeSignals;
  readonly link: AdapterLink;
  readonly watch: LostCallWatch;
  /** Events apply in call order: each waits for the previous one, whatever its outcome. */
  readonly events: DrainLock;
  /** The CRM records clicked to dial, for the outbound calls that follow. */
  readonly hints: DialHints;
  /** The outbox whose store keeps the calls; replaced when the calls move to IndexedDB. */
  readonly outbox: () => Promise<OpenedOutbox>;
  /** Aborted when the bridge is disposed. */
  readonly signal: AbortSignal;
}

/**
 * The conversation step: each event goes through the call machine, the changed call and its
 * writes are stored in one transaction, and then the step's effects run (xstate's actor running
 * what `transition` returned): `call.updated`, the adapter and the other tabs told, the screen
 * pop, the outbox drained.
 */
export class Conversations {
  readonly #clock: ConversationsOptions['clock'];
  readonly #logger: ConversationsOptions['logger'];
  readonly #signals: ConversationsOptions['signals'];
  readonly #link: ConversationsOptions['link'];
  readonly #watch: ConversationsOptions['watch'];
  readonly #events: ConversationsOptions['events'];
  readonly #hints: ConversationsOptions['hints'];
  readonly #outbox: ConversationsOptions['outbox'];
  readonly #signal: ConversationsOptions['signal'];

  constructor(options: ConversationsOptions) {
    this.#clock = options.clock;
    this.#logger = options.logger;
    this.#signals = options.signals;
    this.#link = options.link;
    this.#watch = options.watch;
    this.#events = options.events;
    this.#hints = options.hints;
    this.#outbox = options.outbox;
    this.#signal = options.signal;
  }

  /** A softphone event about a conversation, applied after the events called before it. */
  receive<M extends ConversationMethod>(method: M, payload: SoftphonePayload<M>): Promise<CallRecord> {
    const event = { type: method, payload, at: this.#clock.now() } as CallEvent;
    return this.#events.run(() => {
      this.#watch.lost.heard(payload.conversationId);
      return this.apply(payload.conversationId, event, method);
    });
  }

  /** Links the conversation's log to `record` (the agent chose it, or the screen pop found it), in event order. */
  link(conversationId: string, record: CrmRecordRef): Promise<CallRecord> {
    return this.#events.run(() =>
      this.apply(conversationId, { type: 'recordLinked', record, at: this.#clock.now() }, 'linkRecord'),
    );
  }

  /** One step of the machine, stored atomically with its writes; then the effects. Call it on the events' chain. */
  async apply(conversationId: string, event: CallEvent, method: string): Promise<CallRecord> {
    const { store } = await this.#outbox();
    const outcome = await store.updateCall<Transition>(
      conversationId,
      (current) => {
        const step = transition(current, event, this.#link.policy);
        // Only a step that changed the call is stored; a duplicate or an ignored event writes nothing.
        const call = step.verdict === 'applied' || step.verdict === 'merged' ? step.call : undefined;
        const writes =
          call !== undefined && step.effects.some((e) => e.type === 'writeCallLog')
            ? [{ key: callLogKey(conversationId), data: { kind: 'callLog' as const, call } }]
            : [];
        return { call, writes, result: step };
      },
      this.#clock.now(),
    );
    const call = outcome.call;
    if (outcome.verdict === 'ignored' || call === undefined) {
      // The machine's reason says what is wrong ("callRejected: already accepted."); the state is in the details.
      const error = callTransitionIgnored(method, outcome.reason ?? 'ignored', {
        conversationId,
        state: call?.state ?? null,
      });
      this.#signals.report('call.ignored', error, 'debug');
      if (call === undefined) throw error;
      return call;
    }
    if (outcome.verdict !== 'duplicate') {
      this.#signals.emit('call.updated', call, { method, verdict: outcome.verdict });
      this.#link.callUpdated(call);
      this.#watch.changed(call);
    }
    for (const effect of outcome.effects) {
      if (effect.type === 'screenPop') void this.#screenPop(call);
      if (effect.type === 'writeCallLog') {
        this.#signals.emit('outbox.queued', callLogKey(conversationId));
        void this.#link.drain(true);
      }
    }
    return call;
  }

  /** Shows the caller's record once the adapter is connected, and links the log to it; a failure is reported, never thrown. */
  async #screenPop(call: CallRecord): Promise<void> {
    try {
      await this.#link.whenConnected;
      if (this.#signal.aborted) return;
      const { conversationId, direction, phoneNumber } = call;
      const hinted = direction === 'outbound' ? this.#hints.take(phoneNumber, this.#clock.now()) : undefined;
      if (hinted !== undefined) return void (await this.link(conversationId, hinted));
      if (typeof this.#link.adapter.screenPop !== 'function') return;
      const result = await this.#link.adapter.screenPop({ conversationId, direction, phoneNumber });
      if (result.record !== undefined) await this.link(conversationId, result.record);
    } catch (error) {
      const failure = toBridgeError(error, (cause) => screenPopFailed('The screen pop failed.', { cause }));
      this.#logger.warn(failure.message, { code: failure.code, conversationId: call.conversationId });
      this.#signals.emit('screenPop.failed', failure);
    }
  }
}
