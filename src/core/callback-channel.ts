import type { CallbackEventType, CallbackPayload, SoftphoneCallback } from '../contract/callback-events.js';
import { BridgeError, callbackExpired, callbackFailed } from '../errors/index.js';
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
  readonly #clock: Clock;
  readonly #listener: CallbackChannelListener;
  readonly #timeoutMs: number;
  #callback: SoftphoneCallback | undefined;
  #latest = new Map<Exclude<CallbackEventType, 'start_call'>, unknown>();
  /** What the current callback last received per state-like type, so that repeats are not sent. */
  #delivered = new Map<CallbackEventType, string>();
  #calls: QueuedCall[] = [];

  constructor(clock: Clock, listener: CallbackChannelListener, startCallTimeoutMs: number) {
    this.#clock = clock;
    this.#listener = listener;
    this.#timeoutMs = startCallTimeoutMs;
  }

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
    for (const call of this.#dequeue()) call.settle(this.#deliver('start_call', call.payload));
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
    return new Promise<void>((resolve, reject) => {
      const settle = (error?: BridgeError): void => (error === undefined ? resolve() : reject(error));
      if (this.#callback !== undefined) return settle(this.#deliver('start_call', payload));
      const call: QueuedCall = {
        payload,
        settle,
        timer: this.#clock.setTimeout(() => {
          this.#calls = this.#calls.filter((c) => c !== call);
          const error = callbackExpired('start_call', this.#timeoutMs);
          this.#listener.failed(error);
          reject(error);
        }, this.#timeoutMs),
      };
      this.#calls.push(call);
    });
  }

  /** Drops the callback and refuses what is queued (the bridge is disposed). */
  close(error: BridgeError): void {
    this.#callback = undefined;
    for (const call of this.#dequeue()) call.settle(error);
  }

  /** Takes the queued `start_call`s out of the queue, their expiry timers stopped. */
  #dequeue(): QueuedCall[] {
    const calls = this.#calls;
    this.#calls = [];
    for (const call of calls) this.#clock.clearTimeout(call.timer);
    return calls;
  }

  #deliver<T extends CallbackEventType>(eventType: T, payload: CallbackPayload<T>): BridgeError | undefined {
    try {
      (this.#callback as SoftphoneCallback)(eventType, payload);
      this.#listener.delivered(eventType);
      return undefined;
    } catch (cause) {
      const error = callbackFailed(`${eventType}: the softphone's callback threw.`, { details: { eventType }, cause });
      this.#listener.failed(error);
      return error;
    }
  }
}
