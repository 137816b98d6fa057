import { expect } from '@esm-bundle/chai';
import { voicenterStep, type VoicenterCall, type VoicenterEvent } from '../../../connectors/voicenter/index.js';

const env = { partnerId: 'p', language: 'he_IL', now: 100_000 };
const ids = { partnerId: 'p', conversationId: 'ivr' };
const event = (kind: VoicenterEvent['kind'], extra: Partial<VoicenterEvent> = {}): VoicenterEvent => ({
  kind,
  ivrId: 'ivr',
  ...extra,
});
const ringing: VoicenterCall = {
  ivrId: 'ivr',
  direction: 'inbound',
  number: '972722776772',
  phase: 'ringing',
  answeredAt: undefined,
};
const dialing: VoicenterCall = {
  ivrId: 'ivr',
  direction: 'outbound',
  number: '0500000000',
  phase: 'dialing',
  answeredAt: undefined,
};
const talking: VoicenterCall = { ...ringing, phase: 'connected', answeredAt: 40_000 };
const methods = (step: { calls: readonly { method: string }[] }) => step.calls.map((c) => c.method);

describe('voicenterStep()', () => {
  it('onRinging → incomingCall, with no number until the pop-up gives one', () => {
    const step = voicenterStep(undefined, event('ringing', { direction: 'inbound' }), env);
    expect(step.calls).to.deep.equal([
      { method: 'incomingCall', payload: { ...ids, callerANI: '', language: 'he_IL' } },
    ]);
    const merged = voicenterStep(step.call, event('ringing', { direction: 'inbound', number: '972722776772' }), env);
    expect(merged.calls).to.deep.equal([
      { method: 'incomingCall', payload: { ...ids, callerANI: '972722776772', language: 'he_IL' } },
    ]);
    expect(merged.call).to.deep.equal(ringing);
  });

  it('onCall with the number dialled → outboundCallInitiated', () => {
    expect(
      voicenterStep(undefined, event('dialing', { direction: 'outbound', number: '0500000000' }), env).calls,
    ).to.deep.equal([{ method: 'outboundCallInitiated', payload: { ...ids, dialledTo: '0500000000' } }]);
  });

  it('onCallAnswer / Talking → callAccepted, at the pop-up’s answer time when it has one', () => {
    const step = voicenterStep(ringing, event('answered', { answeredAt: 90_000 }), env);
    expect(step.calls).to.deep.equal([{ method: 'callAccepted', payload: { ...ids, callerANI: '972722776772' } }]);
    expect(step.call).to.include({ phase: 'connected', answeredAt: 90_000 });
  });

  it('onCallEnd after the answer → callEnded with the talk duration; the pop-up’s cause is kept', () => {
    expect(voicenterStep(talking, event('ended', { cause: 'Normal hangup' }), env)).to.deep.equal({
      call: undefined,
      finished: true,
      calls: [
        { method: 'callEnded', payload: { hangupCause: 'Normal hangup', ...ids, duration: 60, callType: 'inbound' } },
      ],
    });
  });

  it('an end before any answer: inbound → callRejected passive, outbound → callEnded 0', () => {
    expect(voicenterStep(ringing, event('ended'), env).calls).to.deep.equal([
      { method: 'callRejected', payload: { ...ids, reason: 'passive' } },
    ]);
    expect(voicenterStep(dialing, event('ended'), env).calls).to.deep.equal([
      { method: 'callEnded', payload: { ...ids, duration: 0, callType: 'outbound' } },
    ]);
  });

  it('a pop-up hang-up that says it was answered accepts the call first (pop-up only)', () => {
    const step = voicenterStep(ringing, event('ended', { answeredAt: 70_000, cause: 'Normal hangup' }), env);
    expect(methods(step)).to.deep.equal(['callAccepted', 'callEnded']);
    expect(step.calls[1]?.payload).to.include({ duration: 30 });
  });

  it('onCallRejected: inbound → callRejected active; outbound → callEnded 0; a talking call ignores it', () => {
    expect(voicenterStep(ringing, event('rejected'), env).calls).to.deep.equal([
      { method: 'callRejected', payload: { ...ids, reason: 'active' } },
    ]);
    expect(methods(voicenterStep(dialing, event('rejected'), env))).to.deep.equal(['callEnded']);
    expect(voicenterStep(talking, event('rejected'), env)).to.deep.equal({ call: talking, finished: false, calls: [] });
  });

  it('onCallFailed → callEnded 0, marked callFailed', () => {
    expect(voicenterStep(dialing, event('failed'), env).calls).to.deep.equal([
      { method: 'callEnded', payload: { callFailed: true, ...ids, duration: 0, callType: 'outbound' } },
    ]);
    expect(methods(voicenterStep(undefined, event('failed', { number: '0500000000' }), env))).to.deep.equal([
      'outboundCallInitiated',
      'callEnded',
    ]);
  });

  it('maps a repeated ring or answer to nothing', () => {
    expect(voicenterStep(ringing, event('ringing', { number: '972722776772' }), env).calls).to.deep.equal([]);
    expect(voicenterStep(talking, event('answered'), env).calls).to.deep.equal([]);
  });

  it('opens a call first seen answered (the pop-up’s Talking before its Ringing)', () => {
    expect(
      methods(voicenterStep(undefined, event('answered', { direction: 'inbound', number: '972' }), env)),
    ).to.deep.equal(['incomingCall', 'callAccepted']);
  });
});
