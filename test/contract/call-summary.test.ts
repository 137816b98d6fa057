import { expect } from '@esm-bundle/chai';
import { callSubject, ivrDetailLines } from '../../src/contract/call-summary.js';
import { callRecord } from '../fixtures/outbox-fixtures.js';

describe('call summary lines', () => {
  it('labels every IVR field of callAccepted in words, in the order given, leaving out empty ones', () => {
    const call = callRecord({
      ivr: {
        ivrExitPath: 'billing',
        channelName: 'voice',
        reservationStartDate: '2026-12-01',
        specialEvent: '',
        escalationType: 'supervisor',
        recordingStatus: 'ON',
      },
    });
    expect(ivrDetailLines(call)).to.deep.equal([
      'IVR exit path: billing',
      'Channel name: voice',
      'Reservation start date: 2026-12-01',
      'Escalation type: supervisor',
      'Recording status: ON',
    ]);
    expect(ivrDetailLines(callRecord({ ivr: {} }))).to.deep.equal([]);
  });

  it('says direction, outcome and number in the subject', () => {
    expect(callSubject(callRecord({ direction: 'inbound', outcome: 'missed', phoneNumber: '+15550100100' }))).to.equal(
      'Inbound call, missed +15550100100',
    );
    expect(callSubject(callRecord({ direction: 'outbound', outcome: 'unanswered', phoneNumber: '' }))).to.equal(
      'Outbound call, not answered',
    );
    // The contract cannot report an outbound answer: a call that lasted claims neither way.
    expect(
      callSubject(callRecord({ direction: 'outbound', outcome: 'unconfirmed', phoneNumber: '+15550100100' })),
    ).to.equal('Outbound call +15550100100');
  });
});
