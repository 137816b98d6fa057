import { expect } from '@esm-bundle/chai';
import { toE164 } from '../../src/contract/e164.js';

describe('toE164()', () => {
  const valid: [input: string, country: string, e164: string][] = [
    ['(888) 397-3342', 'US', '+18883973342'],
    ['1-888-397-3342', 'US', '+18883973342'],
    ['+1 844 940 1117', 'GB', '+18449401117'],
    ['011 44 20 7946 0958', 'US', '+442079460958'],
    ['00 44 20 7946 0958', 'DE', '+442079460958'],
    ['020 7946 0958', 'GB', '+442079460958'],
    ['030 123456', 'DE', '+4930123456'],
    ['06 12 34 56 78', 'FR', '+33612345678'],
    ['(888) 397-3342 ext. 12', 'US', '+18883973342'],
    ['888.397.3342 x7', 'us', '+18883973342'],
  ];
  for (const [input, country, e164] of valid) {
    it(`turns "${input}" (${country}) into ${e164}`, () => {
      expect(toE164(input, country)).to.deep.equal({ ok: true, e164 });
    });
  }

  const invalid: [input: string, country: string, problem: string][] = [
    ['', 'US', 'empty'],
    ['call me', 'US', 'letters'],
    ['12', 'US', 'too-short'],
    ['(088) 397-3342', 'US', 'not-a-national-number'],
    ['+1234567890123456', 'US', 'too-long'],
    ['020 7946 0958', 'US', 'not-a-national-number'],
    ['020 7946 0958', 'ZZ', 'unknown-country'],
  ];
  for (const [input, country, problem] of invalid) {
    it(`refuses "${input}" (${country}) as ${problem}`, () => {
      expect(toE164(input, country)).to.deep.equal({ ok: false, problem });
    });
  }
});
