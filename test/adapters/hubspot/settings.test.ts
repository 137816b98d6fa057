import { expect } from '@esm-bundle/chai';
import { DEFAULT_OUTCOMES, parseHubSpotSettings } from '../../../adapters/hubspot/index.js';
import type { BridgeError } from '../../../src/contract/index.js';
import { PARTNER } from './harness.js';

describe('parseHubSpotSettings()', () => {
  it('applies the documented defaults', () => {
    const settings = parseHubSpotSettings({ partnerConfig: PARTNER });
    expect(Object.fromEntries(settings.outcomes)).to.deep.equal(DEFAULT_OUTCOMES);
    expect(settings).to.include({
      defaultCountry: 'US',
      screenPopOn: 'ring',
      logRejectedCalls: 'passive',
      availableStatuses: undefined,
      hideWidgetOnComplete: false,
      dialFrom: undefined,
    });
  });

  it('reads every option', () => {
    const settings = parseHubSpotSettings({
      partnerConfig: PARTNER,
      dispositions: { sale: '0b9a7cbb-2e3c-4b2c-9a6d-7a9f3c1d2e4f' },
      dialFrom: '0844 940 1117',
      defaultCountry: 'GB',
      screenPopOn: 'accept',
      logRejectedCalls: 'none',
      availableStatuses: ['available'],
      hideWidgetOnComplete: true,
      participantType: 'Agent',
    });
    expect([...settings.outcomes.keys()]).to.deep.equal(['sale']);
    expect(settings).to.include({
      dialFrom: '+448449401117',
      screenPopOn: 'accept',
      logRejectedCalls: 'none',
      hideWidgetOnComplete: true,
      participantType: 'Agent',
    });
    expect([...(settings.availableStatuses ?? [])]).to.deep.equal(['available']);
  });

  it('names every option at fault', () => {
    let error: BridgeError | undefined;
    try {
      parseHubSpotSettings({
        dispositions: ['connected'],
        dialFrom: 'desk',
        defaultCountry: 'ZZ',
        screenPopOn: 'never',
        availableStatuses: 'available',
      });
    } catch (e) {
      error = e as BridgeError;
    }
    expect(error?.code).to.equal('CONFIG_INVALID');
    expect(error?.details['keys']).to.deep.equal([
      'partnerConfig',
      'dispositions',
      'defaultCountry',
      'dialFrom',
      'availableStatuses',
      'screenPopOn',
    ]);
  });
});
