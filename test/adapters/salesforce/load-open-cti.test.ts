import { expect } from '@esm-bundle/chai';
import { loadOpenCti, openCtiParameters } from '../../../adapters/salesforce/load-open-cti.js';
import { BridgeError } from '../../../src/errors/index.js';
import { FakeOpenCti } from '../../fakes/fake-open-cti.js';

const origin = 'https://acme.lightning.force.com';

function refusal(search: string, protocol = 'https:'): BridgeError {
  try {
    openCtiParameters({ search, protocol });
  } catch (error) {
    return error as BridgeError;
  }
  throw new Error('expected a refusal');
}

describe('openCtiParameters()', () => {
  it('accepts the parameters Salesforce adds', () => {
    expect(openCtiParameters({ search: `?mode=Lightning&sfdcIframeOrigin=${encodeURIComponent(origin)}&nonce=ab`, protocol: 'https:' })).to.deep.equal({ origin, mode: 'Lightning' });
  });

  it('names each missing or wrong parameter', () => {
    expect(refusal('').details['keys']).to.deep.equal(['sfdcIframeOrigin', 'mode']);
    expect(refusal(`?mode=Lightning&sfdcIframeOrigin=${encodeURIComponent('https://force.com.evil.example')}`).message).to.contain('not a Salesforce origin');
    expect(refusal(`?mode=Lightning&sfdcIframeOrigin=${encodeURIComponent('https://acme.lightning.force.com.evil.example')}`).code).to.equal('CONFIG_INVALID');
    expect(refusal(`?mode=Lightning&sfdcIframeOrigin=${encodeURIComponent(origin)}`, 'http:').message).to.contain('scheme');
  });
});

describe('loadOpenCti()', () => {
  it("uses the page's sforce.opencti when Salesforce's script is already there", async () => {
    const api = new FakeOpenCti();
    const win = { location: { search: `?mode=Lightning&sfdcIframeOrigin=${encodeURIComponent(origin)}`, protocol: 'https:' }, document, sforce: { opencti: api } };
    expect(await loadOpenCti(win)).to.equal(api);
  });

  it('loads the script from sfdcIframeOrigin otherwise, and reports a failed load', async () => {
    const win = { location: { search: `?mode=Lightning&sfdcIframeOrigin=${encodeURIComponent('https://acme.invalid.force.com')}`, protocol: 'https:' }, document };
    const result = await loadOpenCti(win, { timeoutMs: 5000 }).then(() => undefined, (e: unknown) => e);
    const script = [...document.head.querySelectorAll('script')].at(-1);
    expect(script?.src).to.equal('https://acme.invalid.force.com/support/api/66.0/lightning/opencti_min.js');
    expect((result as BridgeError).code).to.equal('ADAPTER_CONNECT_FAILED');
    script?.remove();
  });

  it('refuses to start without the URL parameters, even when the script is present', async () => {
    const win = { location: { search: '', protocol: 'https:' }, document, sforce: { opencti: new FakeOpenCti() } };
    const error = (await loadOpenCti(win).then(() => undefined, (e: unknown) => e)) as BridgeError;
    expect(error.code).to.equal('CONFIG_INVALID');
  });
});
