import { expect } from '@esm-bundle/chai';
import { toTask } from '../../../adapters/salesforce/to-task.js';
import type { CallRecord } from '../../../src/contract/index.js';

const call: CallRecord = {
  conversationId: 'c-1',
  partnerId: 'p',
  direction: 'outbound',
  state: 'wrapped',
  phoneNumber: '+18883973342',
  language: 'en_US',
  ivr: { channelName: 'voice' },
  disposition: 'resolved',
  notes: 'Line one\nLine two',
  durationSeconds: 61.6,
  outcome: 'completed',
  crmRecord: { id: '001000000000003AAA', type: 'Account' },
  startedAt: new Date(2026, 10, 21, 23, 30).getTime(),
  updatedAt: 0,
  revision: 1,
  extra: {},
};

describe('toTask()', () => {
  it('maps a call to the Task fields Salesforce expects', () => {
    expect(toTask(call)).to.deep.equal({
      Subject: 'Outbound call +18883973342',
      TaskSubtype: 'Call',
      Status: 'Completed',
      ActivityDate: '2026-11-21',
      CallType: 'Outbound',
      CallDurationInSeconds: 62,
      CallDisposition: 'resolved',
      CallObject: 'c-1',
      Description: 'Line one\nLine two\n\n— Call details —\nChannel name: voice',
      WhatId: '001000000000003AAA',
    });
  });

  it('links contacts and leads as WhoId and leaves out what is unknown', () => {
    const { disposition: _d, notes: _n, ...rest } = call;
    const task = toTask({
      ...rest,
      ivr: {},
      outcome: 'missed',
      direction: 'inbound',
      crmRecord: { id: '00Q000000000001AAA' },
    });
    expect(task).to.include({
      WhoId: '00Q000000000001AAA',
      Description: '',
      Subject: 'Inbound call, missed +18883973342',
    });
    expect(task).not.to.have.property('WhatId');
    expect(task).not.to.have.property('CallDisposition');
  });

  it('keeps the notes whole when notes and details exceed the field', () => {
    const notes = 'n'.repeat(31_990);
    expect(toTask({ ...call, notes }).Description).to.equal(notes);
  });
});
