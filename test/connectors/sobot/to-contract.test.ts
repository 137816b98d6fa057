import { expect } from '@esm-bundle/chai';
import {
  sobotCallStep,
  sobotRegain,
  sobotStatusCall,
  type SobotCall,
  type SobotCallEvent,
  type SobotDirection,
  type SobotPartyRole,
} from '../../../connectors/sobot/index.js';

const env = { partnerId: 'p', language: 'en_US', now: 100_000 };
const ids = { partnerId: 'p', conversationId: 'c' };
interface Extra {
  readonly direction?: SobotDirection;
  readonly party?: SobotPartyRole;
  readonly ani?: string;
  readonly dnis?: string;
  readonly otherDN?: string;
}
const event = (kind: SobotCallEvent['kind'], extra: Extra = {}): SobotCallEvent =>
  ({
    kind,
    callId: 'c',
    direction: extra.direction,
    callType: extra.direction,
    party: extra.party,
    numbers: { ani: extra.ani, dnis: extra.dnis, otherDN: extra.otherDN },
  }) as SobotCallEvent;
const ringing: SobotCall = {
  callId: 'c',
  direction: 'inbound',
  number: '+1555',
  phase: 'ringing',
  answeredAt: undefined,
};
const connected: SobotCall = { ...ringing, phase: 'connected', answeredAt: 58_000 };
const dialing: SobotCall = {
  callId: 'c',
  direction: 'outbound',
  number: '+1666',
  phase: 'dialing',
  answeredAt: undefined,
};

describe('sobotCallStep()', () => {
  it('EventRinging (inbound) → incomingCall with otherDN as callerANI', () => {
    const step = sobotCallStep(undefined, event('ringing', { direction: 'inbound', otherDN: '+1555' }), env);
    expect(step.calls).to.deep.equal([
      { method: 'incomingCall', payload: { ...ids, callerANI: '+1555', language: 'en_US' } },
    ]);
    expect(step.call).to.deep.equal(ringing);
  });

  it('EventDialing, and EventRinging (outbound) → outboundCallInitiated with otherDN as dialledTo', () => {
    for (const e of [
      event('dialing', { otherDN: '+1666' }),
      event('ringing', { direction: 'outbound', otherDN: '+1666' }),
    ]) {
      const step = sobotCallStep(undefined, e, env);
      expect(step.calls).to.deep.equal([{ method: 'outboundCallInitiated', payload: { ...ids, dialledTo: '+1666' } }]);
      expect(step.call).to.deep.equal(dialing);
    }
  });

  it("takes the customer's number from ANI (inbound) or DNIS (outbound), else otherDN", () => {
    const inbound = sobotCallStep(
      undefined,
      event('ringing', { direction: 'inbound', ani: '+1555', dnis: '400' }),
      env,
    );
    expect(inbound.call?.number).to.equal('+1555');
    const outbound = sobotCallStep(
      undefined,
      event('ringing', { direction: 'outbound', ani: '400', dnis: '+1666' }),
      env,
    );
    expect(outbound.calls).to.deep.equal([
      { method: 'outboundCallInitiated', payload: { ...ids, dialledTo: '+1666' } },
    ]);
    expect(
      sobotCallStep(undefined, event('ringing', { direction: 'inbound', otherDN: '+1777' }), env).call?.number,
    ).to.equal('+1777');
  });

  it("does not take the DNIS of the agent's own leg of an outbound call (the agent's phone) for the customer's", () => {
    const step = sobotCallStep(
      undefined,
      event('ringing', { direction: 'outbound', party: 'agent', ani: '400', dnis: '13800000000' }),
      env,
    );
    expect(step.call?.number).to.equal('');
    expect(step.calls).to.deep.equal([]);
  });

  it('answered → callAccepted, and the answer time starts the duration', () => {
    const step = sobotCallStep(ringing, event('answered'), env);
    expect(step.calls).to.deep.equal([{ method: 'callAccepted', payload: { ...ids, callerANI: '+1555' } }]);
    expect(step.call).to.include({ phase: 'connected', answeredAt: 100_000 });
  });

  it('released after the answer → callEnded with the talk duration and callType', () => {
    const step = sobotCallStep(connected, event('released'), env);
    expect(step).to.deep.equal({
      call: undefined,
      finished: true,
      calls: [{ method: 'callEnded', payload: { ...ids, duration: 42, callType: 'inbound' } }],
    });
  });

  it('released or abandoned while ringing → callRejected passive (missed)', () => {
    for (const kind of ['released', 'abandoned'] as const) {
      expect(sobotCallStep(ringing, event(kind), env).calls).to.deep.equal([
        { method: 'callRejected', payload: { ...ids, reason: 'passive' } },
      ]);
    }
  });

  it('released while dialing → callEnded, duration 0, outbound', () => {
    expect(sobotCallStep(dialing, event('released'), env).calls).to.deep.equal([
      { method: 'callEnded', payload: { ...ids, duration: 0, callType: 'outbound' } },
    ]);
  });

  it('rejected through the connector → callRejected active, only while an inbound call rings', () => {
    expect(sobotCallStep(ringing, event('rejected'), env).calls).to.deep.equal([
      { method: 'callRejected', payload: { ...ids, reason: 'active' } },
    ]);
    expect(sobotCallStep(connected, event('rejected'), env)).to.deep.equal({
      call: connected,
      finished: false,
      calls: [],
    });
  });

  it('maps a repeated event to nothing', () => {
    expect(
      sobotCallStep(ringing, event('ringing', { direction: 'inbound', otherDN: '+1555' }), env).calls,
    ).to.deep.equal([]);
    expect(sobotCallStep(connected, event('answered'), env).calls).to.deep.equal([]);
  });

  it('tells the bridge a number a later message gives', () => {
    const withheld = { ...ringing, number: '' };
    const step = sobotCallStep(withheld, event('answered', { otherDN: '+1777' }), env);
    expect(step.calls.map((c) => c.method)).to.deep.equal(['incomingCall', 'callAccepted']);
    expect(step.call?.number).to.equal('+1777');
  });

  it('opens a call it never saw ring before answering or ending it (out of order)', () => {
    expect(
      sobotCallStep(undefined, event('answered', { direction: 'inbound', otherDN: '+1555' }), env).calls.map(
        (c) => c.method,
      ),
    ).to.deep.equal(['incomingCall', 'callAccepted']);
    expect(
      sobotCallStep(undefined, event('released', { otherDN: '+1555' }), env).calls.map((c) => c.method),
    ).to.deep.equal(['incomingCall', 'callRejected']);
  });

  it('cannot announce an outbound call without its number, but still ends it as outbound', () => {
    const opened = sobotCallStep(undefined, event('dialing'), env);
    expect(opened.calls).to.deep.equal([]);
    expect(sobotCallStep(opened.call, event('released'), env).calls).to.deep.equal([
      { method: 'callEnded', payload: { ...ids, duration: 0, callType: 'outbound' } },
    ]);
  });
});

