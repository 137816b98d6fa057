import { expect } from '@esm-bundle/chai';
import { callComment, isCommentOf, newTicket, ticketUpdate } from '../../../adapters/zendesk/index.js';
import { renderComment } from '../../fakes/fake-zaf-support.js';
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
        comment: {
          body: '— Call details —\nDirection: Outbound\nNumber: +18883973342\nOutcome: missed\nDuration: 0 s\nConversation: c-1\nLog ref: c57c3464',
          public: false,
        },
        external_id: 'c-1',
        tags: ['softphone_bridge', 'outbound_call', 'missed_call'],
        requester_id: 42,
      },
    });
  });

  it('leaves the requester to Zendesk (the agent) when the linked record is not a user', () => {
    expect(newTicket({ ...call, crmRecord: { id: '42', type: 'ticket' } }, []).ticket).not.to.have.property(
      'requester_id',
    );
  });

  it('updates with one private comment of the latest state', () => {
    const { ticket } = ticketUpdate({ ...call, notes: 'Call back Tuesday' });
    const body = (ticket['comment'] as { body: string }).body;
    expect(body).to.match(
      /^Call back Tuesday\n\n— Call details —\nDirection: Outbound\n[^]*\nConversation: c-1\nLog ref: [0-9a-f]{8}$/,
    );
    expect(ticket['comment']).to.include({ public: false });
  });

  it('recognises its comment after Zendesk re-renders it, and tells versions apart (ZD-4)', () => {
    const notes = { ...call, notes: 'Refund **approved**  today\n  call back *Tuesday*' };
    const sent = callComment(notes);
    const { plain } = renderComment(sent);
    expect(plain).to.not.equal(sent);
    expect(isCommentOf(plain, notes)).to.equal(true);
    expect(isCommentOf(plain, { ...notes, notes: 'Refund approved today' })).to.equal(false);
    expect(isCommentOf(plain, { ...notes, durationSeconds: 5 })).to.equal(false);
  });
});
