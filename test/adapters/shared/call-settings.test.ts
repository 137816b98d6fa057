import { expect } from '@esm-bundle/chai';
import {
  capitalised,
  GUID,
  readCallPolicy,
  readDialSettings,
  readDispositionList,
  readPartnerConfig,
} from '../../../adapters/shared/call-settings.js';
import { SettingsReader } from '../../../src/contract/settings-reader.js';
import { BridgeError } from '../../../src/errors/index.js';

/** The keys `read` reported on a reader of `raw`, and what it returned. */
function read<T>(raw: unknown, run: (reader: SettingsReader) => T, prefix = ''): { value: T; keys: readonly string[] } {
  const reader = new SettingsReader(raw, prefix);
  const value = run(reader);
  try {
    reader.finish('Test settings');
  } catch (error) {
    expect(error).to.be.instanceOf(BridgeError);
    return { value, keys: (error as BridgeError).details['keys'] as readonly string[] };
  }
  return { value, keys: [] };
}

describe('the settings every CRM adapter reads (adapters/shared/call-settings.ts)', () => {
  it('dial settings: defaults, a number normalised in the default country, the contract limit on participantType', () => {
    expect(read({}, readDialSettings)).to.deep.equal({
      value: { defaultCountry: 'US', dialFrom: undefined, participantType: undefined },
      keys: [],
    });
    expect(
      read({ defaultCountry: 'gb', dialFrom: '020 7946 0958', participantType: ' Agent ' }, readDialSettings).value,
    ).to.deep.equal({ defaultCountry: 'GB', dialFrom: '+442079460958', participantType: 'Agent' });
    const bad = read(
      { defaultCountry: 'Atlantis', dialFrom: 'front desk', participantType: 'x'.repeat(256) },
      readDialSettings,
    );
    expect(bad.keys).to.deep.equal(['defaultCountry', 'dialFrom', 'participantType']);
  });

  it('call policy: documented defaults, and a word outside the list reported', () => {
    expect(read({}, readCallPolicy)).to.deep.equal({
      value: { screenPopOn: 'ring', logRejectedCalls: 'passive' },
      keys: [],
    });
    expect(read({ screenPopOn: 'Accept', logRejectedCalls: 'all' }, readCallPolicy).value).to.deep.equal({
      screenPopOn: 'accept',
      logRejectedCalls: 'all',
    });
    expect(read({ screenPopOn: 'sometimes', logRejectedCalls: 'some' }, readCallPolicy).keys).to.deep.equal([
      'screenPopOn',
      'logRejectedCalls',
    ]);
  });

  it("names keys the adapter's way: a Salesforce section is capitalised and prefixed", () => {
    const { value, keys } = read(
      { '/S/DialFrom': '+14155550100', '/S/ScreenPopOn': 'never' },
      (r) => ({ ...readDialSettings(r, capitalised), ...readCallPolicy(r, capitalised) }),
      '/S/',
    );
    expect(value.dialFrom).to.equal('+14155550100');
    expect(keys).to.deep.equal(['ScreenPopOn']);
  });

  it('dispositions: a list or comma-separated text of distinct codes', () => {
    expect(read({ dispositions: ' sale , , callback ' }, readDispositionList).value).to.deep.equal([
      'sale',
      'callback',
    ]);
    expect(read({ dispositions: ['sale', ' callback'] }, readDispositionList).value).to.deep.equal([
      'sale',
      'callback',
    ]);
    expect(read({}, readDispositionList)).to.deep.equal({ value: [], keys: [] });
    expect(read({ dispositions: 'a,a' }, readDispositionList).keys).to.deep.equal(['dispositions']);
    expect(read({ dispositions: 'x'.repeat(256) }, readDispositionList).keys).to.deep.equal(['dispositions']);
  });

  it('partnerConfig given as one object, reported when incomplete', () => {
    const partnerConfig = { partnerId: 'p', businessSegmentId: 'b', channelOriginId: 'c' };
    expect(read({ partnerConfig }, readPartnerConfig)).to.deep.equal({ value: partnerConfig, keys: [] });
    expect(read({ partnerConfig: { partnerId: 'p' } }, readPartnerConfig).keys).to.deep.equal(['partnerConfig']);
  });

  it('one guid rule', () => {
    expect(GUID.test('9d9162e7-6cf3-4944-bf63-4dff82258764')).to.equal(true);
    expect(GUID.test('9D9162E7-6CF3-4944-BF63-4DFF82258764')).to.equal(true);
    expect(GUID.test('9d9162e76cf34944bf634dff82258764')).to.equal(false);
    expect(GUID.test('acme')).to.equal(false);
  });
});
