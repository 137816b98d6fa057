import type { CallbackEventType, CallbackPayload, SoftphoneCallback } from '../contract/callback-events.js';
import type { SoftphoneBridge } from './bridge-like.js';
import { errorCode } from './format.js';

/** One callback from the bridge, its type and payload paired so a `switch` on the type narrows the payload. */
export type CallbackMessage = {
  [K in CallbackEventType]: { readonly type: K; readonly payload: CallbackPayload<K> };
}[CallbackEventType];

/** What the link tells the session. */
export interface BridgeLinkListener {
  /** The followed bridge called back. */
  receive(message: CallbackMessage): void;
  /** `load` of the followed bridge succeeded: the softphone is up. */
  loaded(): void;
  /** A contract call was refused; `code` is the BridgeError code. */
  refused(action: string, code: string): void;
}

/**
 * The bridge a softphone panel follows: `load`ed once (with the panel's callback) while the panel
 * is in the document, and every contract call made through it. A refusal is reported, never
 * thrown into the panel, and a callback from a bridge no longer followed is ignored.
 */
export class BridgeLink {
  readonly #listener: BridgeLinkListener;
  #bridge: SoftphoneBridge | undefined;
  #loaded: SoftphoneBridge | undefined;
  #connected = false;

  constructor(listener: BridgeLinkListener) {
    this.#listener = listener;
  }

  /** The bridge followed now, if any. */
  get bridge(): SoftphoneBridge | undefined {
    return this.#bridge;
  }

  /** Follows another bridge; it is loaded once the panel is in the document. */
  follow(bridge: SoftphoneBridge | undefined): void {
    this.#bridge = bridge;
    this.#load();
  }

  /** Whether the panel is in the document; a bridge is only loaded while it is. */
  get connected(): boolean {
    return this.#connected;
  }

  set connected(connected: boolean) {
    this.#connected = connected;
    this.#load();
  }

  /** Calls the bridge; resolves `true` if it accepted, `false` if it refused (reported, never thrown). */
  run(action: string, call: (bridge: SoftphoneBridge) => Promise<unknown>): Promise<boolean> {
    const bridge = this.#bridge;
    if (bridge === undefined) return Promise.resolve(false);
    let pending: Promise<unknown>;
    try {
      pending = call(bridge);
    } catch (error) {
      pending = Promise.reject(error);
    }
    return pending.then(
      () => true,
      (error: unknown) => {
        this.#listener.refused(action, errorCode(error));
        return false;
      },
    );
  }

  #load(): void {
    const bridge = this.#bridge;
    if (!this.#connected || bridge === undefined || bridge === this.#loaded) return;
    this.#loaded = bridge;
    // A callback from a bridge the element no longer follows is ignored.
    const callback = ((type: CallbackEventType, payload: unknown) => {
      if (this.#bridge === bridge) this.#listener.receive({ type, payload } as CallbackMessage);
    }) as SoftphoneCallback;
    void this.run('load', (b) => b.load(callback)).then((ok) => {
      // A failed load is tried again the next time the element is attached.
      if (!ok && this.#loaded === bridge) this.#loaded = undefined;
      if (ok && this.#bridge === bridge) this.#listener.loaded();
    });
  }
}
