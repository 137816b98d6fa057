import { expect } from '@esm-bundle/chai';
import { SettingsReader } from '../../src/contract/settings-reader.js';
import { BridgeError } from '../../src/errors/index.js';

describe('SettingsReader', () => {
  it('reads trimmed text and choices, and finishes quietly when all is well', () => {
    const reader = new SettingsReader({ '/S/Mode': ' Accept ', '/S/Name': '  ' }, '/S/');
    expect(reader.choice('Mode', ['ring', 'accept'] as const, 'ring')).to.equal('accept');
    expect(reader.text('Name')).to.equal(undefined);
    expect(reader.choice('Missing', ['a', 'b'] as const, 'b')).to.equal('b');
    expect(() => reader.finish('Settings')).not.to.throw();
  });

  it('collects every problem into one CONFIG_INVALID naming each key, never the value', () => {
    const reader = new SettingsReader({ mode: 'sometimes', count: 3 });
    reader.choice('mode', ['ring', 'accept'] as const, 'ring');
    reader.text('count');
    reader.problem('secret', 'is required');
    let error: unknown;
    try {
      reader.finish('Acme options');
    } catch (e) {
      error = e;
    }
    expect(error).to.be.instanceOf(BridgeError);
    expect((error as BridgeError).code).to.equal('CONFIG_INVALID');
    expect((error as BridgeError).details['keys']).to.deep.equal(['mode', 'count', 'secret']);
    expect((error as BridgeError).message).to.equal(
      'Acme options: mode must be one of "ring", "accept"; count must be text; secret is required.',
    );
    expect((error as BridgeError).message).not.to.contain('sometimes');
  });
});
