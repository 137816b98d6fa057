import { expect } from '@esm-bundle/chai';
import { DEFAULT_SEARCH, parseDynamicsSettings } from '../../../adapters/dynamics/index.js';
import { BridgeError } from '../../../src/contract/index.js';
import { PARTNER } from './harness.js';

function refusal(raw: unknown): BridgeError {
  try {
    parseDynamicsSettings(raw);
  } catch (error) {
    expect((error as BridgeError).code).to.equal('CONFIG_INVALID');
    return error as BridgeError;
  }
  throw new Error('expected the settings to be refused');
}

describe('parseDynamicsSettings()', () => {
  it('applies the documented defaults', () => {
    const settings = parseDynamicsSettings({ partnerConfig: PARTNER });
    expect(settings).to.include({
      defaultCountry: 'US',
      screenPopOn: 'ring',
      logRejectedCalls: 'passive',
      newRecordEntity: 'contact',
      keyAttribute: 'subcategory',
      dispositionAttribute: 'category',
      panelWidth: undefined,
      presenceMap: undefined,
      dialFrom: undefined,
    });
    expect(settings.searchEntities).to.equal(DEFAULT_SEARCH);
    expect(settings.dispositions).to.deep.equal([]);
  });

  it('reads every option', () => {
    const settings = parseDynamicsSettings({
      partnerConfig: PARTNER,
      dispositions: ['resolved'],
      dialFrom: '020 7946 0958',
      defaultCountry: 'gb',
      screenPopOn: 'Accept',
      logRejectedCalls: 'all',
      newRecordEntity: null,
      panelWidth: 400,
      keyAttribute: 'new_conversationid',
      presenceMap: { busy: 'Busy' },
      searchEntities: [{ entity: 'lead', phoneFields: ['telephone1'], nameField: 'fullname' }],
    });
    expect(settings).to.include({
      dialFrom: '+442079460958',
      defaultCountry: 'GB',
      screenPopOn: 'accept',
      logRejectedCalls: 'all',
      newRecordEntity: null,
      panelWidth: 400,
      keyAttribute: 'new_conversationid',
    });
    expect([...(settings.presenceMap ?? [])]).to.deep.equal([['busy', 'Busy']]);
    expect(settings.searchEntities[0]?.entity).to.equal('lead');
  });

  it('names every option at fault', () => {
    const error = refusal({
      dispositions: 'a,b',
      dialFrom: 'front desk',
      defaultCountry: 'Atlantis',
      searchEntities: [{ entity: 'contact' }],
      newRecordEntity: 'Contact Form',
      panelWidth: 10.5,
      presenceMap: {},
      dispositionAttribute: '1st',
    });
    expect(error.details['keys']).to.deep.equal([
      'partnerConfig',
      'dispositions',
      'defaultCountry',
      'dialFrom',
      'searchEntities',
      'newRecordEntity',
      'panelWidth',
      'presenceMap',
      'dispositionAttribute',
    ]);
    expect(error.message).to.contain('partnerConfig is required');
  });
});
