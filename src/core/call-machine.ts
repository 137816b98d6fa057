import type { CallRecord, CallState } from '../contract/call-record.js';
import type { CallEvent, ContractCallEvent } from './call-event.js';
import { mergeEvent, newRecord, sameData } from './call-fields.js';
import type { CallPolicy } from './call-policy.js';

/**
 * What an event did to a conversation:
 * - `applied`: it moved the call to another state (or created it);
 * - `merged`: it added data without a change of state (notes before the end, a late accept);
 * - `duplicate`: it said nothing new (a repeated `callEnded`);
 * - `ignored`: it does not apply in this state (an `incomingCall` replayed after the end).
 */
export type Verdict = 'applied' | 'merged' | 'duplicate' | 'ignored';

/** A side effect for the bridge to carry out; the machine itself does none. */
export type CallEffect = { readonly type: 'screenPop' } | { readonly type: 'writeCallLog' };

/** The outcome of {@link transition}. `call` is the record to store (unchanged when nothing applied). */
export interface Transition {
  readonly verdict: Verdict;
  readonly call: CallRecord | undefined;
  readonly effects: readonly CallEffect[];
  /** Why an event was ignored, for the `call.ignored` event. */
  readonly reason?: string;
}

type Rule = (call: CallRecord | undefined, event: CallEvent, policy: CallPolicy) => Transition;

/** The row of the table for a conversation the bridge has not seen yet. */
export type MachineState = CallState | 'idle';

/**
 * The call machine: one pure step per event. The table below is the whole behaviour; each cell
 * names a rule. Out-of-order and duplicate events are handled by the cells, not by flags:
 * notes before `callEnded` merge into the one log, a repeated `callEnded` changes nothing,
 * `callEnded` without `callAccepted` still logs, and replays after the end never pop again.
 */
export function transition(call: CallRecord | undefined, event: CallEvent, policy: CallPolicy): Transition {
  const state: MachineState = call?.state ?? 'idle';
  return table[state][event.type](call, event, policy);
}

// ---- rules ---------------------------------------------------------------------------------

const ignore =
  (reason: string): Rule =>
  (call) => ({ verdict: 'ignored', call, effects: [], reason });

/** First event of a conversation: create it in `state`. */
const create =
  (state: CallState): Rule =>
  (_call, event, policy) =>
    // The table sends `recordLinked` for an unknown conversation to `ignore`: a contract event here.
    enter(newRecord(event as ContractCallEvent, state), undefined, event, policy);

/** A move to another state, with the event's data merged. */
const move =
  (to: CallState): Rule =>
  (call, event, policy) =>
    enter({ ...merge(call as CallRecord, event), state: to }, call, event, policy);

/**
 * Data without a change of state. The log is written again only if one is due in this state
 * and the data changed; otherwise the event is a duplicate.
 */
const fill: Rule = (call, event, policy) => {
  const current = call as CallRecord;
  let record = merge(current, event);
  // A late accept for a call that already ended means it was talked, not left unanswered.
  if (event.type === 'callAccepted' && (current.outcome === 'unanswered' || current.outcome === 'unconfirmed'))
    record = { ...record, outcome: 'completed' };
  // An end that arrives after the notes: the first moment the outcome is known.
  if (event.type === 'callEnded' && record.outcome === undefined)
    record = { ...record, outcome: endOutcome(record, undefined) };
  if (sameData(record, current)) return duplicate(current, event, policy);
  return {
    verdict: 'merged',
    call: bump(record, current, event.at),
    effects: logDue(current, policy) ? [{ type: 'writeCallLog' }] : [],
  };
};

/** `callEnded` after a state that has no end yet (notes first, or rejected): merge it once. */
const lateEnd: Rule = (call, event, policy) =>
  (call as CallRecord).outcome === 'interrupted'
    ? endAgain(call, event, policy)
    : (call as CallRecord).endedAt === undefined || (call as CallRecord).durationSeconds === undefined
      ? fill(call, event, policy)
      : duplicate(call, event, policy);

/** Notes after the end: the call is wrapped up; the log is updated if the notes say more. */
const wrapUp: Rule = (call, event, policy) => {
  const result = fill(call, event, policy);
  const record = result.call as CallRecord;
  return { ...result, verdict: 'applied', call: bump({ ...record, state: 'wrapped' }, call as CallRecord, event.at) };
};

const duplicate: Rule = (call) => ({ verdict: 'duplicate', call, effects: [] });

/**
 * The softphone lost a live call (`callInterrupted`): it ends as `interrupted` with what the bridge
 * knew, and is logged once. Its end is the last event the bridge saw, and its duration runs to
 * there from the answer (or, outbound, from the dial: the contract reports no outbound answer);
 * a call that only rang lasted nothing. A call changed since `before` is still alive: ignored.
 */
const interrupt: Rule = (call, event, policy) => {
  const current = call as CallRecord;
  if (event.type !== 'callInterrupted' || current.updatedAt >= event.before)
    return ignore('still live')(call, event, policy);
  const from = current.acceptedAt ?? (current.direction === 'outbound' ? current.startedAt : current.updatedAt);
  const record: CallRecord = {
    ...current,
    state: 'ended',
    outcome: 'interrupted',
    endedAt: current.updatedAt,
    durationSeconds: Math.max(0, Math.round((current.updatedAt - from) / 1000)),
  };
  return enter(record, current, event, policy);
};

/**
 * `callEnded` for an ended call: a repeat changes nothing, but the real end of a call the bridge
 * ended as interrupted completes the same log (its duration and outcome were only a guess).
 */
