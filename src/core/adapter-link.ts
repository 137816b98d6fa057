import type { DispositionEvent, PartnerConfigEvent } from '../contract/callback-events.js';
import type { CallRecord } from '../contract/call-record.js';
import type { AdapterConfig, AdapterContext, CrmAdapter } from '../contract/crm-adapter.js';
import type { CrmWrite, WriteReceipt } from '../contract/crm-write.js';
import {
  adapterConnectFailed,
  adapterHookFailed,
  adapterWriteRefused,
  bridgeDisposed,
  toBridgeError,
} from '../errors/index.js';
import type { OpenedOutbox } from '../outbox/open-outbox.js';
import type { Clock } from '../shared/clock.js';
import type { Logger } from '../shared/logger.js';
import type { BridgeSignals } from './bridge-signals.js';
import { resolveCallPolicy, type CallPolicy } from './call-policy.js';
import type { CallbackChannel } from './callback-channel.js';
import { validateCallback } from './contract-input.js';

/** What the adapter may ask of the bridge once connected (the rest of its {@link AdapterContext} comes from the link). */
export type AdapterRequests = Pick<AdapterContext, 'requestCall' | 'updatePresence' | 'linkRecord' | 'refuse'>;

/** What an {@link AdapterLink} works with. */
export interface AdapterLinkOptions {
  readonly adapter: CrmAdapter;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly signals: BridgeSignals;
  /** Where the CRM's configuration goes to the softphone. */
  readonly channel: CallbackChannel;
  readonly policy: CallPolicy;
  /** The outbox the link drains; replaced when the calls move to IndexedDB. */
  readonly outbox: () => Promise<OpenedOutbox>;
  /** Aborted when the bridge is disposed. */
  readonly signal: AbortSignal;
}

/**
 * The bridge's side of the CRM adapter: connects it, holds the configuration it gives (call
 * policy, dispositions, partner configuration) and passes that on to the softphone, delivers the
 * outbox's writes, and tells the adapter of each changed call.
 */
export class AdapterLink {
  readonly adapter: CrmAdapter;
  /** How calls are handled; the adapter's configuration may change it. */
  policy: CallPolicy;
  /** The disposition codes the softphone offers, once set. */
  dispositions: DispositionEvent | undefined;
  /** The partner configuration, also the default partner fields of `start_call`. */
  partnerConfig: PartnerConfigEvent | undefined;
  /** Resolves once the adapter connected and its configuration is applied. */
  readonly whenConnected: Promise<void>;
  readonly #clock: AdapterLinkOptions['clock'];
  readonly #logger: AdapterLinkOptions['logger'];
  readonly #signals: AdapterLinkOptions['signals'];
  readonly #channel: AdapterLinkOptions['channel'];
  readonly #outbox: AdapterLinkOptions['outbox'];
  readonly #signal: AdapterLinkOptions['signal'];
  #connected = false;
  #markConnected: () => void = () => {};

  constructor(options: AdapterLinkOptions) {
    this.#clock = options.clock;
    this.#logger = options.logger;
    this.#signals = options.signals;
    this.#channel = options.channel;
    this.#outbox = options.outbox;
    this.#signal = options.signal;
    this.adapter = options.adapter;
    this.policy = options.policy;
    this.whenConnected = new Promise((resolve) => (this.#markConnected = resolve));
  }

  /** The adapter connected (and the bridge was not disposed meanwhile). */
  get connected(): boolean {
    return this.#connected;
  }

  /**
   * Connects the adapter, applies its configuration and announces `adapter.connected`. Rejects
   * with `ADAPTER_CONNECT_FAILED` (reported), or `BRIDGE_DISPOSED` when the bridge was disposed
   * while the adapter connected (the adapter is then let go of).
   */
  async connect(requests: AdapterRequests): Promise<void> {
    let config: AdapterConfig;
    try {
      config = await this.adapter.connect({
        logger: this.#logger,
        clock: this.#clock,
        signal: this.#signal,
        ...requests,
        updateConfig: async (next) => this.configure(next),
      });
    } catch (cause) {
      throw this.#signals.report(
        'adapter.failed',
        toBridgeError(cause, (thrown) =>
          adapterConnectFailed(`The ${this.adapter.name} adapter could not connect.`, { cause: thrown }),
        ),
        'error',
      );
    }
    if (this.#signal.aborted) {
      // dispose() ran while the adapter was connecting: let go of it instead of starting the outbox.
      await this.adapter.disconnect().catch(() => undefined);
      throw bridgeDisposed('load');
    }
    this.#connected = true;
    this.configure(config ?? {});
    this.#markConnected();
    this.#signals.emit('adapter.connected');
  }

  /** Applies the CRM's configuration and passes it on to the softphone. */
  configure(config: AdapterConfig): void {
    if (config.policy !== undefined) this.policy = resolveCallPolicy(config.policy, this.policy);
    if (config.dispositions !== undefined)
      this.dispositions = validateCallback('disposition', config.dispositions, this.#signals);
    if (config.partnerConfig !== undefined)
      this.partnerConfig = validateCallback('partner_config', config.partnerConfig, this.#signals);
    this.sendConfig();
  }

  /** Sends the configuration held to the softphone (the channel holds it until `load`). */
  sendConfig(): void {
    if (this.dispositions !== undefined) this.#channel.send('disposition', this.dispositions);
    if (this.partnerConfig !== undefined) this.#channel.send('partner_config', this.partnerConfig);
  }

  /** Sends one write of the outbox to the adapter. */
  async deliver(write: CrmWrite): Promise<WriteReceipt> {
    const { adapter } = this;
    if (write.kind === 'callLog') return adapter.writeCallLog(write);
    if (typeof adapter.setPresence !== 'function') {
      throw adapterWriteRefused(`${adapter.name} adapter: no presence sync.`, { details: { kind: write.kind } });
    }
    return adapter.setPresence(write);
  }

  /** Tells a connected adapter that `call` changed; its exception is logged, never passed on. */
  callUpdated(call: CallRecord): void {
    if (!this.#connected || typeof this.adapter.callUpdated !== 'function') return;
    try {
      this.adapter.callUpdated(call);
    } catch (error) {
      this.#logger.warn('callUpdated threw', { code: adapterHookFailed('callUpdated', error).code });
    }
  }

  /** Queues the agent's status for an adapter that syncs presence, and drains. */
  async queuePresence(softphoneId: string): Promise<void> {
    if (typeof this.adapter.setPresence !== 'function') return;
    await (
      await this.#outbox()
    ).store.enqueue([{ key: 'presence', data: { kind: 'presence', softphoneId } }], this.#clock.now());
    this.#signals.emit('outbox.queued', 'presence');
    void this.drain(true);
  }

  /** Drains the outbox to a connected adapter; `queued` when this page just queued a write (the other pages are told). */
  async drain(queued = false): Promise<void> {
    if (!this.#connected) return;
    const { outbox } = await this.#outbox();
    await (queued ? outbox.queued() : outbox.drain());
  }
}
