import type { CallRecord } from '../contract/call-record.js';
import { errorCode } from '../errors/index.js';
import type { BridgeStore } from '../outbox/bridge-store.js';
import type { DrainLock } from '../outbox/drain-lock.js';
import type { OpenedOutbox } from '../outbox/open-outbox.js';
import type { Clock } from '../shared/clock.js';
import type { Logger } from '../shared/logger.js';
import { electPhone, type ActivePhone, type PhoneMessage } from './active-phone.js';
import type { AdapterLink } from './adapter-link.js';
import type { BridgeSignals } from './bridge-signals.js';
import type { Conversations } from './conversations.js';
import { LostCalls } from './lost-calls.js';

/** What a {@link LostCallWatch} works with. */
export interface LostCallWatchOptions {
  /** The store's name: the tabs sharing it elect one active phone under it. */
  readonly name: string;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly signals: BridgeSignals;
  readonly link: AdapterLink;
  /** The events' chain: the sweep ends lost calls in turn with the softphone's events. */
  readonly events: DrainLock;
  readonly outbox: () => Promise<OpenedOutbox>;
  /** How long a lost call waits for the softphone to speak of it (`interruptedAfterMs`). */
  readonly graceMs: number;
  /** Aborted when the bridge is disposed. */
  readonly signal: AbortSignal;
}

/**
 * Lost calls and the active phone (ADR 0011): which live calls some softphone session holds, here
 * or in another tab; the sweep that ends, as `interrupted`, the calls nobody held for
 * `interruptedAfterMs`; and the election of one active phone among the tabs sharing a durable store.
 */
export class LostCallWatch {
  /** Which calls the softphone sessions hold (see {@link LostCalls}). */
  readonly lost: LostCalls;
  readonly #name: LostCallWatchOptions['name'];
  readonly #clock: LostCallWatchOptions['clock'];
  readonly #logger: LostCallWatchOptions['logger'];
  readonly #signals: LostCallWatchOptions['signals'];
  readonly #link: LostCallWatchOptions['link'];
  readonly #events: LostCallWatchOptions['events'];
  readonly #outbox: LostCallWatchOptions['outbox'];
  readonly #graceMs: LostCallWatchOptions['graceMs'];
  readonly #signal: LostCallWatchOptions['signal'];
  #phone: ActivePhone | undefined;
  #timer: unknown;

  constructor(options: LostCallWatchOptions) {
    this.#name = options.name;
    this.#clock = options.clock;
    this.#logger = options.logger;
    this.#signals = options.signals;
    this.#link = options.link;
    this.#events = options.events;
    this.#outbox = options.outbox;
    this.#graceMs = options.graceMs;
    this.#signal = options.signal;
    this.lost = new LostCalls(options.clock.now());
  }

  /** This tab's part in the election of the active phone, once the store is durable. */
  get phone(): ActivePhone | undefined {
    return this.#phone;
  }

  /**
   * Every few seconds: tells the other tabs which calls this page's softphone holds, and, in the
   * active phone's page only (so that tabs do not race; the store would keep it to one log anyway),
   * ends the calls nobody held for `interruptedAfterMs`.
   */
  sweep(conversations: Conversations): void {
    if (this.#signal.aborted) return;
    // Infinity (never by itself) still sweeps every 15 s: the heartbeat that tells other tabs what this softphone holds.
    const every = Math.min(15_000, Math.max(250, this.#graceMs / 4));
    this.#timer = this.#clock.setTimeout(() => {
      void this.#events
        .run(() => this.endLost(conversations, false))
        .catch((error: unknown) => this.#logger.warn('lost-call sweep failed', { code: errorCode(error) }))
        .finally(() => this.sweep(conversations));
    }, every);
  }

  /** Ends the lost calls as `interrupted` (see {@link LostCalls}); `atOnce` without waiting for their grace. Call it on the events' chain. */
  async endLost(conversations: Conversations, atOnce: boolean): Promise<CallRecord[]> {
    const calls = await (await this.#outbox()).store.listCalls();
    const held = this.lost.held(calls);
    if (held.length > 0) this.#phone?.post({ type: 'held', ids: held });
    const now = this.#clock.now();
    const lost = this.lost.lost(calls, now, this.#graceMs, atOnce);
    if (!atOnce && (this.#phone?.activeElsewhere === true || !Number.isFinite(this.#graceMs))) return [];
    const ended: CallRecord[] = [];
    for (const call of lost.calls) {
      const after = await conversations.apply(
        call.conversationId,
        { type: 'callInterrupted', before: lost.before, at: now },
        'callInterrupted',
      );
      if (after.outcome === 'interrupted' && after.revision !== call.revision) ended.push(after);
    }
    return ended;
  }

  /** Tells the other tabs that `call` changed here. */
  changed(call: CallRecord): void {
    this.#phone?.post({ type: 'changed', call });
  }

  /** Joins the election of the tabs sharing a durable store; a memory store is this page's own phone. */
  elect(store: BridgeStore, locks: LockManager | undefined): void {
    if (store.durability !== 'durable' || this.#phone !== undefined || this.#signal.aborted) return;
    this.#phone = electPhone(this.#name, {
      locks,
      changed: (elsewhere) => this.#signals.emit('phone.moved', elsewhere),
      heard: (message) => this.#heard(message),
    });
  }

  /** Stops the sweep and leaves the election. */
  close(): void {
    this.#clock.clearTimeout(this.#timer);
    this.#phone?.close();
  }

  /** Another tab changed a call (its view is refreshed here) or holds calls (they are not lost). */
  #heard(message: PhoneMessage): void {
    if (this.#signal.aborted) return;
    const now = this.#clock.now();
    if (message.type === 'held') return this.lost.heldElsewhere(message.ids, now);
    const { call } = message;
    if (call.state === 'ringing' || call.state === 'dialing' || call.state === 'connected')
      this.lost.heldElsewhere([call.conversationId], now);
    this.#signals.emit('call.updated', call, { method: 'peer', verdict: 'merged' });
    this.#link.callUpdated(call);
  }
}
