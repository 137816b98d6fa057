/**
 * The ring timeout of one ringing call: at most one timer, re-armed whenever the phase, the call,
 * the timeout or the element's presence in the document changes. Counted from the call's start,
 * not from arming, so a call restored after a reload keeps its age.
 */
export class RingTimer {
  #timer: ReturnType<typeof setTimeout> | undefined;

  /** Cancels the running timer, if any. */
  clear(): void {
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  /** Replaces the running timer with one that calls `expired` at `deadline` (ms since the epoch; at once if past). */
  arm(deadline: number, expired: () => void): void {
    this.clear();
    this.#timer = setTimeout(
      () => {
        this.#timer = undefined;
        expired();
      },
      Math.max(0, deadline - Date.now()),
    );
  }
}