const endAgain: Rule = (call, event, policy) => {
  const current = call as CallRecord;
  if (current.outcome !== 'interrupted') return duplicate(call, event, policy);
  const record = { ...merge(current, event), endedAt: event.at };
  return {
    verdict: 'merged',
    call: bump({ ...record, outcome: endOutcome(record, current) }, current, event.at),
    effects: logDue(current, policy) ? [{ type: 'writeCallLog' }] : [],
  };
};

// ---- helpers -------------------------------------------------------------------------------

/**
 * `record` arriving in its state, from `previous` (none for a new conversation): the outcome,
 * screen pop and call log that come with that state.
 */
function enter(record: CallRecord, previous: CallRecord | undefined, event: CallEvent, policy: CallPolicy): Transition {
  const state = record.state;
  const effects: CallEffect[] = [];
  if (event.type === 'callInterrupted')
    return {
      verdict: 'applied',
      call: bump(record, previous as CallRecord, event.at),
      effects: [{ type: 'writeCallLog' }],
    };
  if (event.type === 'callRejected')
    record = { ...record, outcome: event.payload.reason === 'passive' ? 'missed' : 'declined' };
  if (state === 'ended') record = { ...record, outcome: endOutcome(record, previous) };
  // A new conversation pops when it dials, connects, or rings (if the policy says so); a known one once it connects.
  const pops =
    state === 'connected' ||
    (previous === undefined && (state === 'dialing' || (state === 'ringing' && policy.screenPopOn === 'ring')));
  if (pops && record.poppedAt === undefined && record.phoneNumber !== '') {
    record = { ...record, poppedAt: event.at };
    effects.push({ type: 'screenPop' });
  }
  if (logDue(record, policy)) effects.push({ type: 'writeCallLog' });
  return { verdict: 'applied', call: previous === undefined ? record : bump(record, previous, event.at), effects };
}

function merge(call: CallRecord, event: CallEvent): CallRecord {
  if (event.type === 'recordLinked') return { ...call, crmRecord: event.record };
  if (event.type === 'callInterrupted') return call;
  return mergeEvent(call, event as ContractCallEvent);
}

function bump(record: CallRecord, previous: CallRecord, at: number): CallRecord {
  return { ...record, updatedAt: at, revision: previous.revision + 1 };
}

/**
 * How an ended call turned out, claiming only what the events said. Accepted (or connected) is
 * talked; no time on the line is unanswered. Time on the line without an accept means the call
 * rang that long when the bridge saw it ring, but the contract has no event for an outbound answer,
 * so an outbound call that lasted is `unconfirmed` (a 200-second call is never "not answered").
 * An end the bridge saw nothing before (`previous` undefined) that lasted was talked.
 */
function endOutcome(call: CallRecord, previous: CallRecord | undefined): CallRecord['outcome'] {
  if (call.acceptedAt !== undefined || previous?.state === 'connected') return 'completed';
  if ((call.durationSeconds ?? 0) === 0) return 'unanswered';
  if (call.direction === 'outbound') return 'unconfirmed';
  return previous === undefined ? 'completed' : 'unanswered';
}

/** Whether a call in its state gets a call log: every end, and the rejections the policy asks for. */
function logDue(call: CallRecord, policy: CallPolicy): boolean {
  if (call.state === 'rejected')
    return policy.logRejectedCalls === 'all' || (policy.logRejectedCalls === 'passive' && call.outcome === 'missed');
  return call.state === 'ended' || call.state === 'wrapped';
}

// ---- the table -----------------------------------------------------------------------------

const ringingIgnoresOutbound = ignore('an inbound call is ringing');
const late = ignore('already over');

/** State × event → rule. Every cell is filled; the table test walks all of them. */
export const table: Record<MachineState, Record<CallEvent['type'], Rule>> = {
  idle: {
    incomingCall: create('ringing'),
    outboundCallInitiated: create('dialing'),
    callAccepted: create('connected'),
    callRejected: create('rejected'),
    callEnded: create('ended'),
    callNotesSubmitted: create('wrapped'),
    recordLinked: ignore('no such conversation'),
    callInterrupted: ignore('no such conversation'),
  },
  ringing: {
    incomingCall: fill,
    outboundCallInitiated: ringingIgnoresOutbound,
    callAccepted: move('connected'),
    callRejected: move('rejected'),
    callEnded: move('ended'),
    callNotesSubmitted: fill,
    recordLinked: fill,
    callInterrupted: interrupt,
  },
  dialing: {
    incomingCall: ignore('an outbound call is dialing'),
    outboundCallInitiated: fill,
    callAccepted: move('connected'),
    callRejected: move('rejected'),
    callEnded: move('ended'),
    callNotesSubmitted: fill,
    recordLinked: fill,
    callInterrupted: interrupt,
  },
  connected: {
    incomingCall: fill,
    outboundCallInitiated: ignore('already connected'),
    callAccepted: fill,
    callRejected: ignore('already accepted'),
    callEnded: move('ended'),
    callNotesSubmitted: fill,
    recordLinked: fill,
    callInterrupted: interrupt,
  },
  ended: {
    incomingCall: late,
    outboundCallInitiated: late,
    callAccepted: fill,
    callRejected: late,
    callEnded: endAgain,
    callNotesSubmitted: wrapUp,
    recordLinked: fill,
    callInterrupted: late,
  },
  wrapped: {
    incomingCall: late,
    outboundCallInitiated: late,
    callAccepted: fill,
    callRejected: late,
    callEnded: lateEnd,
    callNotesSubmitted: fill,
    recordLinked: fill,
    callInterrupted: late,
  },
  rejected: {
    incomingCall: late,
    outboundCallInitiated: late,
    callAccepted: ignore('already rejected'),
    callRejected: duplicate,
    callEnded: lateEnd,
    callNotesSubmitted: fill,
    recordLinked: fill,
    callInterrupted: late,
  },
};
