import { expect } from '@esm-bundle/chai';
import type { CallRecord } from '../../src/contract/call-record.js';
import { CALL_EVENT_TYPES, type CallEvent } from '../../src/core/call-event.js';
import { table, transition, type MachineState, type Verdict } from '../../src/core/call-machine.js';
import { callSubject } from '../../src/contract/call-summary.js';
import { DEFAULT_CALL_POLICY, resolveCallPolicy as policyOf, type CallPolicy } from '../../src/core/call-policy.js';

const base = { partnerId: 'partner-1', conversationId: 'conv-1' };
let clock = 1_000;

/** One canonical event of each type; `at` advances so that timestamps can be told apart. */
function event(type: CallEvent['type'], overrides: Record<string, unknown> = {}): CallEvent {
  clock += 1_000;
  const payloads: Record<string, Record<string, unknown>> = {
    incomingCall: { ...base, callerANI: '+15550100', language: 'en_US' },
    outboundCallInitiated: { ...base, dialledTo: '+15550199' },
    callAccepted: { ...base, ivrExitPath: 'billing', recordingStatus: 'ON' },
    callRejected: { ...base, reason: 'active' },
    callEnded: { ...base, duration: 90, disposition: 'resolved', notes: 'end notes' },
    callNotesSubmitted: { ...base, disposition: 'follow-up', notes: 'submitted notes' },
  };
  if (type === 'recordLinked') return { type, record: { id: '003XYZ', type: 'Contact' }, at: clock };
  // The sweep's verdict on a call whose last event is older than now: lost.
  if (type === 'callInterrupted') return { type, before: clock, at: clock };
  return { type, payload: { ...payloads[type], ...overrides }, at: clock } as CallEvent;
}

/** Drives a fresh conversation into `state` through events, as a softphone would. */
function callIn(state: MachineState, policy: CallPolicy = DEFAULT_CALL_POLICY): CallRecord | undefined {
  const paths: Record<MachineState, CallEvent[]> = {
    idle: [],
    ringing: [event('incomingCall')],
    dialing: [event('outboundCallInitiated')],
    connected: [event('incomingCall'), event('callAccepted')],
    ended: [event('incomingCall'), event('callAccepted'), event('callEnded')],
    wrapped: [event('incomingCall'), event('callAccepted'), event('callEnded'), event('callNotesSubmitted')],
    rejected: [event('incomingCall'), event('callRejected', { reason: 'passive' })],
  };
  let call: CallRecord | undefined;
  for (const e of paths[state]) call = transition(call, e, policy).call;
  expect(call?.state).to.equal(state === 'idle' ? undefined : state);
  return call;
}

type Expected = [verdict: Verdict, next: MachineState, effects: string];
const P = 'screenPop';
const L = 'writeCallLog';

