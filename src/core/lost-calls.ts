import type { CallRecord } from '../contract/call-record.js';

/** The states of a call the softphone still holds: the ones a reload or a closed tab can lose. */
const LIVE: ReadonlySet<CallRecord['state']> = new Set(['ringing', 'dialing', 'connected']);

/**
 * Tells which live calls no softphone speaks for any more, so that the bridge can end them as
 * interrupted instead of leaving them "On call" for ever (issue 14, D4).
 *
 * The last event alone cannot tell: a connected call is silent from its accept to its end, however
 * long the agent talks. What can tell is the softphone *session*: every `load()` starts one (a
 * reload of the softphone frame, or of the CRM page that holds the bridge). A call is held when
 * this session spoke of it (any event, even a duplicate), or another tab's session says it holds
 * it (a heartbeat, see active-phone.ts). A call nobody holds is lost once the grace period has
 * passed since its last event and since this session started: the new softphone had that long to
 * resume it.
 */
export class LostCalls {
  #sessionStart: number;
  readonly #heardHere = new Set<string>();
  /** conversationId → when another tab last said it holds the call. */
  readonly #heldElsewhere = new Map<string, number>();

  /** @param now when this page's bridge started: its first session, until the softphone loads. */
  constructor(now: number) {
    this.#sessionStart = now;
  }

  /** The softphone (re)loaded: what the previous session held, this one has to speak for again. */
  sessionStarted(now: number): void {
    this.#sessionStart = now;
    this.#heardHere.clear();
  }

  /** This page's softphone sent an event for the conversation. */
  heard(conversationId: string): void {
    this.#heardHere.add(conversationId);
  }

  /** Another tab says it holds these conversations (its heartbeat) or just changed one. */
  heldElsewhere(conversationIds: readonly string[], now: number): void {
    for (const id of conversationIds) this.#heldElsewhere.set(id, now);
  }

  /** The live calls this page's softphone session holds, for this page's heartbeat. */
  held(calls: readonly CallRecord[]): string[] {
    return calls
      .filter((call) => LIVE.has(call.state) && this.#heardHere.has(call.conversationId))
      .map((call) => call.conversationId);
  }

  /**
   * The live calls that are lost, and the `before` of their `callInterrupted` event (a call that
   * changed at or after it is alive after all). `graceMs` passed: the sweep. `atOnce`: every call
   * no session holds and nothing touched since this session started (the integrator's "end them now").
   */
  lost(
    calls: readonly CallRecord[],
    now: number,
    graceMs: number,
    atOnce = false,
  ): { readonly calls: CallRecord[]; readonly before: number } {
    // A session younger than the grace period may still resume what it inherited: nothing is lost yet.
    const graceEnd = now - graceMs;
    const before = atOnce ? this.#sessionStart : this.#sessionStart <= graceEnd ? graceEnd : -Infinity;
    // A claim older than the grace period counts for nothing: forget it, so that the map stays small.
    for (const [id, at] of this.#heldElsewhere) if (at < graceEnd) this.#heldElsewhere.delete(id);
    const lost = calls.filter(
      (call) =>
        LIVE.has(call.state) &&
        call.updatedAt < before &&
        !this.#heardHere.has(call.conversationId) &&
        !this.#heldElsewhere.has(call.conversationId),
    );
    return { calls: lost, before };
  }
}
