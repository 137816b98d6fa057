import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { BridgeEvents } from '../core/bridge-events.js';
import type { BridgeEventSource, BridgeListener } from './bridge-like.js';

/** The bridge events a host wants, each with what to do when it fires. */
export type BridgeListeners = { readonly [K in keyof BridgeEvents]?: BridgeListener<K> };

/**
 * Subscribes a lit host to a bridge's events while the host is in the document, and asks it to
 * re-render after each one. The host hands it the current bridge with {@link setSource} whenever
 * its `bridge` property changes; a detached element holds no listener, so it can be collected.
 */
export class BridgeEventsController implements ReactiveController {
  readonly #listeners: readonly [keyof BridgeEvents, (...args: never[]) => void][];
  #source: Partial<BridgeEventSource> | undefined;
  #subscribed: Partial<BridgeEventSource> | undefined;
  #connected = false;

  constructor(host: ReactiveControllerHost, listeners: BridgeListeners) {
    this.#listeners = Object.entries(listeners).map(([event, listener]) => [
      event as keyof BridgeEvents,
      (...args: never[]) => {
        (listener as (...a: never[]) => void)(...args);
        host.requestUpdate();
      },
    ]);
    host.addController(this);
  }

  /** Follows another bridge (or none). Safe to call with the same one again. */
  setSource(source: Partial<BridgeEventSource> | undefined): void {
    this.#source = source;
    if (this.#connected) this.#subscribe();
  }

  hostConnected(): void {
    this.#connected = true;
    this.#subscribe();
  }

  hostDisconnected(): void {
    this.#connected = false;
    this.#unsubscribe();
  }

  #subscribe(): void {
    if (this.#subscribed === this.#source) return;
    this.#unsubscribe();
    const source = this.#source;
    // A remote client has no emitter: then there is simply nothing to follow.
    if (source === undefined || typeof source.on !== 'function') return;
    for (const [event, listener] of this.#listeners) source.on(event, listener as BridgeListener<typeof event>);
    this.#subscribed = source;
  }

  #unsubscribe(): void {
    const source = this.#subscribed;
    this.#subscribed = undefined;
    if (source === undefined || typeof source.off !== 'function') return;
    for (const [event, listener] of this.#listeners) source.off(event, listener as BridgeListener<typeof event>);
  }
}
