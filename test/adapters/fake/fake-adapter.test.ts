import { expect } from '@esm-bundle/chai';
import { FakeCrm, fakeAdapter } from '../../../adapters/fake/index.js';
import { runAdapterConformance } from '../../conformance/crm-adapter.suite.js';

runAdapterConformance('fake', async () => {
  const crm = new FakeCrm({ dispositions: ['resolved'], partnerConfig: { partnerId: 'p', businessSegmentId: 'b', channelOriginId: 'c' } });
  return {
    adapter: fakeAdapter(crm),
    callLogsFor: async (key) => crm.callLogs().filter((log) => log.key === key).map((log) => log.call),
    failNextWrite: () => crm.injectFaults('before'),
    loseNextReply: () => crm.injectFaults('after'),
  };
});

describe('FakeCrm', () => {
  it('finds contacts by the digits of their number', () => {
    const crm = new FakeCrm({ contacts: [{ id: '1', name: 'A', phone: '(555) 010-0100' }, { id: '2', name: 'B', phone: '+1 555 010 0199' }] });
    expect(crm.findContacts('+15550100100').map((c) => c.id)).to.deep.equal(['1']);
    expect(crm.findContacts('')).to.deep.equal([]);
  });

  it('pops a search when several contacts share the number, and records nothing', async () => {
    const crm = new FakeCrm({ contacts: [{ id: '1', name: 'A', phone: '5550100100' }, { id: '2', name: 'B', phone: '5550100100' }] });
    const result = await fakeAdapter(crm).screenPop!({ conversationId: 'c', direction: 'inbound', phoneNumber: '5550100100' });
    expect(result).to.deep.equal({});
    expect(crm.pops[0]?.shown).to.equal('search');
  });
});
