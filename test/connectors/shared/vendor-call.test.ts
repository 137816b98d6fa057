import { expect } from '@esm-bundle/chai';
import { vendorCall } from '../../../connectors/shared/vendor-call.js';

const env = { partnerId: 'p', language: 'en_US', now: 100_000 };
const ids = { partnerId: 'p', conversationId: 'c' };

describe('vendorCall (the call-phase machine every connector shares)', () => {
  it('starts inbound calls ringing and outbound calls dialing', () => {
    expect(vendorCall.start('inbound', '+1555')).to.deep.equal({
      direction: 'inbound',
      number: '+1555',
      phase: 'ringing',
      answeredAt: undefined,
    });
    expect(vendorCall.start('outbound', undefined)).to.deep.equal({
      direction: 'outbound',
      number: '',
      phase: 'dialing',
      answeredAt: undefined,
    });
  });

  it('opens an inbound call even without a number, an outbound one only with the number dialled', () => {
    expect(vendorCall.open(vendorCall.start('inbound', undefined), 'c', env)).to.deep.equal([
      { method: 'incomingCall', payload: { ...ids, callerANI: '', language: 'en_US' } },
    ]);
    expect(vendorCall.open(vendorCall.start('outbound', undefined), 'c', env)).to.deep.equal([]);
    expect(vendorCall.open(vendorCall.start('outbound', '+1666'), 'c', env)).to.deep.equal([
      { method: 'outboundCallInitiated', payload: { ...ids, dialledTo: '+1666' } },
    ]);
  });

  it('learns a number once, opening the call again so the bridge merges it', () => {
    const unknown = vendorCall.start('inbound', undefined);
    const learnt = vendorCall.learnNumber(unknown, '+1555', 'c', env);
    expect(learnt.call.number).to.equal('+1555');
    expect(learnt.calls).to.deep.equal([
      { method: 'incomingCall', payload: { ...ids, callerANI: '+1555', language: 'en_US' } },
    ]);
    expect(vendorCall.learnNumber(learnt.call, '+1777', 'c', env)).to.deep.equal({ call: learnt.call, calls: [] });
    expect(vendorCall.learnNumber(unknown, '', 'c', env).calls).to.deep.equal([]);
  });

  it('answers once, and times the talk from the answer', () => {
    const answered = vendorCall.answer(vendorCall.start('inbound', '+1555'), 40_000, 'c', env);
    expect(answered.calls).to.deep.equal([{ method: 'callAccepted', payload: { ...ids, callerANI: '+1555' } }]);
    expect(answered.call).to.include({ phase: 'connected', answeredAt: 40_000 });
    expect(vendorCall.answer(answered.call, 50_000, 'c', env)).to.deep.equal({ call: answered.call, calls: [] });
    expect(vendorCall.end(answered.call, 100_000, 'c', env, { hangupCause: 'Normal' })).to.deep.equal({
      method: 'callEnded',
      payload: { ...ids, duration: 60, callType: 'inbound', hangupCause: 'Normal' },
    });
  });

  it('ends an unanswered call as missed (inbound) or as a zero-length call (outbound)', () => {
    expect(vendorCall.end(vendorCall.start('inbound', '+1555'), 100_000, 'c', env)).to.deep.equal({
      method: 'callRejected',
      payload: { ...ids, reason: 'passive' },
    });
    expect(vendorCall.end(vendorCall.start('outbound', '+1666'), 100_000, 'c', env)).to.deep.equal({
      method: 'callEnded',
      payload: { ...ids, duration: 0, callType: 'outbound' },
    });
    expect(vendorCall.rejectActively('c', env)).to.deep.equal({
      method: 'callRejected',
      payload: { ...ids, reason: 'active' },
    });
  });
});
