import type { CallbackEventType, CallbackPayload, SoftphoneCallback } from '../contract/callback-events.js';
import { BridgeError } from '../errors/index.js';
import type { Clock } from '../shared/clock.js';

/** What the channel reports back to the bridge. */
export interface CallbackChannelListener {
  delivered(eventType: CallbackEventType): void;
  failed(error: BridgeError): void;
}

interface QueuedCall {
  readonly payload: CallbackPayload<'start_call'>;
  readonly settle: (error?: BridgeError) => void;
  readonly timer: unknown;
}

/**
 * The way back to the softphone: delivers `disposition`, `partner_config`, `update_presence` and
 * `start_call` through the callback given to `load`, and holds them until `load` happens.
 *
 * Before `load`, state-like events (the first three) keep only their latest value, since only
 * that one matters; `start_call` requests queue in order but expire: a click-to-dial that waited
 * longer than `startCallTimeoutMs` for the softphone is refused rather than dialled by surprise.
 * A callback that throws is reported (`CALLBACK_FAILED`) and never breaks the bridge.
 */
export class CallbackChannel {
  #callback: SoftphoneCallback | undefined;
  #latest = new Map<Exclude<CallbackEventType, 'start_call'>, unknown>();
  /** What the current callback last received per state-like type, so that repeats are not sent. */
  #delivered = new Map<CallbackEventType, string>();
  #calls: QueuedCall[] = [];

  constructor(
    private readonly clock: Clock,
    private readonly listener: CallbackChannelListener,
    private readonly startCallTimeoutMs: number,
  ) {}

  /** Whether a callback is attached (`load` was called). */
  get attached(): boolean {
    return this.#callback !== undefined;
  }

  /** Attaches the softphone's callback and delivers what waited for it, in order. */
  attach(callback: SoftphoneCallback): void {
    this.#callback = callback;
    this.#delivered.clear();
    const latest = [...this.#latest];
    this.#latest.clear();
    for (const [type, payload] of latest) this.send(type, payload as never);
    const calls = this.#calls;
    this.#calls = [];
    for (const call of calls) {
      this.clock.clearTimeout(call.timer);
      call.settle(this.#deliver('start_call', call.payload));
    }
  }

  /**
   * Sends a state-like event now, or keeps it as the latest until `load`. Configuration the
   * current callback already has is not sent again; `update_presence` always is, since the
   * agent may have changed status on the softphone since (presence echoes are filtered earlier).
   */
  send<T extends Exclude<CallbackEventType, 'start_call'>>(eventType: T, payload: CallbackPayload<T>): void {
    if (this.#callback === undefined) {
      this.#latest.set(eventType, payload);
      return;
    }
    const json = JSON.stringify(payload);
    if (eventType !== 'update_presence' && this.#delivered.get(eventType) === json) return;
    if (this.#deliver(eventType, payload) === undefined) this.#delivered.set(eventType, json);
  }

  /** Sends `start_call` now, or queues it until `load` or its expiry. Resolves once delivered. */
  startCall(payload: CallbackPayload<'start_call'>): Promise<void> {
    if (this.#callback !== undefined) {
      const error = this.#deliver('start_call', payload);
      return error === undefined ? Promise.resolve() : Promise.reject(error);
    }
    return new Promise<void>((resolve, reject) => {
      const call: QueuedCall = {
        payload,
        settle: (error) => (error === undefined ? resolve() : reject(error)),
        timer: this.clock.setTimeout(() => {
          this.#calls = this.#calls.filter((c) => c !== call);
          const error = new BridgeError('CALLBACK_EXPIRED', `start_call: the softphone did not call load() within ${this.startCallTimeoutMs} ms; the call was not started.`, {
            details: { eventType: 'start_call', timeoutMs: this.startCallTimeoutMs },
          });
          this.listener.failed(error);
          reject(error);
        }, this.startCallTimeoutMs),
      };
      this.#calls.push(call);
    });
  }

  /** Drops the callback and refuses what is queued (the bridge is disposed). */
  close(error: BridgeError): void {
    this.#callback = undefined;
    for (const call of this.#calls) {
      this.clock.clearTimeout(call.timer);
      call.settle(error);
    }
    this.#calls = [];
  }

  #deliver<T extends CallbackEventType>(eventType: T, payload: CallbackPayload<T>): BridgeError | undefined {
    try {
      (this.#callback as SoftphoneCallback)(eventType, payload);
      this.listener.delivered(eventType);
      return undefined;
    } catch (cause) {
      const error = new BridgeError('CALLBACK_FAILED', `The softphone's callback threw while handling "${eventType}".`, { details: { eventType }, cause });
      this.listener.failed(error);
      return error;
    }
  }
}
