import { expect } from '@esm-bundle/chai';
import { toPhoneCall } from '../../../adapters/dynamics/index.js';
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
  durationSeconds: 89.6,
  outcome: 'completed',
  crmRecord: { id: '1b4e28ba-2fa1-11d2-883f-0016d3cca427', type: 'account' },
  startedAt: 0,
  updatedAt: 0,
  revision: 1,
  extra: {},
};
const attributes = { keyAttribute: 'subcategory', dispositionAttribute: 'category' };

describe('toPhoneCall()', () => {
  it('maps a call to phonecall attributes', () => {
    expect(toPhoneCall(call, attributes)).to.deep.equal({
      subject: 'Outbound call +18883973342',
      phonenumber: '+18883973342',
      directioncode: true,
      actualdurationminutes: 2,
      description: 'Line one\nLine two\n\n— Call details —\nDuration: 90 s\nOutcome: completed\nChannel name: voice',
      subcategory: 'c-1',
      category: 'resolved',
      'regardingobjectid_account_phonecall@odata.bind': '/accounts(1b4e28ba-2fa1-11d2-883f-0016d3cca427)',
    });
  });

  it('leaves out what is unknown and binds only entity types it knows the set of', () => {
    const { disposition: _d, notes: _n, ...rest } = call;
    const mapped = toPhoneCall(
      { ...rest, ivr: {}, outcome: 'missed', direction: 'inbound', crmRecord: { id: 'x', type: 'msdyn_custom' } },
      { keyAttribute: 'new_key', dispositionAttribute: 'category' },
    );
    expect(mapped).to.include({
      subject: 'Inbound call, missed +18883973342',
      description: '— Call details —\nDuration: 90 s\nOutcome: missed',
      new_key: 'c-1',
      directioncode: false,
    });
    expect(Object.keys(mapped).some((k) => k.includes('@odata.bind') || k === 'category')).to.equal(false);
  });

  it('keeps the notes whole when notes and details exceed the description', () => {
    const notes = 'n'.repeat(1990);
    expect(toPhoneCall({ ...call, notes }, attributes)['description']).to.equal(notes);
  });
});