/** The whole behaviour under the default policy: every state × event. */
const expected: Record<MachineState, Record<CallEvent['type'], Expected>> = {
  idle: {
    incomingCall: ['applied', 'ringing', P],
    outboundCallInitiated: ['applied', 'dialing', P],
    callAccepted: ['applied', 'connected', ''],
    callRejected: ['applied', 'rejected', ''],
    callEnded: ['applied', 'ended', L],
    callNotesSubmitted: ['applied', 'wrapped', L],
    recordLinked: ['ignored', 'idle', ''],
    callInterrupted: ['ignored', 'idle', ''],
  },
  ringing: {
    incomingCall: ['duplicate', 'ringing', ''],
    outboundCallInitiated: ['ignored', 'ringing', ''],
    callAccepted: ['applied', 'connected', ''],
    callRejected: ['applied', 'rejected', ''],
    callEnded: ['applied', 'ended', L],
    callNotesSubmitted: ['merged', 'ringing', ''],
    recordLinked: ['merged', 'ringing', ''],
    callInterrupted: ['applied', 'ended', L],
  },
  dialing: {
    incomingCall: ['ignored', 'dialing', ''],
    outboundCallInitiated: ['duplicate', 'dialing', ''],
    callAccepted: ['applied', 'connected', ''],
    callRejected: ['applied', 'rejected', ''],
    callEnded: ['applied', 'ended', L],
    callNotesSubmitted: ['merged', 'dialing', ''],
    recordLinked: ['merged', 'dialing', ''],
    callInterrupted: ['applied', 'ended', L],
  },
  connected: {
    incomingCall: ['duplicate', 'connected', ''],
    outboundCallInitiated: ['ignored', 'connected', ''],
    callAccepted: ['duplicate', 'connected', ''],
    callRejected: ['ignored', 'connected', ''],
    callEnded: ['applied', 'ended', L],
    callNotesSubmitted: ['merged', 'connected', ''],
    recordLinked: ['merged', 'connected', ''],
    callInterrupted: ['applied', 'ended', L],
  },
  ended: {
    incomingCall: ['ignored', 'ended', ''],
    outboundCallInitiated: ['ignored', 'ended', ''],
    callAccepted: ['duplicate', 'ended', ''],
    callRejected: ['ignored', 'ended', ''],
    callEnded: ['duplicate', 'ended', ''],
    callNotesSubmitted: ['applied', 'wrapped', L],
    recordLinked: ['merged', 'ended', L],
    callInterrupted: ['ignored', 'ended', ''],
  },
  wrapped: {
    incomingCall: ['ignored', 'wrapped', ''],
    outboundCallInitiated: ['ignored', 'wrapped', ''],
    callAccepted: ['duplicate', 'wrapped', ''],
    callRejected: ['ignored', 'wrapped', ''],
    callEnded: ['duplicate', 'wrapped', ''],
    callNotesSubmitted: ['duplicate', 'wrapped', ''],
    recordLinked: ['merged', 'wrapped', L],
    callInterrupted: ['ignored', 'wrapped', ''],
  },
  rejected: {
    incomingCall: ['ignored', 'rejected', ''],
    outboundCallInitiated: ['ignored', 'rejected', ''],
    callAccepted: ['ignored', 'rejected', ''],
    callRejected: ['duplicate', 'rejected', ''],
    callEnded: ['merged', 'rejected', L],
    callNotesSubmitted: ['merged', 'rejected', L],
    recordLinked: ['merged', 'rejected', L],
    callInterrupted: ['ignored', 'rejected', ''],
  },
};

describe('transition()', () => {
  it('has a rule for every state × event', () => {
    for (const state of Object.keys(expected) as MachineState[]) {
      expect(Object.keys(table[state]).sort()).to.deep.equal([...CALL_EVENT_TYPES].sort());
    }
  });

  for (const state of Object.keys(expected) as MachineState[]) {
    for (const type of CALL_EVENT_TYPES) {
      const [verdict, next, effects] = expected[state][type];
      it(`${state} + ${type} → ${verdict}, ${next}${effects ? `, ${effects}` : ''}`, () => {
        const before = callIn(state);
        const result = transition(before, event(type), DEFAULT_CALL_POLICY);
        expect(result.verdict).to.equal(verdict);
        expect(result.call?.state ?? 'idle').to.equal(next);
        expect(result.effects.map((e) => e.type).join(',')).to.equal(effects);
        if (verdict === 'duplicate' || verdict === 'ignored') expect(result.call).to.equal(before);
        if (verdict === 'ignored') expect(result.reason).to.be.a('string');
        if (before !== undefined && (verdict === 'applied' || verdict === 'merged')) {
          expect(result.call?.revision).to.equal(before.revision + 1);
        }
      });
    }
  }
});

