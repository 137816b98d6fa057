import EventEmitter from 'eventemitter3';
import type { CallbackEventType, CallbackPayload, DispositionEvent, PartnerConfigEvent, SoftphoneCallback } from '../contract/callback-events.js';
import type { CallRecord, CrmRecordRef } from '../contract/call-record.js';
import type { AdapterConfig, CrmAdapter, DialRequest } from '../contract/crm-adapter.js';
import type { CrmWrite, WriteReceipt } from '../contract/crm-write.js';
import { validateCallbackPayload } from '../contract/validate.js';
import { invalidPayload, parseContractCall, unreadableArguments } from '../contract/parse-contract-call.js';
import type { SoftphoneMethod, SoftphonePayload } from '../contract/softphone-payloads.js';
import { adapterConnectFailed, adapterHookFailed, adapterWriteRefused, bridgeDisposed, BridgeError, callTransitionIgnored, configInvalid, errorCode, internalError, screenPopFailed, storageAccessDenied, toBridgeError } from '../errors/index.js';
import type { BridgeStore } from '../outbox/bridge-store.js';
import { createDrainLock, localLock, type DrainLock, type DrainLockKind } from '../outbox/drain-lock.js';
import { createIndexedDbStore } from '../outbox/indexeddb-store.js';
import { createMemoryStore } from '../outbox/memory-store.js';
import { Outbox, type OutboxStats } from '../outbox/outbox.js';
import { broadcastPeers } from '../outbox/outbox-peers.js';
import { callLogKey } from '../outbox/prune-rule.js';
import { DEFAULT_RETRY_POLICY, resolveRetryPolicy, type RetryPolicy } from '../outbox/retry-policy.js';
import { copyStore } from '../outbox/copy-store.js';
import { systemClock, type Clock } from '../shared/clock.js';
import { consoleLogger, type Logger } from '../shared/logger.js';
import { BRIDGE_DEFAULTS, type BridgeOptions, type BridgeWindow } from './bridge-options.js';
import type { BridgeEvents, StorageLimit } from './bridge-events.js';
import { CallbackChannel } from './callback-channel.js';
import type { CallEvent, ConversationMethod } from './call-event.js';
import { transition, type Transition } from './call-machine.js';
import { DEFAULT_CALL_POLICY, resolveCallPolicy, type CallPolicy } from './call-policy.js';
import { DialHints } from './dial-hints.js';
import { PresenceSync } from './presence-sync.js';
import { resolveCallback } from './resolve-callback.js';
import { canRequestStorageAccess, requestStorageAccess } from './storage-access.js';
import { electPhone, type ActivePhone, type PhoneMessage } from './active-phone.js';
import { LostCalls } from './lost-calls.js';

/** A `JSONparams` argument: the payload object, or the same as a JSON string. */
export type JsonParams<T> = T | string;

/** What {@link Bridge.status} reports, e.g. for a status strip in the softphone panel. */
export interface BridgeStatus {
  readonly loaded: boolean;
  readonly connected: boolean;
  /** `durable` (IndexedDB: calls and writes survive reloads and closed tabs) or `memory` (this page only). */
  readonly durability: 'durable' | 'memory';
  /** Why the store is `memory` when the bridge chose it (IndexedDB missing or refused by the browser). */
  readonly durabilityReason?: string;
  readonly drainLock: DrainLockKind;
  /** Why the drain lock is weaker than Web Locks although the page has them (the browser refused them). */
  readonly drainLockReason?: string;
  /** The store is `memory` and the browser offers the Storage Access API: {@link Bridge.requestDurableStorage} may move it to IndexedDB. */
  readonly canRequestDurableStorage?: true;
  /** Another tab of this CRM is the active phone: this one shows the calls, and may {@link Bridge.takeOver}. */
  readonly activeElsewhere?: true;
  /** Why every tab is an active phone (Web Locks missing or refused), when the store is shared. */
  readonly activePhoneReason?: string;
  readonly outbox: OutboxStats;
}

