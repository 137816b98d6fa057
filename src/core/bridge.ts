import type { PartnerConfigEvent, SoftphoneCallback } from '../contract/callback-events.js';
import type { CallRecord } from '../contract/call-record.js';
import type { SoftphoneContract } from '../contract/contract-target.js';
import type { DialRequest } from '../contract/crm-adapter.js';
import type { SoftphonePayload } from '../contract/softphone-payloads.js';
import { bridgeDisposed, BridgeError, configInvalid, errorCode } from '../errors/index.js';
import { localLock } from '../outbox/local-lock.js';
import { moveOutbox, openOutbox, type OpenedOutbox, type OutboxSetup } from '../outbox/open-outbox.js';
import { resolveRetryPolicy } from '../outbox/retry-policy.js';
import { systemClock, type Clock } from '../shared/clock.js';
import LiteEmitter from '../shared/lite-emitter.js';
import { consoleLogger, type Logger } from '../shared/logger.js';
import { AdapterLink } from './adapter-link.js';
import { BRIDGE_DEFAULTS, type BridgeOptions, type BridgeWindow } from './bridge-options.js';
import type { BridgeEvents } from './bridge-events.js';
import { BridgeSignals } from './bridge-signals.js';
import { statusOf, type BridgeStatus } from './bridge-status.js';
import { CallbackChannel } from './callback-channel.js';
import type { ConversationMethod } from './call-event.js';
import { resolveCallPolicy } from './call-policy.js';
import { guard, parsePayload } from './contract-input.js';
import { Conversations } from './conversations.js';
import { CrmIntents } from './crm-intents.js';
import { DialHints } from './dial-hints.js';
import { LostCallWatch } from './lost-call-watch.js';
import { PresenceSync } from './presence-sync.js';
import { resolveCallback } from './resolve-callback.js';
import { openGrantedStore } from './storage-access.js';

/** A `JSONparams` argument: the payload object, or the same as a JSON string. */
export type JsonParams<T> = T | string;

/**
 * The bridge: implements the Softphone contract and turns it into CRM actions through an adapter.
 * Create it with `createBridge` (create-bridge.ts), or `new Bridge` where the entry file chooses every part.
 *
 * Every contract method returns a Promise that resolves once the event is validated and durably
 * recorded (not when the CRM write is done: that is the outbox's job), and rejects with a
 * {@link BridgeError} naming the method and each bad field. No method throws synchronously, and
 * events are applied one after another in the order they were called.
 *
 * The data path: {@link Conversations} steps each call event and runs its effects, the outbox
 * (src/outbox/open-outbox.ts) stores and drains the writes, the {@link AdapterLink} connects the
 * adapter and delivers them, the {@link LostCallWatch} ends the calls no softphone holds.
 */
export class Bridge extends LiteEmitter<BridgeEvents> implements SoftphoneContract {
  readonly #clock: Clock;
  readonly #logger: Logger;
  readonly #window: BridgeWindow;
  readonly #signals: BridgeSignals;
  readonly #channel: CallbackChannel;
  readonly #intents: CrmIntents;
  readonly #presence = new PresenceSync();
  readonly #abort = new AbortController();
  /** Replaced once, when the agent grants storage access and the calls move from memory to IndexedDB. */
  #outbox: Promise<OpenedOutbox>;
  readonly #setup: OutboxSetup;
  readonly #retentionMs: number;
  /** Events apply in call order: each waits for the previous one, whatever its outcome. */
  readonly #events = localLock();
  #connecting: Promise<void> | undefined;
  readonly #link: AdapterLink;
  readonly #watch: LostCallWatch;
  readonly #conversations: Conversations;
  #disposed = false;