describe('call machine rules', () => {
  it('merges notes submitted before the end into the one log', () => {
    let call = transition(undefined, event('incomingCall'), DEFAULT_CALL_POLICY).call;
    call = transition(call, event('callAccepted'), DEFAULT_CALL_POLICY).call;
    const notes = transition(
      call,
      event('callNotesSubmitted', { notes: 'early notes', disposition: 'sale' }),
      DEFAULT_CALL_POLICY,
    );
    expect(notes.effects).to.deep.equal([]);
    const end = transition(notes.call, event('callEnded', { notes: '', disposition: undefined }), DEFAULT_CALL_POLICY);
    expect(end.effects).to.deep.equal([{ type: 'writeCallLog' }]);
    expect(end.call?.notes).to.equal('early notes');
    expect(end.call?.disposition).to.equal('sale');
    expect(end.call?.durationSeconds).to.equal(90);
    expect(end.call?.outcome).to.equal('completed');
  });

  it('lets later non-empty notes replace earlier ones', () => {
    const ended = callIn('ended');
    const wrapped = transition(ended, event('callNotesSubmitted', { notes: 'final words' }), DEFAULT_CALL_POLICY);
    expect(wrapped.call?.notes).to.equal('final words');
    expect(wrapped.effects).to.deep.equal([{ type: 'writeCallLog' }]);
  });

  it('changes nothing on a repeated callEnded, even with other values', () => {
    const ended = callIn('ended');
    const again = transition(ended, event('callEnded', { duration: 5, notes: 'other' }), DEFAULT_CALL_POLICY);
    expect(again.verdict).to.equal('duplicate');
    expect(again.call).to.equal(ended);
  });

  it('logs callEnded without callAccepted, as unanswered when it only rang', () => {
    const ringing = callIn('ringing');
    const end = transition(ringing, event('callEnded', { duration: 0 }), DEFAULT_CALL_POLICY);
    expect(end.call?.outcome).to.equal('unanswered');
    expect(end.effects).to.deep.equal([{ type: 'writeCallLog' }]);
  });

  it('never calls a dialled call that lasted "not answered": with no answer reported its outcome is unconfirmed', () => {
    const dialing = callIn('dialing');
    const end = transition(dialing, event('callEnded', { duration: 200, callType: 'outbound' }), DEFAULT_CALL_POLICY);
    expect(end.call?.outcome).to.equal('unconfirmed');
    expect(end.effects).to.deep.equal([{ type: 'writeCallLog' }]);
    const alone = transition(
      undefined,
      event('callEnded', { duration: 200, callType: 'outbound' }),
      DEFAULT_CALL_POLICY,
    );
    expect(alone.call?.outcome).to.equal('unconfirmed');
  });

  it('still calls a dialled call that ended after 0 seconds unanswered, and an accepted one completed', () => {
    expect(
      transition(callIn('dialing'), event('callEnded', { duration: 0 }), DEFAULT_CALL_POLICY).call?.outcome,
    ).to.equal('unanswered');
    const connected = transition(callIn('dialing'), event('callAccepted'), DEFAULT_CALL_POLICY).call;
    expect(transition(connected, event('callEnded', { duration: 200 }), DEFAULT_CALL_POLICY).call?.outcome).to.equal(
      'completed',
    );
  });

  it('counts an unconfirmed outbound call as talked once a late accept arrives', () => {
    const ended = transition(callIn('dialing'), event('callEnded', { duration: 200 }), DEFAULT_CALL_POLICY).call;
    expect(transition(ended, event('callAccepted'), DEFAULT_CALL_POLICY).call?.outcome).to.equal('completed');
  });

  it('keeps an inbound call that rang for a while and ended unaccepted as unanswered', () => {
    expect(
      transition(callIn('ringing'), event('callEnded', { duration: 25 }), DEFAULT_CALL_POLICY).call?.outcome,
    ).to.equal('unanswered');
  });

  it('logs a callEnded for an unknown conversation, completed when it lasted', () => {
    const end = transition(undefined, event('callEnded'), DEFAULT_CALL_POLICY);
    expect(end.call?.outcome).to.equal('completed');
    expect(end.call?.direction).to.equal('inbound');
    expect(end.effects).to.deep.equal([{ type: 'writeCallLog' }]);
  });

  it('takes the direction from callType when the end is all it saw', () => {
    const end = transition(undefined, event('callEnded', { callType: 'outbound' }), DEFAULT_CALL_POLICY);
    expect(end.call?.direction).to.equal('outbound');
  });

  it('keeps the IVR context of a late accept and counts the call as talked', () => {
    const ringing = callIn('ringing');
    const ended = transition(ringing, event('callEnded', { duration: 0 }), DEFAULT_CALL_POLICY).call;
    const late = transition(
      ended,
      event('callAccepted', { ivrExitPath: 'refunds', channelName: 'web' }),
      DEFAULT_CALL_POLICY,
    );
    expect(late.verdict).to.equal('merged');
    expect(late.call?.ivr).to.include({ ivrExitPath: 'refunds', channelName: 'web', recordingStatus: 'ON' });
    expect(late.call?.outcome).to.equal('completed');
    expect(late.effects).to.deep.equal([{ type: 'writeCallLog' }]);
  });

  it('completes notes-first conversations once the end arrives', () => {
    const wrapped = transition(undefined, event('callNotesSubmitted'), DEFAULT_CALL_POLICY).call;
    const end = transition(wrapped, event('callEnded', { notes: undefined }), DEFAULT_CALL_POLICY);
    expect(end.verdict).to.equal('merged');
    expect(end.call?.state).to.equal('wrapped');
    expect(end.call?.durationSeconds).to.equal(90);
    expect(end.call?.notes).to.equal('submitted notes');
    expect(end.call?.outcome).to.equal('completed');
    expect(transition(end.call, event('callEnded'), DEFAULT_CALL_POLICY).verdict).to.equal('duplicate');
  });

  it('never pops twice, even when incomingCall is replayed', () => {
    const ringing = callIn('ringing');
    expect(ringing?.poppedAt).to.be.a('number');
    expect(transition(ringing, event('incomingCall'), DEFAULT_CALL_POLICY).effects).to.deep.equal([]);
    const connected = transition(ringing, event('callAccepted'), DEFAULT_CALL_POLICY);
    expect(connected.effects).to.deep.equal([]);
  });

  it('pops on accept instead of on ring when the policy says so', () => {
    const policy = policyOf({ screenPopOn: 'accept' });
    const ringing = transition(undefined, event('incomingCall'), policy);
    expect(ringing.effects).to.deep.equal([]);
    const connected = transition(ringing.call, event('callAccepted'), policy);
    expect(connected.effects).to.deep.equal([{ type: 'screenPop' }]);
  });

  it('does not pop a withheld number', () => {
    expect(transition(undefined, event('incomingCall', { callerANI: '' }), DEFAULT_CALL_POLICY).effects).to.deep.equal(
      [],
    );
  });

  it('logs passive rejections as missed and active ones only when asked', () => {
    const passive = transition(callIn('ringing'), event('callRejected', { reason: 'passive' }), DEFAULT_CALL_POLICY);
    expect(passive.call?.outcome).to.equal('missed');
    expect(passive.effects).to.deep.equal([{ type: 'writeCallLog' }]);
    const active = transition(callIn('ringing'), event('callRejected', { reason: 'active' }), DEFAULT_CALL_POLICY);
    expect(active.call?.outcome).to.equal('declined');
    expect(active.effects).to.deep.equal([]);
    const all = transition(
      callIn('ringing'),
      event('callRejected', { reason: 'active' }),
      policyOf({ logRejectedCalls: 'all' }),
    );
    expect(all.effects).to.deep.equal([{ type: 'writeCallLog' }]);
    const none = transition(
      callIn('ringing'),
      event('callRejected', { reason: 'passive' }),
      policyOf({ logRejectedCalls: 'none' }),
    );
    expect(none.effects).to.deep.equal([]);
  });

  it('keeps fields beyond the seed per method', () => {
    const call = transition(undefined, event('incomingCall', { queue: 'gold' }), DEFAULT_CALL_POLICY).call;
    const ended = transition(call, event('callEnded', { wrapUpSeconds: 12 }), DEFAULT_CALL_POLICY).call;
    expect(ended?.extra).to.deep.equal({ incomingCall: { queue: 'gold' }, callEnded: { wrapUpSeconds: 12 } });
  });

  it('does not change its input', () => {
    const ringing = callIn('ringing') as CallRecord;
    const copy = structuredClone(ringing);
    transition(ringing, event('callAccepted'), DEFAULT_CALL_POLICY);
    transition(ringing, event('callEnded'), DEFAULT_CALL_POLICY);
    expect(ringing).to.deep.equal(copy);
  });
});

