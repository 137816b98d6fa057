import { expect } from '@esm-bundle/chai';
import { endStatusOf, toEngagementProperties } from '../../../adapters/hubspot/index.js';
import type { CallRecord } from '../../../src/contract/index.js';

const call: CallRecord = {
  conversationId: 'c-1',
  partnerId: 'p',
  direction: 'outbound',
  state: 'ended',
  phoneNumber: '+18883973342',
  language: 'en_US',
  ivr: {},
  disposition: 'sale',
  notes: 'Quote "A" & <B>',
  durationSeconds: 61.4,
  outcome: 'completed',
  crmRecord: { id: '101', type: 'CONTACT' },
  startedAt: 1767225600000,
  updatedAt: 0,
  revision: 1,
  extra: {},
};
const context = { outcomes: new Map([['sale', 'f240bbac-87c9-4f6e-bf70-924b57d47db7']]), lineNumber: '+18449401117' };

describe('toEngagementProperties()', () => {
  it('maps a call to HubSpot call engagement properties', () => {
    expect(toEngagementProperties(call, context)).to.deep.equal({
      hs_timestamp: 1767225600000,
      hs_call_title: 'Outbound call',
      hs_call_body:
        'Quote &quot;A&quot; &amp; &lt;B&gt;<br><br>— Call details —<br>Duration: 61 s<br>Outcome: completed',
      hs_call_direction: 'OUTBOUND',
      hs_call_duration: '61400',
      hs_call_status: 'COMPLETED',
      hs_call_disposition: 'f240bbac-87c9-4f6e-bf70-924b57d47db7',
      hs_call_from_number: '+18449401117',
      hs_call_to_number: '+18883973342',
      hs_call_callee_object_id: '101',
      hs_call_callee_object_type: 'CONTACT',
    });
  });

  it('maps how the call ended to callEnded statuses and call statuses', () => {
    const inbound = { ...call, direction: 'inbound' as const };
    expect([
      endStatusOf({ ...inbound, outcome: 'unanswered' }),
      endStatusOf({ ...call, outcome: 'unanswered' }),
      endStatusOf({ ...inbound, outcome: 'declined' }),
      endStatusOf({ ...inbound, outcome: 'missed' }),
      endStatusOf(call),
    ]).to.deep.equal(['MISSED', 'NO_ANSWER', 'REJECTED', 'MISSED', 'COMPLETED']);
    expect(toEngagementProperties({ ...inbound, outcome: 'declined' }, context).hs_call_status).to.equal('CANCELED');
    // An outbound call that lasted without a reported answer is not a NO_ANSWER.
    expect(toEngagementProperties({ ...call, outcome: 'unconfirmed' }, context).hs_call_status).to.equal('COMPLETED');
    expect(endStatusOf({ ...call, outcome: 'unconfirmed' })).to.equal('COMPLETED');
    // A call the softphone lost (issue 14) is neither talked nor unanswered: FAILED, a value of both SDK enums.
    expect(toEngagementProperties({ ...call, outcome: 'interrupted' }, context).hs_call_status).to.equal('FAILED');
    expect(endStatusOf({ ...inbound, outcome: 'interrupted' })).to.equal('FAILED');
    expect(toEngagementProperties({ ...inbound, outcome: 'missed', crmRecord: { id: 'x', type: 'deal' } }, context))
      .to.deep.include({
        hs_call_status: 'NO_ANSWER',
        hs_call_from_number: '+18883973342',
        hs_call_to_number: '+18449401117',
      })
      .and.not.have.property('hs_call_callee_object_id');
  });
});