  /**
   * Checks the options (a bad retry or policy option, or `interruptedAfterMs`, throws
   * `CONFIG_INVALID` naming it) and opens the outbox. `createBridge` adds the lease lock as the library's fallback.
   */
  constructor(options: BridgeOptions) {
    super();
    const grace = options.interruptedAfterMs ?? BRIDGE_DEFAULTS.interruptedAfterMs;
    if (!(typeof grace === 'number' && grace >= 0))
      throw configInvalid(['interruptedAfterMs'], 'interruptedAfterMs must be 0 ms or more.');
    const clock = (this.#clock = options.clock ?? systemClock);
    const logger = (this.#logger = options.logger ?? consoleLogger());
    const page = (this.#window = options.window ?? (globalThis as unknown as BridgeWindow));
    const signals = (this.#signals = new BridgeSignals(this, logger));
    const name = options.storeName ?? `softphone-bridge:${options.adapter.name}`;
    this.#retentionMs = options.retentionMs ?? BRIDGE_DEFAULTS.retentionMs;
    const told = {
      delivered: signals.relay('callback.delivered'),
      failed: (error: BridgeError) => void signals.report('callback.failed', error),
    };
    const startCallMs = options.startCallTimeoutMs ?? BRIDGE_DEFAULTS.startCallTimeoutMs;
    const channel = (this.#channel = new CallbackChannel(clock, told, startCallMs));
    // What every collaborator on the data path shares.
    const outbox = () => this.#outbox;
    const shared = { clock, logger, signals, outbox, events: this.#events, signal: this.#abort.signal };
    const policy = resolveCallPolicy(options.policy);
    const link = (this.#link = new AdapterLink({ ...shared, adapter: options.adapter, channel, policy }));
    const watch = (this.#watch = new LostCallWatch({ ...shared, name, link, graceMs: grace }));
    const hints = new DialHints(BRIDGE_DEFAULTS.dialHintMs);
    this.#conversations = new Conversations({ ...shared, link, watch, hints });
    this.#intents = new CrmIntents({ clock, signals, channel, link, presence: this.#presence, hints });
    this.#setup = {
      ...BRIDGE_DEFAULTS,
      name,
      page,
      clock,
      logger,
      retry: resolveRetryPolicy(options.retry),
      random: options.random ?? Math.random,
      fallbackLock: options.fallbackLock,
      deliver: (write) => link.deliver(write),
      listener: {
        written: signals.relay('outbox.written'),
        failed: signals.relay('outbox.failed'),
        deadLettered: signals.relay('outbox.deadLettered'),
      },
      limited: (what, logLine, reason) => signals.limited(what, logLine, reason),
    };
    this.#outbox = openOutbox(this.#setup, options.store);
    this.#outbox.then(
      ({ store }) => watch.elect(store, page.navigator?.locks),
      () => undefined,
    );
  }

  // ---- the Softphone contract ----------------------------------------------------------------

  /**
   * The softphone has loaded: `callback(eventType, payload)` is how the bridge talks back. Connects
   * the adapter (once), delivers `disposition` and `partner_config`, then anything queued, and
   * replays the outbox a previous page left behind. Calling it again swaps the callback and
   * delivers the configuration to the new one.
   *
   * @param callback a function, or the name of a global function (`"softphone.onBridgeEvent"`).
   */
  load(callback: SoftphoneCallback | string): Promise<void> {
    return guard('load', this.#disposed, () => {
      const resolved = resolveCallback(callback, this.#window);
      if (resolved instanceof BridgeError) throw this.#signals.report('contract.rejected', resolved);
      // A (re)loaded softphone starts a session: the calls of the last one wait for it to speak of them.
      this.#watch.lost.sessionStarted(this.#clock.now());
      this.#channel.attach(resolved);
      this.#signals.releaseLimits();
      if (this.#link.connected) return this.#link.sendConfig();
      return (this.#connecting ??= this.#connect().finally(() => (this.#connecting = undefined)));
    });
  }

  /** An incoming call rings. Takes one object or JSON string, or `(partnerId, conversationId, callerANI, language?)`. */
  incomingCall(
    params: JsonParams<Omit<SoftphonePayload<'incomingCall'>, 'language'> & { language?: string }>,
  ): Promise<CallRecord>;
  incomingCall(partnerId: string, conversationId: string, callerANI: string, language?: string): Promise<CallRecord>;
  incomingCall(...args: unknown[]): Promise<CallRecord> {
    return this.#receive('incomingCall', args);
  }

  /** The agent accepted the call; keeps the IVR context for the log. */
  callAccepted(params: JsonParams<SoftphonePayload<'callAccepted'>>): Promise<CallRecord>;
  callAccepted(...args: unknown[]): Promise<CallRecord> {
    return this.#receive('callAccepted', args);
  }

  /** The call was rejected, actively (declined) or passively (rang out). */
  callRejected(params: JsonParams<SoftphonePayload<'callRejected'>>): Promise<CallRecord>;
  callRejected(...args: unknown[]): Promise<CallRecord> {
    return this.#receive('callRejected', args);
  }

  /** The call ended: the call log is queued with duration, disposition and notes. */
  callEnded(params: JsonParams<SoftphonePayload<'callEnded'>>): Promise<CallRecord>;
  callEnded(...args: unknown[]): Promise<CallRecord> {
    return this.#receive('callEnded', args);
  }

  /** The agent submitted disposition and notes, before or after the end: one log in the end. */
  callNotesSubmitted(params: JsonParams<SoftphonePayload<'callNotesSubmitted'>>): Promise<CallRecord>;
  callNotesSubmitted(...args: unknown[]): Promise<CallRecord> {
    return this.#receive('callNotesSubmitted', args);
  }

  /** The agent started an outbound call. */
  outboundCallInitiated(params: JsonParams<SoftphonePayload<'outboundCallInitiated'>>): Promise<CallRecord>;
  outboundCallInitiated(...args: unknown[]): Promise<CallRecord> {
    return this.#receive('outboundCallInitiated', args);
  }

  /** The agent changed status on the softphone; synced to the CRM unless it echoes a CRM change. */
  statusChanged(params: JsonParams<SoftphonePayload<'statusChanged'>>): Promise<void>;
  statusChanged(...args: unknown[]): Promise<void> {
    return guard('statusChanged', this.#disposed, () => {
      const { softphoneId } = parsePayload('statusChanged', args, this.#signals);
      return this.#events.run(async () => {
        if (!this.#presence.receive(softphoneId, 'softphone', this.#clock.now())) return;
        this.#signals.emit('presence.changed', softphoneId, 'softphone');
        await this.#link.queuePresence(softphoneId);
      });
    });
  }

  // ---- the CRM → softphone direction ---------------------------------------------------------

  /**
   * Asks the softphone to dial (`start_call`). Partner fields default to the partner configuration.
   * Resolves once the softphone's callback has it; queued until `load`, refused after
   * `startCallTimeoutMs` without one.
   */
  startCall(request: DialRequest): Promise<void> {
    return guard('startCall', this.#disposed, () => this.#intents.startCall(request));
  }

  /** Asks the softphone to change the agent's status (`update_presence`), unless that is an echo. */
  updatePresence(softphoneId: string): Promise<void> {
    return guard('updatePresence', this.#disposed, () => this.#intents.updatePresence(softphoneId));
  }

  /** Sets the disposition codes the softphone offers (`disposition`). */
  setDispositions(codes: readonly string[]): Promise<void> {
    return guard('setDispositions', this.#disposed, () => this.#intents.setDispositions(codes));
  }

  /** Sets the partner configuration (`partner_config`), also the default partner fields of `start_call`. */
  setPartnerConfig(config: PartnerConfigEvent): Promise<void> {
    return guard('setPartnerConfig', this.#disposed, () => this.#intents.setPartnerConfig(config));
  }

  // ---- inspection and lifecycle --------------------------------------------------------------

  /** The stored record of a conversation, if the bridge knows it. */
  getCall(conversationId: string): Promise<CallRecord | undefined> {
    return guard('getCall', this.#disposed, async () => (await this.#outbox).store.getCall(conversationId));
  }

  /** Connection, durability and outbox counts. */
  status(): Promise<BridgeStatus> {
    return guard('status', this.#disposed, async () => {
      const parts = {
        loaded: this.#channel.attached,
        connected: this.#link.connected,
        phone: this.#watch.phone,
        document: this.#window.document,
      };
      return statusOf(await this.#outbox, parts);
    });
  }

  /**
   * In a frame whose storage the browser blocks: asks for storage access (the Storage Access API;
   * call it from the agent's click, see `canRequestDurableStorage` in {@link status}), then moves
   * every conversation and queued write from memory into IndexedDB and drains on from there,
   * losing nothing queued meanwhile. Resolves to the durability afterwards; rejects with
   * `STORAGE_ACCESS_DENIED` when the browser says no, and then everything stays as it was.
   */
  requestDurableStorage(): Promise<BridgeStatus['durability']> {
    return guard('requestDurableStorage', this.#disposed, async () => {
      const opened = await this.#outbox;
      if (opened.store.durability === 'durable') return 'durable' as const;
      const { durable, locks } = await openGrantedStore(this.#window, this.#setup.name);
      // No event applies and no write is sent while the calls move (the events' chain, then the drain lock).
      await this.#events.run(async () => {
        const moved = moveOutbox(await this.#outbox, durable, locks, this.#setup);
        // Whoever asks for the store meanwhile gets the durable one; after a failure the old outbox stays.
        this.#outbox = moved.catch(() => opened);
        const { outbox, store } = await moved;
        this.#watch.elect(store, locks);
        if (this.#link.connected) outbox.start();
      });
      this.#signals.emit('storage.durable');
      return 'durable' as const;
    });
  }

  /**
   * Ends at once, as `interrupted`, every live call that no softphone session holds: the calls the
   * previous page or softphone frame left ringing, dialing or connected and that the softphone
   * loaded since has not spoken of (nor another tab's). Each is logged once. For a softphone that
   * knows after its reload that it has no call, or an integrator's "clear stuck calls" button;
   * otherwise the bridge does it by itself after `interruptedAfterMs`. Resolves to the calls ended.
   */
  endLostCalls(): Promise<CallRecord[]> {
    return guard('endLostCalls', this.#disposed, () =>
      this.#events.run(() => this.#watch.endLost(this.#conversations, true)),
    );
  }

  /**
   * Makes this tab the active phone (see `activeElsewhere` in {@link status} and the `phone.moved`
   * event): the tab that had it becomes inactive. Resolves once this tab holds it.
   */
  takeOver(): Promise<void> {
    return guard('takeOver', this.#disposed, async () => {
      await this.#outbox;
      await this.#watch.phone?.takeOver();
    });
  }

  /** Queues every dead-lettered call log again. Resolves to how many. */
  retryDeadLetters(): Promise<number> {
    return guard('retryDeadLetters', this.#disposed, async () => (await this.#outbox).outbox.retryDead());
  }

  /** Drains the outbox now and resolves when this round is done (tests, "sync now" buttons). */
  flush(): Promise<void> {
    return guard('flush', this.#disposed, () => this.#link.drain());
  }

  /** Stops everything: the outbox, the adapter, the store. Queued writes stay stored for the next page. */
  async dispose(): Promise<void> {
    if (this.#disposed) return;
    this.#disposed = true;
    this.#abort.abort();
    this.#channel.close(bridgeDisposed('startCall'));
    this.#watch.close();
    try {
      (await this.#outbox).outbox.stop();
      // The events already called finish first (a no-op queued behind them).
      await this.#events.run(async () => undefined);
      if (this.#link.connected) await this.#link.adapter.disconnect();
      (await this.#outbox).store.close();
    } catch (error) {
      this.#logger.warn('dispose failed', { code: errorCode(error) });
    }
    this.removeAllListeners();
  }

  // ---- internals ----------------------------------------------------------------------------

  /** A conversation event: parsed here, stepped by {@link Conversations.receive}. */
  #receive(method: ConversationMethod, args: readonly unknown[]): Promise<CallRecord> {
    return guard(method, this.#disposed, () =>
      this.#conversations.receive(method, parsePayload(method, args, this.#signals)),
    );
  }

  /** Connects the adapter, then starts the outbox and the lost-call sweep. */
  async #connect(): Promise<void> {
    await this.#link.connect({
      requestCall: (request) => this.startCall(request),
      updatePresence: (softphoneId) => this.updatePresence(softphoneId),
      linkRecord: (conversationId, record) =>
        guard('linkRecord', this.#disposed, () => this.#conversations.link(conversationId, record)).then(
          () => undefined,
        ),
      refuse: (error) => void this.#signals.report('adapter.refused', error),
    });
    const { outbox, store } = await this.#outbox;
    outbox.start();
    void store.prune(this.#clock.now() - this.#retentionMs).catch(() => undefined);
    this.#watch.sweep(this.#conversations);
  }
}
