/** How long a change sent one way is expected to come back as an echo. */
export const ECHO_WINDOW_MS = 10_000;

interface Expected {
  readonly softphoneId: string;
  readonly from: 'softphone' | 'crm';
  readonly until: number;
}

/**
 * Two-way presence without loops. Each side echoes what it is told: the CRM reports back the
 * status the softphone just set, and the softphone reports back (`statusChanged`) the status the
 * CRM just asked for. A change is passed on only when it is new to the receiving side and not
 * the echo of a change that came from there; same-value updates are dropped.
 *
 * Echoes are remembered per value for {@link ECHO_WINDOW_MS}, so that a late echo of an older
 * change (Y after the agent already picked W) does not flip the status back.
 */
export class PresenceSync {
  /** The status as last agreed by both sides. */
  #current: string | undefined;
  #expected: Expected[] = [];

  /**
   * `from` reported `softphoneId`. Returns whether to pass it on to the other side: write it to
   * the CRM (from the softphone), or send `update_presence` to the softphone (from the CRM).
   */
  receive(softphoneId: string, from: 'softphone' | 'crm', now: number): boolean {
    this.#expected = this.#expected.filter((e) => e.until >= now);
    const echo = this.#expected.findIndex((e) => e.softphoneId === softphoneId && e.from !== from);
    if (echo >= 0) {
      // The other side confirming what we passed on: agreed, nothing to send back.
      // `current` stays: it already holds this value, or a newer one that this echo must not undo.
      // Echoes come back in the order the changes were written, so the expectations queued before
      // this one are settled too: echoed already, or never written because the outbox coalesced
      // them. Keeping them would swallow a real change to one of those values later. (The echo's
      // expectation was set by the other side, so what stays is the later ones and this side's own.)
      this.#expected = this.#expected.filter((e, index) => index > echo || e.from === from);
      return false;
    }
    if (softphoneId === this.#current) return false;
    this.#current = softphoneId;
    this.#expected.push({ softphoneId, from, until: now + ECHO_WINDOW_MS });
    return true;
  }
}