/**
 * The bridge: implements the Softphone contract and turns it into CRM actions through an adapter.
 * Create it with {@link createBridge}.
 *
 * Every contract method returns a Promise that resolves once the event is validated and durably
 * recorded (not when the CRM write is done: that is the outbox's job), and rejects with a
 * {@link BridgeError} naming the method and each bad field. No method throws synchronously, and
 * events are applied one after another in the order they were called.
 */
export class Bridge extends EventEmitter<BridgeEvents> {
  readonly #adapter: CrmAdapter;
  readonly #clock: Clock;
  readonly #logger: Logger;
  readonly #window: BridgeWindow;
  #policy: CallPolicy;
  readonly #channel: CallbackChannel;
  readonly #presence = new PresenceSync();
  readonly #hints = new DialHints(BRIDGE_DEFAULTS.dialHintMs);
  readonly #abort = new AbortController();
  /** Replaced once, when the agent grants storage access and the calls move from memory to IndexedDB. */
  #store: Promise<BridgeStore>;
  #outbox: Promise<Outbox>;
  readonly #name: string;
  readonly #random: () => number;
  readonly #retry: RetryPolicy;
  readonly #retentionMs: number;
  #drainLock: DrainLock | undefined;
  /** Why the bridge stores in memory, when IndexedDB was missing or refused. */
  #durabilityReason: string | undefined;
  /**
   * `storage.limited` events held until the first `load`: a script-tag bundle's bridge finds its
   * limits before the page's next script can listen. Undefined once delivered.
   */
  #heldLimits: StorageLimit[] | undefined = [];
  /** Events apply in call order: each waits for the previous one, whatever its outcome. */
  readonly #events = localLock();
  #connecting: Promise<void> | undefined;
  #connected = false;
  #connectedSignal: Promise<void>;
  #markConnected: () => void = () => {};
  #dispositions: DispositionEvent | undefined;
  #partnerConfig: PartnerConfigEvent | undefined;
  #disposed = false;
  readonly #lost: LostCalls;
  readonly #graceMs: number;
  #phone: ActivePhone | undefined;
  #sweepTimer: unknown;

