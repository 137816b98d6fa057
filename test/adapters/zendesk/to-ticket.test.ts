import { expect } from '@esm-bundle/chai';
import { newTicket, ticketUpdate } from '../../../adapters/zendesk/index.js';
import type { CallRecord } from '../../../src/contract/index.js';

const call: CallRecord = {
  conversationId: 'c-1',
  partnerId: 'p',
  direction: 'outbound',
  state: 'rejected',
  phoneNumber: '+18883973342',
  language: 'en_US',
  ivr: {},
  durationSeconds: 0,
  outcome: 'missed',
  crmRecord: { id: '42', type: 'user', name: 'Ada' },
  startedAt: 0,
  updatedAt: 0,
  revision: 1,
  extra: {},
};

describe('newTicket() and ticketUpdate()', () => {
  it('creates a private, tagged ticket keyed by the conversation, requested by the linked user', () => {
    expect(newTicket(call, ['softphone_bridge'])).to.deep.equal({
      ticket: {
        subject: 'Outbound call, missed +18883973342',
        comment: { body: '— Call details —\nDirection: Outbound\nNumber: +18883973342\nOutcome: missed\nDuration: 0 s\nConversation: c-1', public: false },
        external_id: 'c-1',
        tags: ['softphone_bridge', 'outbound_call', 'missed_call'],
        requester_id: 42,
      },
    });
  });

  it('leaves the requester to Zendesk (the agent) when the linked record is not a user', () => {
    expect(newTicket({ ...call, crmRecord: { id: '42', type: 'ticket' } }, []).ticket).not.to.have.property('requester_id');
  });

  it('updates with one private comment of the latest state', () => {
    const { ticket } = ticketUpdate({ ...call, notes: 'Call back Tuesday' });
    expect(ticket).to.deep.equal({ comment: { body: `Call back Tuesday\n\n${(newTicket(call, []).ticket['comment'] as { body: string }).body}`, public: false } });
  });
});
