import type { SoftphoneBridge, StoredCalls } from './bridge-like.js';
import { describeParty } from './format.js';
import type { SavedSession } from './session-store.js';
import type { ActiveCall, Phase } from './session-types.js';

/** One contract call for the session to run: its name (for a refusal) and how to make it. */
export interface ContractStep {
  readonly action: 'callAccepted' | 'incomingCall' | 'outboundCallInitiated';
  readonly call: (bridge: SoftphoneBridge) => Promise<unknown>;
}

/**
 * The call that tells the bridge this softphone still has the restored call: the bridge ends a
 * call that no softphone session spoke of since a reload as interrupted (ADR 0011), so the
 * restored call's current phase is reported once more (a repeat the call machine merges as a
 * duplicate). None in wrap-up: the call has ended, and `callEnded` was already sent.
 */
export function reclaimStep({ phase, call }: SavedSession, partnerId: string): ContractStep | undefined {
  const ids = { partnerId, conversationId: call.conversationId };
  if (phase === 'connected') return { action: 'callAccepted', call: (b) => b.callAccepted(ids) };
  if (phase === 'ringing') {
    return { action: 'incomingCall', call: (b) => b.incomingCall({ ...ids, callerANI: call.number }) };
  }
  if (phase === 'dialing') {
    return {
      action: 'outboundCallInitiated',
      call: (b) => b.outboundCallInitiated({ ...ids, dialledTo: call.number }),
    };
  }
  return undefined;
}

/** What the in-page bridge's store says of a call (`getCall`). */
export type StoredCall = NonNullable<Awaited<ReturnType<StoredCalls['getCall']>>>;

/** Where the panel goes after a reconciliation, and what it tells the agent (nothing when `message` is absent). */
export interface Reconciled {
  readonly phase: Phase;
  readonly call: ActiveCall | undefined;
  readonly message?: string;
}

/**
 * Checks a resumed call against the in-page bridge's store: a call that was logged meanwhile
 * (`wrapped`, `rejected`) leaves the panel idle; one that ended opens wrap-up with its duration;
 * a record the CRM matched meanwhile is shown. `undefined`: nothing to change, also when the
 * agent already moved on from the saved call (`phase`, `call` are the panel's now).
 */
export function reconcile(
  saved: SavedSession,
  record: StoredCall | undefined,
  phase: Phase,
  call: ActiveCall | undefined,
): Reconciled | undefined {
  if (record === undefined || call?.conversationId !== saved.call.conversationId || phase !== saved.phase) return;
  const party = describeParty(call.name, call.number);
  const recordName = record.crmRecord?.name ?? call.recordName;
  const named = recordName === undefined || recordName === call.recordName ? call : { ...call, recordName };
  if (record.state === 'wrapped' || record.state === 'rejected') {
    return { phase: 'idle', call: undefined, message: `The call with ${party} ended while the page reloaded` };
  }
  if (record.state === 'ended' && phase !== 'wrapup') {
    const ended = { ...named, durationSeconds: record.durationSeconds ?? 0 };
    return {
      phase: 'wrapup',
      call: ended,
      message: `The call with ${party} ended while the page reloaded: wrap it up`,
    };
  }
  return named === call ? undefined : { phase, call: named };
}
