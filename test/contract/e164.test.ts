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
    // The first and last entries of each trunk-prefix group of the table, and the odd one out.
    ['246 555 0100', 'BB', '+12465550100'],
    ['(416) 555-0100', 'US', '+14165550100'],
    ['04 123 4567', 'AE', '+97141234567'],
    ['021 123 4567', 'ZA', '+27211234567'],
    ['06 1 234 5678', 'HU', '+3612345678'],
    ['2 2123 4567', 'CL', '+56221234567'],
    ['6123 4567', 'SG', '+6561234567'],
    ['06 1234 5678', 'IT', '+390612345678'],
    ['099 123 456', 'UY', '+59899123456'],
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
    ['020 7946 0958', 'G', 'unknown-country'],
    ['020 7946 0958', 'GBR', 'unknown-country'],
    ['020 7946 0958', 'B4', 'unknown-country'],
  ];
  for (const [input, country, problem] of invalid) {
    it(`refuses "${input}" (${country}) as ${problem}`, () => {
      expect(toE164(input, country)).to.deep.equal({ ok: false, problem });
    });
  }
});