describe('sobotRegain()', () => {
  const regain = (call?: { callId: string; since?: number }, idleSince?: number) =>
    ({
      kind: 'regain',
      status: 'ready',
      call:
        call === undefined
          ? undefined
          : {
              callId: call.callId,
              direction: 'inbound' as const,
              callType: 'inbound' as const,
              party: undefined,
              numbers: { ani: undefined, dnis: undefined, otherDN: '+1555' },
              since: call.since,
            },
      idleSince,
    }) as const;
  const never = () => false;

  it('leaves a connected call the agent is still on alone', () => {
    expect(sobotRegain([connected], regain({ callId: 'c' }), never, env)).to.deep.equal({
      keep: connected,
      ended: [],
      calls: [],
    });
  });

  it('accepts a call that was ringing when the connection dropped and is now talked', () => {
    const result = sobotRegain([ringing], regain({ callId: 'c', since: 90_000 }), never, env);
    expect(result.calls).to.deep.equal([{ method: 'callAccepted', payload: { ...ids, callerANI: '+1555' } }]);
    expect(result.keep).to.include({ phase: 'connected', answeredAt: 90_000 });
  });

  it('opens and accepts a call new to the connector (reloaded page), talking since the timestamp', () => {
    const result = sobotRegain([], regain({ callId: 'c', since: 70_000 }), never, env);
    expect(result.calls.map((c) => c.method)).to.deep.equal(['incomingCall', 'callAccepted']);
    expect(result.keep).to.include({ answeredAt: 70_000 });
  });

  it('changes nothing when the regained call is an internal or consult call (the customer call may go on around it)', () => {
    for (const callType of ['internal', 'consult'] as const) {
      const base = regain({ callId: 'x' });
      const event = { ...base, call: { ...base.call!, direction: undefined, callType } };
      expect(sobotRegain([connected], event, never, env)).to.deep.equal({ keep: undefined, ended: [], calls: [] });
    }
  });

  it('ignores a regained call it saw finish', () => {
    expect(sobotRegain([], regain({ callId: 'c' }), () => true, env).calls).to.deep.equal([]);
  });

  it('ends the calls that finished while the connection was down, at the idle time when plausible', () => {
    const result = sobotRegain([connected], regain(undefined, 88_000), never, env);
    expect(result.ended).to.deep.equal(['c']);
    expect(result.calls).to.deep.equal([
      { method: 'callEnded', payload: { ...ids, duration: 30, callType: 'inbound' } },
    ]);
    const implausible = sobotRegain([connected], regain(undefined, 10_000), never, env);
    expect(implausible.calls[0]).to.deep.include({ payload: { ...ids, duration: 42, callType: 'inbound' } });
  });
});

describe('sobotStatusCall()', () => {
  const map = new Map<'ready' | number, string>([
    ['ready', 'available'],
    [11, 'break'],
  ]);

  it('maps a Sobot status to statusChanged with the softphoneId', () => {
    expect(sobotStatusCall('ready', map)).to.deep.equal({
      method: 'statusChanged',
      payload: { softphoneId: 'available' },
    });
    expect(sobotStatusCall(11, map)).to.deep.equal({ method: 'statusChanged', payload: { softphoneId: 'break' } });
  });

  it('gives nothing for an unmapped status', () => {
    expect(sobotStatusCall(14, map)).to.equal(undefined);
  });
});