  /**
   * Use {@link createBridge}, which checks the options first. The constructor takes them as they
   * are: the script-tag bundles construct their bridge from constants and carry no option checks.
   */
  constructor(options: BridgeOptions) {
    super();
    this.#adapter = options.adapter;
    this.#clock = options.clock ?? systemClock;
    this.#logger = options.logger ?? consoleLogger();
    this.#window = options.window ?? (globalThis as unknown as BridgeWindow);
    this.#policy = { ...DEFAULT_CALL_POLICY, ...options.policy };
    this.#retentionMs = options.retentionMs ?? BRIDGE_DEFAULTS.retentionMs;
    this.#random = options.random ?? Math.random;
    this.#name = options.storeName ?? `softphone-bridge:${options.adapter.name}`;
    this.#connectedSignal = new Promise((resolve) => (this.#markConnected = resolve));
    this.#channel = new CallbackChannel(
      this.#clock,
      { delivered: this.#relay('callback.delivered'), failed: (error) => this.#report('callback.failed', error) },
      options.startCallTimeoutMs ?? BRIDGE_DEFAULTS.startCallTimeoutMs,
    );
    this.#store = this.#openStore(options.store, this.#name);
    this.#retry = { ...DEFAULT_RETRY_POLICY, ...options.retry };
    this.#outbox = this.#store.then((store) => this.#openOutbox(store, this.#window.navigator?.locks));
    this.#lost = new LostCalls(this.#clock.now());
    this.#graceMs = options.interruptedAfterMs ?? BRIDGE_DEFAULTS.interruptedAfterMs;
    this.#store.then((store) => this.#elect(store, this.#window.navigator?.locks), () => undefined);
    // Errors surface through the methods that await these; this only avoids an unhandled rejection.
    this.#outbox.catch(() => undefined);
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
    return this.#guard('load', () => {
      const resolved = resolveCallback(callback, this.#window);
      if (resolved instanceof BridgeError) throw this.#report('contract.rejected', resolved);
      // A (re)loaded softphone starts a session: the calls of the last one wait for it to speak of them.
      this.#lost.sessionStarted(this.#clock.now());
      this.#channel.attach(resolved);
      // Limits found while the page was still loading its scripts reach listeners added since.
      for (const limit of this.#heldLimits?.splice(0) ?? []) this.#emit('storage.limited', limit);
      this.#heldLimits = undefined;
      if (this.#connected) return this.#sendConfig();
      this.#connecting ??= this.#connect().finally(() => {
        this.#connecting = undefined;
      });
      return this.#connecting;
    });
  }

  /** An incoming call rings. Takes one object or JSON string, or `(partnerId, conversationId, callerANI, language?)`. */
  incomingCall(params: JsonParams<Omit<SoftphonePayload<'incomingCall'>, 'language'> & { language?: string }>): Promise<CallRecord>;
  incomingCall(partnerId: string, conversationId: string, callerANI: string, language?: string): Promise<CallRecord>;
  incomingCall(...args: unknown[]): Promise<CallRecord> {
    return this.#conversationEvent('incomingCall', args);
  }

  /** The agent accepted the call; keeps the IVR context for the log. */
  callAccepted(params: JsonParams<SoftphonePayload<'callAccepted'>>): Promise<CallRecord>;
  callAccepted(...args: unknown[]): Promise<CallRecord> {
    return this.#conversationEvent('callAccepted', args);
  }

  /** The call was rejected, actively (declined) or passively (rang out). */
  callRejected(params: JsonParams<SoftphonePayload<'callRejected'>>): Promise<CallRecord>;
  callRejected(...args: unknown[]): Promise<CallRecord> {
    return this.#conversationEvent('callRejected', args);
  }

  /** The call ended: the call log is queued with duration, disposition and notes. */
  callEnded(params: JsonParams<SoftphonePayload<'callEnded'>>): Promise<CallRecord>;
  callEnded(...args: unknown[]): Promise<CallRecord> {
    return this.#conversationEvent('callEnded', args);
  }

  /** The agent submitted disposition and notes, before or after the end: one log in the end. */
  callNotesSubmitted(params: JsonParams<SoftphonePayload<'callNotesSubmitted'>>): Promise<CallRecord>;
  callNotesSubmitted(...args: unknown[]): Promise<CallRecord> {
    return this.#conversationEvent('callNotesSubmitted', args);
  }

  /** The agent started an outbound call. */
  outboundCallInitiated(params: JsonParams<SoftphonePayload<'outboundCallInitiated'>>): Promise<CallRecord>;
  outboundCallInitiated(...args: unknown[]): Promise<CallRecord> {
    return this.#conversationEvent('outboundCallInitiated', args);
  }

  /** The agent changed status on the softphone; synced to the CRM unless it echoes a CRM change. */
  statusChanged(params: JsonParams<SoftphonePayload<'statusChanged'>>): Promise<void>;
  statusChanged(...args: unknown[]): Promise<void> {
    return this.#guard('statusChanged', () => {
      const payload = this.#parse('statusChanged', args);
      return this.#events.run(async () => {
        const { softphoneId } = payload;
        if (!this.#presence.receive(softphoneId, 'softphone', this.#clock.now())) return;
        this.#emit('presence.changed', softphoneId, 'softphone');
        if (typeof this.#adapter.setPresence !== 'function') return;
        await (await this.#store).enqueue([{ key: 'presence', data: { kind: 'presence', softphoneId } }], this.#clock.now());
        this.#emit('outbox.queued', 'presence');
        void this.#drain(true);
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
    return this.#guard('startCall', () => {
      const { crmRecord, ...fields } = this.#read('startCall', () => ({ ...((typeof request === 'object' && request !== null ? request : {}) as DialRequest) }));
      const payload = this.#validateCallback('start_call', { ...this.#partnerConfig, ...fields });
      if (crmRecord !== undefined) this.#hints.remember(payload.dialTo, crmRecord, this.#clock.now());
      return this.#channel.startCall(payload);
    });
  }

  /** Asks the softphone to change the agent's status (`update_presence`), unless that is an echo. */
  updatePresence(softphoneId: string): Promise<void> {
    return this.#guard('updatePresence', () => {
      const payload = this.#validateCallback('update_presence', { softphoneId }, 'updatePresence');
      if (this.#presence.receive(softphoneId, 'crm', this.#clock.now())) {
        this.#emit('presence.changed', softphoneId, 'crm');
        this.#channel.send('update_presence', payload);
      }
    });
  }

  /** Sets the disposition codes the softphone offers (`disposition`). */
  setDispositions(codes: readonly string[]): Promise<void> {
    return this.#guard('setDispositions', () => {
      this.#dispositions = this.#validateCallback('disposition', codes);
      this.#channel.send('disposition', this.#dispositions);
    });
  }

  /** Sets the partner configuration (`partner_config`), also the default partner fields of `start_call`. */
  setPartnerConfig(config: PartnerConfigEvent): Promise<void> {
    return this.#guard('setPartnerConfig', () => {
      this.#partnerConfig = this.#validateCallback('partner_config', config);
      this.#channel.send('partner_config', this.#partnerConfig);
    });
  }

  // ---- inspection and lifecycle --------------------------------------------------------------

  /** The stored record of a conversation, if the bridge knows it. */
  getCall(conversationId: string): Promise<CallRecord | undefined> {
    return this.#guard('getCall', async () => (await this.#store).getCall(conversationId));
  }

  /** Connection, durability and outbox counts. */
  status(): Promise<BridgeStatus> {
    return this.#guard('status', async () => {
      const store = await this.#store;
      const outbox = await this.#outbox;
      const lock = this.#drainLock;
      return {
        loaded: this.#channel.attached,
        connected: this.#connected,
        durability: store.durability,
        ...(this.#durabilityReason === undefined ? {} : { durabilityReason: this.#durabilityReason }),
        drainLock: lock?.kind ?? 'local',
        ...(lock?.reason === undefined ? {} : { drainLockReason: lock.reason }),
        ...(store.durability === 'memory' && canRequestStorageAccess(this.#window.document) ? { canRequestDurableStorage: true } : {}),
        ...(this.#phone?.activeElsewhere === true ? { activeElsewhere: true } : {}),
        ...(this.#phone?.reason === undefined ? {} : { activePhoneReason: this.#phone.reason }),
        outbox: await outbox.stats(),
      };
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
    return this.#guard('requestDurableStorage', async () => {
      if ((await this.#store).durability === 'durable') return 'durable' as const;
      const grant = await requestStorageAccess(this.#window.document, this.#window);
      if (grant.indexedDB === undefined) throw storageAccessDenied('No IndexedDB after the grant.');
      const durable = await createIndexedDbStore(this.#name, grant.indexedDB);
      // No event applies and no write is sent while the calls move (the events' chain, then the drain lock).
      await this.#events.run(async () => {
        const memory = await this.#store;
        const outbox = await this.#outbox;
        outbox.stop();
        const move = async () => {
          const copied = await copyStore(memory, durable, this.#clock.now());
          this.#store = Promise.resolve(durable);
          this.#outbox = Promise.resolve(this.#openOutbox(durable, grant.locks));
          this.#durabilityReason = undefined;
          this.#elect(durable, grant.locks);
          memory.close();
          this.#logger.info('calls moved to IndexedDB', copied);
        };
        await (this.#drainLock === undefined ? move() : this.#drainLock.run(move));
        if (this.#connected) (await this.#outbox).start();
      });
      this.#emit('storage.durable');
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
    return this.#guard('endLostCalls', () => this.#events.run(() => this.#endLost(true)));
  }

  /**
   * Makes this tab the active phone (see `activeElsewhere` in {@link status} and the `phone.moved`
   * event): the tab that had it becomes inactive. Resolves once this tab holds it.
   */
  takeOver(): Promise<void> {
    return this.#guard('takeOver', async () => {
      await this.#store;
      await this.#phone?.takeOver();
    });
  }

  /** Queues every dead-lettered call log again. Resolves to how many. */
  retryDeadLetters(): Promise<number> {
    return this.#guard('retryDeadLetters', async () => (await this.#outbox).retryDead());
  }

  /** Drains the outbox now and resolves when this round is done (tests, "sync now" buttons). */
  flush(): Promise<void> {
    return this.#guard('flush', () => this.#drain());
  }

  /** Stops everything: the outbox, the adapter, the store. Queued writes stay stored for the next page. */
  async dispose(): Promise<void> {
    if (this.#disposed) return;
    this.#disposed = true;
    this.#abort.abort();
    this.#channel.close(bridgeDisposed('startCall'));
    this.#clock.clearTimeout(this.#sweepTimer);
    this.#phone?.close();
    try {
      (await this.#outbox).stop();
      // The events already called finish first (a no-op queued behind them).
      await this.#events.run(async () => undefined);
      if (this.#connected) await this.#adapter.disconnect();
      (await this.#store).close();
    } catch (error) {
      this.#logger.warn('dispose failed', { code: errorCode(error) });
    }
    this.removeAllListeners();
  }

  // ---- internals ----------------------------------------------------------------------------

  #conversationEvent(method: ConversationMethod, args: readonly unknown[]): Promise<CallRecord> {
    return this.#guard(method, () => {
      const payload = this.#parse(method, args);
      const event = { type: method, payload, at: this.#clock.now() } as CallEvent;
      return this.#events.run(() => {
        this.#lost.heard(payload.conversationId);
        return this.#apply(payload.conversationId, event, method);
      });
    });
  }

  /** One step of the machine, stored atomically with its writes; then the effects. */
  async #apply(conversationId: string, event: CallEvent, method: string): Promise<CallRecord> {
    const store = await this.#store;
    const outcome = await store.updateCall<Transition>(
      conversationId,
      (current) => {
        const step = transition(current, event, this.#policy);
        // Only a step that changed the call is stored; a duplicate or an ignored event writes nothing.
        const call = step.verdict === 'applied' || step.verdict === 'merged' ? step.call : undefined;
        const writes = call !== undefined && step.effects.some((e) => e.type === 'writeCallLog') ? [{ key: callLogKey(conversationId), data: { kind: 'callLog' as const, call } }] : [];
        return { call, writes, result: step };
      },
      this.#clock.now(),
    );
    const call = outcome.call;
    if (outcome.verdict === 'ignored' || call === undefined) {
      // The machine's reason says what is wrong ("callRejected: already accepted."); the state is in the details.
      const error = callTransitionIgnored(method, outcome.reason ?? 'ignored', { conversationId, state: call?.state ?? null });
      this.#report('call.ignored', error, 'debug');
      if (call === undefined) throw error;
      return call;
    }
    if (outcome.verdict !== 'duplicate') {
      this.#emit('call.updated', call, { method, verdict: outcome.verdict });
      this.#tellAdapter(call);
      this.#phone?.post({ type: 'changed', call });
    }
    for (const effect of outcome.effects) {
      if (effect.type === 'screenPop') void this.#screenPop(call);
      if (effect.type === 'writeCallLog') {
        this.#emit('outbox.queued', callLogKey(conversationId));
        void this.#drain(true);
      }
    }
    return call;
  }

  #tellAdapter(call: CallRecord): void {
    if (!this.#connected || typeof this.#adapter.callUpdated !== 'function') return;
    try {
      this.#adapter.callUpdated(call);
    } catch (error) {
      this.#logger.warn('callUpdated threw', { code: adapterHookFailed('callUpdated', error).code });
    }
  }

  async #screenPop(call: CallRecord): Promise<void> {
    try {
      await this.#connectedSignal;
      if (this.#disposed) return;
      const { conversationId, direction, phoneNumber } = call;
      const hinted = direction === 'outbound' ? this.#hints.take(phoneNumber, this.#clock.now()) : undefined;
      if (hinted !== undefined) return void (await this.#link(conversationId, hinted));
      if (typeof this.#adapter.screenPop !== 'function') return;
      const result = await this.#adapter.screenPop({ conversationId, direction, phoneNumber });
      if (result.record !== undefined) await this.#link(conversationId, result.record);
    } catch (error) {
      const failure = toBridgeError(error, (cause) => screenPopFailed('The screen pop failed.', { cause }));
      this.#logger.warn(failure.message, { code: failure.code, conversationId: call.conversationId });
      this.#emit('screenPop.failed', failure);
    }
  }

  #link(conversationId: string, record: CrmRecordRef): Promise<CallRecord> {
    return this.#events.run(() => this.#apply(conversationId, { type: 'recordLinked', record, at: this.#clock.now() }, 'linkRecord'));
  }

  async #connect(): Promise<void> {
    let config: AdapterConfig;
    try {
      config = await this.#adapter.connect({
        logger: this.#logger,
        clock: this.#clock,
        signal: this.#abort.signal,
        requestCall: (request) => this.startCall(request),
        updatePresence: (softphoneId) => this.updatePresence(softphoneId),
        updateConfig: (next) => this.#applyConfig(next),
        linkRecord: (conversationId, record) => this.#guard('linkRecord', () => this.#link(conversationId, record)).then(() => undefined),
        refuse: (error) => void this.#report('adapter.refused', error),
      });
    } catch (cause) {
      throw this.#report('adapter.failed', toBridgeError(cause, (thrown) => adapterConnectFailed(`The ${this.#adapter.name} adapter could not connect.`, { cause: thrown })), 'error');
    }
    if (this.#disposed) {
      // dispose() ran while the adapter was connecting: let go of it instead of starting the outbox.
      await this.#adapter.disconnect().catch(() => undefined);
      throw bridgeDisposed('load');
    }
    this.#connected = true;
    await this.#applyConfig(config ?? {});
    this.#markConnected();
    this.#emit('adapter.connected');
    const outbox = await this.#outbox;
    outbox.start();
    void (await this.#store).prune(this.#clock.now() - this.#retentionMs).catch(() => undefined);
    this.#sweep();
  }

  // ---- lost calls and the active phone (ADR 0011) ----------------------------------------------

  /**
   * Every few seconds: tells the other tabs which calls this page's softphone holds, and, in the
   * active phone's page only (so that tabs do not race; the store would keep it to one log anyway),
   * ends the calls nobody held for `interruptedAfterMs`.
   */
  #sweep(): void {
    if (this.#disposed) return;
    // Infinity (never by itself) still sweeps every 15 s: the heartbeat that tells other tabs what this softphone holds.
    const every = Math.min(15_000, Math.max(250, this.#graceMs / 4));
    this.#sweepTimer = this.#clock.setTimeout(() => {
      void this.#events
        .run(() => this.#endLost(false))
        .catch((error: unknown) => this.#logger.warn('lost-call sweep failed', { code: errorCode(error) }))
        .finally(() => this.#sweep());
    }, every);
  }

  /** Ends the lost calls as `interrupted` (see {@link LostCalls}); runs on the events' chain. */
  async #endLost(atOnce: boolean): Promise<CallRecord[]> {
    const calls = await (await this.#store).listCalls();
    const held = this.#lost.held(calls);
    if (held.length > 0) this.#phone?.post({ type: 'held', ids: held });
    const now = this.#clock.now();
    const lost = this.#lost.lost(calls, now, this.#graceMs, atOnce);
    if (!atOnce && (this.#phone?.activeElsewhere === true || !Number.isFinite(this.#graceMs))) return [];
    const ended: CallRecord[] = [];
    for (const call of lost.calls) {
      const after = await this.#apply(call.conversationId, { type: 'callInterrupted', before: lost.before, at: now }, 'callInterrupted');
      if (after.outcome === 'interrupted' && after.revision !== call.revision) ended.push(after);
    }
    return ended;
  }

  /** Joins the election of the tabs sharing a durable store; a memory store is this page's own phone. */
  #elect(store: BridgeStore, locks: LockManager | undefined): void {
    if (store.durability !== 'durable' || this.#phone !== undefined || this.#disposed) return;
    this.#phone = electPhone(this.#name, {
      locks,
      changed: (elsewhere) => this.#emit('phone.moved', elsewhere),
      heard: (message) => this.#heardPeer(message),
    });
  }

  /** Another tab changed a call (its view is refreshed here) or holds calls (they are not lost). */
  #heardPeer(message: PhoneMessage): void {
    if (this.#disposed) return;
    const now = this.#clock.now();
    if (message.type === 'held') return this.#lost.heldElsewhere(message.ids, now);
    const { call } = message;
    if (call.state === 'ringing' || call.state === 'dialing' || call.state === 'connected') this.#lost.heldElsewhere([call.conversationId], now);
    this.#emit('call.updated', call, { method: 'peer', verdict: 'merged' });
    this.#tellAdapter(call);
  }

  async #applyConfig(config: AdapterConfig): Promise<void> {
    if (config.policy !== undefined) this.#policy = resolveCallPolicy(config.policy, this.#policy);
    if (config.dispositions !== undefined) this.#dispositions = this.#validateCallback('disposition', config.dispositions);
    if (config.partnerConfig !== undefined) this.#partnerConfig = this.#validateCallback('partner_config', config.partnerConfig);
    this.#sendConfig();
  }

  #sendConfig(): void {
    if (this.#dispositions !== undefined) this.#channel.send('disposition', this.#dispositions);
    if (this.#partnerConfig !== undefined) this.#channel.send('partner_config', this.#partnerConfig);
  }

  async #deliver(write: CrmWrite): Promise<WriteReceipt> {
    if (write.kind === 'callLog') return this.#adapter.writeCallLog(write);
    if (typeof this.#adapter.setPresence !== 'function') {
      throw adapterWriteRefused(`${this.#adapter.name} adapter: no presence sync.`, { details: { kind: write.kind } });
    }
    return this.#adapter.setPresence(write);
  }

  /** Drains the outbox; `queued` when this page just queued a write (the other pages are told). */
  async #drain(queued = false): Promise<void> {
    if (!this.#connected) return;
    const outbox = await this.#outbox;
    await (queued ? outbox.queued() : outbox.drain());
  }

  /** The outbox over `store`, drained under the strongest lock `locks` allows (see createDrainLock). */
  #openOutbox(store: BridgeStore, locks: LockManager | undefined): Outbox {
    const outboxName = `${this.#name}:outbox`;
    const lock = createDrainLock(outboxName, {
      locks,
      storage: () => this.#window.localStorage,
      clock: this.#clock,
      random: this.#random,
      onFallback: (weaker) => this.#limited('drainLock', `Web Locks refused; draining with a ${weaker.kind} lock`, weaker.reason ?? ''),
    });
    this.#drainLock = lock;
    return new Outbox({
      store,
      lock,
      clock: this.#clock,
      random: this.#random,
      logger: this.#logger,
      retry: this.#retry,
      deliver: (write) => this.#deliver(write),
      // Node's globalThis is no EventTarget: without this check `load` failed there (UX review D20).
      onlineTarget: typeof this.#window.addEventListener === 'function' ? this.#window : undefined,
      presenceMaxAgeMs: BRIDGE_DEFAULTS.presenceMaxAgeMs,
      sweepIntervalMs: BRIDGE_DEFAULTS.sweepIntervalMs,
      // Only a durable store is shared with other tabs; a page's memory store is its own.
      peers: store.durability === 'durable' ? broadcastPeers(outboxName, (error) => this.#logger.warn('BroadcastChannel refused; other tabs hear of new writes at their next sweep', { name: error instanceof Error ? error.name : typeof error })) : undefined,
      listener: { written: this.#relay('outbox.written'), failed: this.#relay('outbox.failed'), deadLettered: this.#relay('outbox.deadLettered') },
    });
  }

  async #openStore(given: BridgeOptions['store'], name: string): Promise<BridgeStore> {
    if (given !== undefined) return given;
    let factory: IDBFactory | undefined;
    try {
      factory = this.#window.indexedDB;
    } catch {
      // Some browsers throw on merely reading indexedDB where storage is blocked; that is a refusal too.
    }
    let why = 'this page has no IndexedDB';
    if (factory !== undefined) {
      try {
        return await createIndexedDbStore(name, factory);
      } catch (error) {
        const cause = error instanceof BridgeError ? error.cause : error;
        why = `the browser refused IndexedDB (${cause instanceof Error || cause instanceof DOMException ? cause.name : errorCode(error)})`;
      }
    }
    this.#limited('store', 'IndexedDB unavailable; using memory', `${why}: calls not yet logged are lost if this page reloads or closes`);
    this.#durabilityReason = why;
    return createMemoryStore();
  }

  /** Logs and announces (`storage.limited`) that the browser gave less than durable, shared storage. */
  #limited(what: StorageLimit['what'], logLine: string, reason: string): void {
    this.#logger.warn(logLine, { reason });
    if (this.#heldLimits === undefined) this.#emit('storage.limited', { what, reason });
    else this.#heldLimits.push({ what, reason });
  }

  #parse<M extends SoftphoneMethod>(method: M, args: readonly unknown[]): SoftphonePayload<M> {
    const parsed = parseContractCall(method, args);
    if (!parsed.ok) throw this.#report('contract.rejected', parsed.error);
    return parsed.payload;
  }

  /** Validates what goes to the softphone as `eventType`; errors name `method` (default: the event type). */
  #validateCallback<T extends CallbackEventType>(eventType: T, payload: unknown, method: string = eventType): CallbackPayload<T> {
    const result = this.#read(method, () => validateCallbackPayload(eventType, payload));
    if (!result.success) throw this.#report('contract.rejected', invalidPayload(method, result.issues));
    return result.data;
  }

  /**
   * Reads caller-supplied data; a getter or Proxy trap that throws is bad input
   * (`CONTRACT_ARGUMENTS_INVALID`, reported), not a failure of the bridge.
   */
  #read<T>(method: string, read: () => T): T {
    try {
      return read();
    } catch {
      throw this.#report('contract.rejected', unreadableArguments(method));
    }
  }

  /** Logs `error` and emits it as `event` (bad input, refusals, failures); returns it for the caller to throw. */
  #report(event: 'contract.rejected' | 'call.ignored' | 'callback.failed' | 'adapter.failed' | 'adapter.refused', error: BridgeError, level: 'debug' | 'warn' | 'error' = 'warn'): BridgeError {
    this.#logger[level](error.message, { code: error.code });
    this.#emit(event, error);
    return error;
  }

  /**
   * Runs `body` so that nothing escapes synchronously: a throw becomes a rejection, every
   * failure is a BridgeError, and a disposed bridge refuses politely.
   */
  #guard<T>(method: string, body: () => T | PromiseLike<T>): Promise<T> {
    // The executor runs `body` at once, and turns what it throws into a rejection.
    return new Promise<T>((resolve) => {
      if (this.#disposed) throw bridgeDisposed(method);
      resolve(body());
    }).catch((error: unknown) => {
      throw toBridgeError(error, (cause) => internalError(method, cause));
    });
  }

  /** Emits without letting a subscriber's exception reach the softphone. */
  #emit<K extends keyof BridgeEvents>(event: K, ...args: BridgeEvents[K]): void {
    try {
      (this.emit as (event: K, ...args: BridgeEvents[K]) => boolean)(event, ...args);
    } catch (error) {
      this.#logger.error('listener threw', { event, name: error instanceof Error ? error.name : typeof error });
    }
  }

  /** A listener that passes its arguments on as `event`. */
  #relay<K extends keyof BridgeEvents>(event: K): (...args: BridgeEvents[K]) => void {
    return (...args) => this.#emit(event, ...args);
  }
}

/**
 * Creates a bridge for one CRM adapter.
 *
 * @example
 * const bridge = createBridge({ adapter: fakeAdapter() });
 * window.softphoneBridge = bridge; // the softphone calls bridge.load(callback), bridge.incomingCall(...)
 */
export function createBridge(options: BridgeOptions): Bridge {
  // A bad retry or policy option throws CONFIG_INVALID naming it; the constructor checks neither.
  const grace = options.interruptedAfterMs;
  if (grace !== undefined && !(typeof grace === 'number' && grace >= 0 && !Number.isNaN(grace))) {
    throw configInvalid(['interruptedAfterMs'], 'interruptedAfterMs must be 0 ms or more.');
  }
  return new Bridge({ ...options, retry: resolveRetryPolicy(options.retry), policy: resolveCallPolicy(options.policy) });
}
