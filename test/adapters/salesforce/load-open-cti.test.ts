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
    expect(
      openCtiParameters({
        search: `?mode=Lightning&sfdcIframeOrigin=${encodeURIComponent(origin)}&nonce=ab`,
        protocol: 'https:',
      }),
    ).to.deep.equal({ origin, mode: 'Lightning' });
  });

  it('names each missing or wrong parameter', () => {
    expect(refusal('').details['keys']).to.deep.equal(['sfdcIframeOrigin', 'mode']);
    expect(
      refusal(`?mode=Lightning&sfdcIframeOrigin=${encodeURIComponent('https://force.com.evil.example')}`).message,
    ).to.contain('not a Salesforce origin');
    expect(
      refusal(`?mode=Lightning&sfdcIframeOrigin=${encodeURIComponent('https://acme.lightning.force.com.evil.example')}`)
        .code,
    ).to.equal('CONFIG_INVALID');
    expect(refusal(`?mode=Lightning&sfdcIframeOrigin=${encodeURIComponent(origin)}`, 'http:').message).to.contain(
      'scheme',
    );
  });
});

describe('loadOpenCti()', () => {
  it("uses the page's sforce.opencti when Salesforce's script is already there", async () => {
    const api = new FakeOpenCti();
    const win = {
      location: { search: `?mode=Lightning&sfdcIframeOrigin=${encodeURIComponent(origin)}`, protocol: 'https:' },
      document,
      sforce: { opencti: api },
    };
    expect(await loadOpenCti(win)).to.equal(api);
  });

  it('loads the script from sfdcIframeOrigin otherwise, and reports a failed load', async () => {
    const win = {
      location: {
        search: `?mode=Lightning&sfdcIframeOrigin=${encodeURIComponent('https://acme.invalid.force.com')}`,
        protocol: 'https:',
      },
      document,
    };
    const result = await loadOpenCti(win, { timeoutMs: 5000 }).then(
      () => undefined,
      (e: unknown) => e,
    );
    const script = [...document.head.querySelectorAll('script')].at(-1);
    expect(script?.src).to.equal('https://acme.invalid.force.com/support/api/66.0/lightning/opencti_min.js');
    expect((result as BridgeError).code).to.equal('ADAPTER_CONNECT_FAILED');
    script?.remove();
  });

  it('only warns about missing URL parameters when the script is already on the page (the softphone may have rewritten its URL)', async () => {
    const api = new FakeOpenCti();
    const warnings: [string, unknown][] = [];
    const win = { location: { search: '?view=dialpad', protocol: 'https:' }, document, sforce: { opencti: api } };
    expect(
      await loadOpenCti(win, { logger: { warn: (message, fields) => warnings.push([message, fields]) } }),
    ).to.equal(api);
    expect(warnings).to.have.length(1);
    expect(warnings[0]?.[1]).to.deep.equal({ keys: 'sfdcIframeOrigin,mode' });
  });

  it('warns about an origin that is not Salesforce, naming the key and not the value', async () => {
    const api = new FakeOpenCti();
    const warnings: string[] = [];
    const win = {
      location: {
        search: `?mode=Lightning&sfdcIframeOrigin=${encodeURIComponent('https://evil.example')}`,
        protocol: 'https:',
      },
      document,
      sforce: { opencti: api },
    };
    expect(
      await loadOpenCti(win, {
        logger: { warn: (message, fields) => warnings.push(`${message} ${JSON.stringify(fields)}`) },
      }),
    ).to.equal(api);
    expect(warnings).to.have.length(1);
    expect(warnings[0]).to.contain('sfdcIframeOrigin').and.not.to.contain('evil.example');
  });

  it('refuses to start without the URL parameters when it must load the script itself', async () => {
    const win = { location: { search: '', protocol: 'https:' }, document };
    const error = (await loadOpenCti(win).then(
      () => undefined,
      (e: unknown) => e,
    )) as BridgeError;
    expect(error.code).to.equal('CONFIG_INVALID');
    expect(error.details['keys']).to.deep.equal(['sfdcIframeOrigin', 'mode']);
  });
});
