import { expect } from '@esm-bundle/chai';
import { parseSettings } from '../../../adapters/salesforce/settings.js';
import { BridgeError } from '../../../src/errors/index.js';
import { GUIDE_SAMPLE, sectionKeys } from '../../fixtures/vendor/salesforce/call-center-settings.js';
import { PARTNER, settings } from './harness.js';

function refusal(raw: Record<string, string>): BridgeError {
  try {
    parseSettings(raw);
  } catch (error) {
    expect(error).to.be.instanceOf(BridgeError);
    expect((error as BridgeError).code).to.equal('CONFIG_INVALID');
    return error as BridgeError;
  }
  throw new Error('expected the settings to be refused');
}

describe('parseSettings()', () => {
  it('reads every key of the SoftphoneBridge section', () => {
    const parsed = parseSettings(
      settings({
        ScreenPopOn: 'Accept',
        LogRejectedCalls: 'all',
        ApexUpsert: 'TRUE',
        NewRecordEntity: 'Lead',
        DefaultCountry: 'gb',
      }),
    );
    expect(parsed.partnerConfig).to.deep.equal(PARTNER);
    expect(parsed.dispositions).to.deep.equal(['resolved', 'callback-requested', 'voicemail']);
    expect(parsed.dialFrom).to.equal('+18449401117');
    expect(parsed.participantType).to.equal('Agent');
    expect(parsed).to.include({
      screenPopOn: 'accept',
      logRejectedCalls: 'all',
      apexUpsert: true,
      newRecordEntity: 'Lead',
      defaultCountry: 'GB',
    });
    expect([...parsed.presenceMap.toSalesforce]).to.deep.equal([
      ['available', 'Available'],
      ['busy', 'Busy_Calls'],
      ['away', 'Away'],
    ]);
  });

  it('applies the documented defaults for optional keys', () => {
    const raw = settings();
    for (const key of ['Dispositions', 'DialFrom', 'ParticipantType', 'DefaultCountry', 'PresenceMap'])
      delete raw[`/SoftphoneBridge/${key}`];
    const parsed = parseSettings(raw);
    expect(parsed).to.include({
      screenPopOn: 'ring',
      logRejectedCalls: 'passive',
      apexUpsert: false,
      defaultCountry: 'US',
      newRecordEntity: 'Contact',
      dialFrom: undefined,
      participantType: undefined,
    });
    expect(parsed.dispositions).to.deep.equal([]);
    expect(parsed.presenceMap.toSalesforce.size).to.equal(0);
  });

  it('names each missing required key', () => {
    const error = refusal({});
    expect(error.details['keys']).to.deep.equal(['PartnerId', 'BusinessSegmentId', 'ChannelOriginId']);
    expect(error.message).to.contain('/SoftphoneBridge/BusinessSegmentId is required');
  });

  it('reports malformed optional values by key instead of replacing them', () => {
    const error = refusal(
      settings({
        ScreenPopOn: 'sometimes',
        DialFrom: 'front desk',
        DefaultCountry: 'Atlantis',
        PresenceMap: 'busy',
        Dispositions: 'a,a',
        NewRecordEntity: 'Bad Name',
      }),
    );
    // Read in the order every adapter reads them: dispositions, then the dial settings (adapters/shared/call-settings.ts).
    expect(error.details['keys']).to.deep.equal([
      'Dispositions',
      'DefaultCountry',
      'DialFrom',
      'PresenceMap',
      'NewRecordEntity',
      'ScreenPopOn',
    ]);
    expect(error.message).to.contain('/SoftphoneBridge/ScreenPopOn must be one of "ring", "accept"');
  });

  it('refuses a partner id that is not a guid', () => {
    expect(refusal(settings({ PartnerId: 'acme' })).details['keys']).to.deep.equal(['PartnerId']);
  });

  it("reads its section among the keys a real org returns (the guide's sample, with /label and /sortOrder keys)", () => {
    const section = Object.entries(settings()).map(
      ([path, value]) => [path.split('/')[2] ?? '', `${path.split('/')[2]} label`, value] as const,
    );
    const parsed = parseSettings({
      ...GUIDE_SAMPLE,
      ...sectionKeys('SoftphoneBridge', 'Softphone Bridge', 4, section),
    });
    expect(parsed.partnerConfig).to.deep.equal(PARTNER);
    expect(parsed.dispositions).to.deep.equal(['resolved', 'callback-requested', 'voicemail']);
  });

  it("names the three required keys when the org's call center has no SoftphoneBridge section (the guide's sample alone)", () => {
    const error = refusal({ ...GUIDE_SAMPLE });
    expect(error.details['keys']).to.deep.equal(['PartnerId', 'BusinessSegmentId', 'ChannelOriginId']);
  });

  it('stops the shipped call center at load until the admin fills in the three guids, naming all of them and nothing else', async () => {
    // The file as deployed, read the way getCallCenterSettings words it: /Section/Item -> value.
    const file = await (await fetch('/force-app/main/default/callCenters/SoftphoneBridge.callCenter-meta.xml')).text();
    const doc = new DOMParser().parseFromString(file, 'application/xml');
    const shipped: Record<string, string> = {};
    for (const section of doc.getElementsByTagName('sections')) {
      const sectionName = [...section.children].find((c) => c.tagName === 'name')?.textContent ?? '';
      for (const item of section.getElementsByTagName('items')) {
        const field = (tag: string) => [...item.children].find((c) => c.tagName === tag)?.textContent ?? '';
        shipped[`/${sectionName}/${field('name')}`] = field('value');
      }
    }
    expect(shipped['/SoftphoneBridge/ApexUpsert']).to.equal('true');
    const error = refusal(shipped);
    expect(error.details['keys']).to.deep.equal(['PartnerId', 'BusinessSegmentId', 'ChannelOriginId']);
    for (const key of ['PartnerId', 'BusinessSegmentId', 'ChannelOriginId'])
      expect(error.message).to.contain(`/SoftphoneBridge/${key} is required`);
    // Filled in, the rest of the shipped section is valid as it stands.
    const filled = {
      ...shipped,
      '/SoftphoneBridge/PartnerId': PARTNER.partnerId,
      '/SoftphoneBridge/BusinessSegmentId': PARTNER.businessSegmentId,
      '/SoftphoneBridge/ChannelOriginId': PARTNER.channelOriginId,
    };
    expect(parseSettings(filled).partnerConfig).to.deep.equal(PARTNER);
  });

  it('treats a required key Salesforce returns blank like a missing one', () => {
    const error = refusal(settings({ PartnerId: '', BusinessSegmentId: '  ', ChannelOriginId: '' }));
    expect(error.details['keys']).to.deep.equal(['PartnerId', 'BusinessSegmentId', 'ChannelOriginId']);
  });
});
