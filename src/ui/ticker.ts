import type { ReactiveController, ReactiveControllerHost } from 'lit';

/**
 * Runs `onTick` (by default, a re-render of the host) every {@link every} milliseconds while the
 * host is in the document; `every = 0` stops it. Used for the call timer and the status panel's
 * polling. Timers read the time at render, so a skipped tick (a background tab) is only late.
 */
export class Ticker implements ReactiveController {
  readonly #onTick: () => void;
  #every = 0;
  #connected = false;
  #timer: ReturnType<typeof setInterval> | undefined;
  #timerEvery = 0;

  constructor(host: ReactiveControllerHost, onTick: () => void = () => host.requestUpdate()) {
    this.#onTick = onTick;
    host.addController(this);
  }

  /** The period in milliseconds; 0 (or less) means stopped. */
  get every(): number {
    return this.#every;
  }

  set every(ms: number) {
    this.#every = ms > 0 && Number.isFinite(ms) ? ms : 0;
    this.#sync();
  }

  hostConnected(): void {
    this.#connected = true;
    this.#sync();
  }

  hostDisconnected(): void {
    this.#connected = false;
    this.#sync();
  }

  #sync(): void {
    const wanted = this.#connected ? this.#every : 0;
    if (wanted === this.#timerEvery) return;
    if (this.#timer !== undefined) clearInterval(this.#timer);
    this.#timer = wanted > 0 ? setInterval(this.#onTick, wanted) : undefined;
    this.#timerEvery = wanted;
  }
}
