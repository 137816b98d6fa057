import { expect } from '@esm-bundle/chai';
import { parseZendeskSettings } from '../../../adapters/zendesk/index.js';
import type { BridgeError } from '../../../src/contract/index.js';
import { PARTNER } from './harness.js';

describe('parseZendeskSettings()', () => {
  it('applies the documented defaults', () => {
    expect(parseZendeskSettings(PARTNER)).to.deep.include({
      partnerConfig: PARTNER,
      dispositions: [],
      defaultCountry: 'US',
      screenPopOn: 'ring',
      screenPopTarget: 'user',
      logRejectedCalls: 'passive',
      ticketTags: ['softphone_bridge'],
      openPanelOnRing: true,
    });
  });

  it('reads comma-separated parameters and checkboxes as Zendesk stores them', () => {
    const settings = parseZendeskSettings({
      ...PARTNER,
      dispositions: 'resolved, voicemail ,',
      ticketTags: 'calls,phone',
      openPanelOnRing: false,
      screenPopTarget: 'Ticket',
      dialFrom: '0844 940 1117',
      defaultCountry: 'gb',
    });
    expect(settings).to.deep.include({
      dispositions: ['resolved', 'voicemail'],
      ticketTags: ['calls', 'phone'],
      openPanelOnRing: false,
      screenPopTarget: 'ticket',
      dialFrom: '+448449401117',
    });
  });

  it('names every setting at fault', () => {
    let error: BridgeError | undefined;
    try {
      parseZendeskSettings({
        partnerId: 'p',
        dispositions: 'a,a',
        dialFrom: 'desk',
        logRejectedCalls: 'some',
        defaultCountry: 'XX',
      });
    } catch (e) {
      error = e as BridgeError;
    }
    expect(error?.code).to.equal('CONFIG_INVALID');
    expect(error?.details['keys']).to.deep.equal([
      'businessSegmentId',
      'channelOriginId',
      'dispositions',
      'defaultCountry',
      'dialFrom',
      'logRejectedCalls',
    ]);
  });
});
