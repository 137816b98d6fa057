import { expect } from '@esm-bundle/chai';
import { toPayload } from '../../../adapters/webhook/index.js';
import type { CallLogWrite, CallRecord } from '../../../src/contract/index.js';

const call: CallRecord = {
  conversationId: 'c-1',
  partnerId: 'p',
  direction: 'inbound',
  state: 'ended',
  phoneNumber: '+18883973342',
  language: 'en_US',
  ivr: { ivrExitPath: 'billing', channelName: '' },
  disposition: 'resolved',
  notes: '<b>not html</b>',
  durationSeconds: 61.5,
  outcome: 'completed',
  crmRecord: { id: '42', type: 'contact' },
  startedAt: Date.UTC(2026, 0, 2, 3, 4, 5),
  acceptedAt: Date.UTC(2026, 0, 2, 3, 4, 9),
  endedAt: Date.UTC(2026, 0, 2, 3, 5, 10),
  updatedAt: 0,
  revision: 4,
  extra: { callEnded: { vendorField: 1 } },
};

const write = (receipt?: CallLogWrite['receipt']): CallLogWrite => ({
  kind: 'callLog',
  key: 'c-1:callLog',
  call,
  receipt,
  attempt: 2,
});

describe('toPayload()', () => {
  it('maps a call to the versioned call.log body with ISO times and no empty fields', () => {
    expect(toPayload(write())).to.deep.equal({
      version: 1,
      type: 'call.log',
      key: 'c-1:callLog',
      call: {
        conversationId: 'c-1',
        partnerId: 'p',
        direction: 'inbound',
        state: 'ended',
        outcome: 'completed',
        phoneNumber: '+18883973342',
        language: 'en_US',
        disposition: 'resolved',
        notes: '<b>not html</b>',
        durationSeconds: 61.5,
        ivr: { ivrExitPath: 'billing' },
        crmRecord: { id: '42', type: 'contact' },
        startedAt: '2026-01-02T03:04:05.000Z',
        acceptedAt: '2026-01-02T03:04:09.000Z',
        endedAt: '2026-01-02T03:05:10.000Z',
        revision: 4,
      },
    });
  });

  it('names the receiver record of the previous write, and is the same for every attempt', () => {
    expect(toPayload(write({ recordId: 'wh-9' })).recordId).to.equal('wh-9');
    expect(JSON.stringify(toPayload({ ...write(), attempt: 7 }))).to.equal(JSON.stringify(toPayload(write())));
  });
});
