import { expect } from '@esm-bundle/chai';
import { BridgeError } from '../../src/errors/bridge-error.js';
import { checkOrigins } from '../../src/remote/origins.js';

describe('checkOrigins', () => {
  it('accepts exact http(s) origins as the browser writes event.origin', () => {
    const origins = [
      'https://acme.lightning.force.com',
      'http://localhost:8000',
      'http://127.0.0.1:8000',
      'http://[::1]:8000',
      'https://xn--bcher-kva.example',
    ];
    expect(checkOrigins(origins, 'allowedOrigins')).to.deep.equal(origins);
  });

  it('refuses wildcards, null, paths, other schemes, spellings the browser never reports, and non-lists', () => {
    const refused = [
      '*',
      'https://*.force.com',
      'null',
      'https://crm.example/',
      'https://crm.example/app',
      'HTTPS://crm.example',
      'https://CRM.example',
      'https://crm.example:443',
      'ftp://crm.example',
      'file://',
      'crm.example',
      '',
      42,
      null,
    ];
    for (const origin of refused) {
      const result = checkOrigins(['https://fine.example', origin], 'hostOrigins');
      expect(result, String(origin)).to.be.instanceOf(BridgeError);
      expect((result as BridgeError).code).to.equal('REMOTE_ORIGIN_REFUSED');
      expect((result as BridgeError).details).to.deep.equal({ option: 'hostOrigins', refused: ['1'] });
    }
    for (const list of [[], 'https://crm.example', undefined])
      expect(checkOrigins(list, 'hostOrigins')).to.be.instanceOf(BridgeError);
  });

  it('names the option and the positions, never the values (they may be pasted secrets or PII)', () => {
    const error = checkOrigins(
      ['https://ok.example', 'https://user:pass@crm.example'],
      'allowedOrigins',
    ) as BridgeError;
    expect(error.message).to.equal('allowedOrigins: expected a list of exact http(s) origins (refused entries: 1).');
    expect(error.message).to.not.include('pass');
  });
});