describe('call machine: interrupted calls', () => {
  const interrupted = (call: CallRecord | undefined) => transition(call, event('callInterrupted'), DEFAULT_CALL_POLICY);

  it('ends a lost connected call as interrupted, with its notes and the duration from the accept to the last event, logged once', () => {
    let call = callIn('connected');
    call = transition(
      call,
      event('callNotesSubmitted', { notes: 'typed so far', disposition: 'sale' }),
      DEFAULT_CALL_POLICY,
    ).call as CallRecord;
    const result = interrupted(call);
    expect(result.verdict).to.equal('applied');
    expect(result.effects).to.deep.equal([{ type: 'writeCallLog' }]);
    expect(result.call).to.include({
      state: 'ended',
      outcome: 'interrupted',
      notes: 'typed so far',
      disposition: 'sale',
      phoneNumber: '+15550100',
      endedAt: call.updatedAt,
    });
    // event() advances the clock by 1 s per event, so the notes came whole seconds after the accept.
    expect(result.call?.durationSeconds)
      .to.equal(Math.round((call.updatedAt - (call.acceptedAt as number)) / 1000))
      .and.to.be.above(0);
    expect(callSubject(result.call as CallRecord)).to.equal('Inbound call, interrupted +15550100');
    expect(interrupted(result.call).verdict).to.equal('ignored');
  });

  it('gives a lost ringing call no duration, and a lost dialled call the time since the dial', () => {
    expect(interrupted(callIn('ringing')).call?.durationSeconds).to.equal(0);
    let dialing = callIn('dialing');
    dialing = transition(dialing, event('callNotesSubmitted', { notes: 'n' }), DEFAULT_CALL_POLICY).call as CallRecord;
    const lost = interrupted(dialing).call as CallRecord;
    expect(lost.outcome).to.equal('interrupted');
    expect(lost.durationSeconds)
      .to.equal(Math.round((dialing.updatedAt - dialing.startedAt) / 1000))
      .and.to.be.above(0);
  });

  it('leaves a call alone that changed at or after `before` (an event arrived meanwhile, from any tab)', () => {
    const connected = callIn('connected') as CallRecord;
    const result = transition(
      connected,
      { type: 'callInterrupted', before: connected.updatedAt, at: connected.updatedAt + 5 },
      DEFAULT_CALL_POLICY,
    );
    expect(result.verdict).to.equal('ignored');
    expect(result.reason).to.equal('still live');
    expect(result.call).to.equal(connected);
  });

  it('merges the real end that arrives after the interruption into the same log: its duration, and the outcome it had', () => {
    const lost = interrupted(callIn('connected')).call;
    const end = transition(lost, event('callEnded', { duration: 240, notes: 'final' }), DEFAULT_CALL_POLICY);
    expect(end.verdict).to.equal('merged');
    expect(end.effects).to.deep.equal([{ type: 'writeCallLog' }]);
    expect(end.call).to.include({ state: 'ended', outcome: 'completed', durationSeconds: 240, notes: 'final' });
    expect(transition(end.call, event('callEnded', { duration: 5 }), DEFAULT_CALL_POLICY).verdict).to.equal(
      'duplicate',
    );
  });

  it('keeps an interrupted ringing call unanswered when its late end says it only rang', () => {
    const lost = interrupted(callIn('ringing')).call;
    expect(transition(lost, event('callEnded', { duration: 20 }), DEFAULT_CALL_POLICY).call?.outcome).to.equal(
      'unanswered',
    );
  });

  it('takes late notes, then a late end, of an interrupted call into the one log', () => {
    const lost = interrupted(callIn('connected')).call;
    const wrapped = transition(lost, event('callNotesSubmitted', { notes: 'after reload' }), DEFAULT_CALL_POLICY);
    expect(wrapped.call).to.include({ state: 'wrapped', outcome: 'interrupted', notes: 'after reload' });
    expect(wrapped.effects).to.deep.equal([{ type: 'writeCallLog' }]);
    const end = transition(wrapped.call, event('callEnded', { duration: 61, notes: '' }), DEFAULT_CALL_POLICY);
    expect(end.verdict).to.equal('merged');
    expect(end.call).to.include({ state: 'wrapped', outcome: 'completed', durationSeconds: 61, notes: 'after reload' });
    expect(transition(end.call, event('callEnded'), DEFAULT_CALL_POLICY).verdict).to.equal('duplicate');
  });
});
