import type { CallRecord } from '../../src/index.js';

/** Where the agent stands with a call: talking (or ringing, dialing), or ended with the wrap-up open. */
export type Busy = { readonly kind: 'live' | 'wrapup'; readonly call: CallRecord };

const LIVE: ReadonlySet<CallRecord['state']> = new Set(['ringing', 'dialing', 'connected']);

/**
 * What the bridge says the agent is busy with, from its `call.updated` events: the calls that ring,
 * dial or are connected, and the one that ended without its notes (`ended`, not yet `wrapped`).
 * The console asks it before a click-to-dial, which the softphone would otherwise refuse out of
 * sight (D8) or take over a wrap-up with (D9).
 */
export class LiveCalls {
  readonly #calls = new Map<string, CallRecord>();

  /** @param bridge the Bridge (or anything emitting its `call.updated`) */
  constructor(bridge: { on(event: 'call.updated', listener: (call: CallRecord) => void): unknown }) {
    bridge.on('call.updated', (call) => this.#update(call));
  }

  /** The newest live call, else the newest call whose wrap-up is open; undefined when the agent is free. */
  get busy(): Busy | undefined {
    const calls = [...this.#calls.values()].reverse();
    const live = calls.find((c) => LIVE.has(c.state));
    if (live !== undefined) return { kind: 'live', call: live };
    const wrapup = calls.find((c) => c.state === 'ended');
    return wrapup === undefined ? undefined : { kind: 'wrapup', call: wrapup };
  }

  /** The agent chose to leave this call's wrap-up (dialed anyway): it no longer holds the phone. */
  leave(conversationId: string): void {
    this.#calls.delete(conversationId);
  }

  #update(call: CallRecord): void {
    const known = this.#calls.has(call.conversationId);
    this.#calls.delete(call.conversationId);
    // A softphone that starts a new call has left the previous wrap-up, whatever became of it.
    if (!known && LIVE.has(call.state))
      for (const [id, other] of this.#calls) if (other.state === 'ended') this.#calls.delete(id);
    if (LIVE.has(call.state) || call.state === 'ended') this.#calls.set(call.conversationId, call);
  }
}
