import { expect } from '@esm-bundle/chai';
import { FakeCrm, fakeAdapter } from '../../../adapters/fake/index.js';
import type { CallRecord } from '../../../src/contract/index.js';
import { runAdapterConformance } from '../../conformance/crm-adapter.suite.js';

runAdapterConformance('fake', async () => {
  const crm = new FakeCrm({
    dispositions: ['resolved'],
    partnerConfig: { partnerId: 'p', businessSegmentId: 'b', channelOriginId: 'c' },
  });
  return {
    adapter: fakeAdapter(crm),
    callLogsFor: async (key) =>
      crm
        .callLogs()
        .filter((log) => log.key === key)
        .map((log) => log.call),
    failNextWrite: () => crm.injectFaults('before'),
    loseNextReply: () => crm.injectFaults('after'),
  };
});

describe('FakeCrm', () => {
  it('finds contacts by the digits of their number', () => {
    const crm = new FakeCrm({
      contacts: [
        { id: '1', name: 'A', phone: '(555) 010-0100' },
        { id: '2', name: 'B', phone: '+1 555 010 0199' },
      ],
    });
    expect(crm.findContacts('+15550100100').map((c) => c.id)).to.deep.equal(['1']);
    expect(crm.findContacts('')).to.deep.equal([]);
  });

  it('pops a search when several contacts share the number, and records nothing', async () => {
    const crm = new FakeCrm({
      contacts: [
        { id: '1', name: 'A', phone: '5550100100' },
        { id: '2', name: 'B', phone: '5550100100' },
      ],
    });
    const result = await fakeAdapter(crm).screenPop!({
      conversationId: 'c',
      direction: 'inbound',
      phoneNumber: '5550100100',
    });
    expect(result).to.deep.equal({});
    expect(crm.pops[0]?.shown).to.equal('search');
  });
});

describe('FakeCrm restored from call logs', () => {
  const call: CallRecord = {
    conversationId: 'c1',
    partnerId: 'p',
    direction: 'inbound',
    state: 'ended',
    phoneNumber: '+14155550101',
    language: 'en_US',
    ivr: {},
    extra: {},
    startedAt: 0,
    updatedAt: 0,
    revision: 1,
  };

  it('keeps the records it was given, updates them by key, and numbers new ones after them', () => {
    const first = new FakeCrm();
    first.saveCallLog('c1:callLog', call, undefined);
    first.saveCallLog('c2:callLog', call, undefined);
    const restored = new FakeCrm({ callLogs: first.callLogs() });
    expect(restored.callLogs().map((log) => log.id)).to.deep.equal(['LOG-1', 'LOG-2']);
    expect(restored.saveCallLog('c2:callLog', call, 'LOG-2')).to.include({ id: 'LOG-2', creates: 1, updates: 1 });
    expect(restored.saveCallLog('c3:callLog', call, undefined).id).to.equal('LOG-3');
  });
});
