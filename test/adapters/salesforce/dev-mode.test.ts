// The development mode of the Salesforce bundle (docs/salesforce-deploy.md, "Develop without an org";
// UX review D22): a softphone page on http://localhost loads the Open CTI stub from its own loopback
// origin, given as `sfdcIframeOrigin` the way Salesforce adds it to the adapter URL
// (https://developer.salesforce.com/docs/atlas.en-us.api_cti.meta/api_cti/sforce_api_cti_connecting.htm:
// the softphone is loaded with `sfdcIframeOrigin` and `mode`). Production pages keep every check.
import { expect } from '@esm-bundle/chai';
import { BridgeError } from '../../../src/contract/index.js';
import { openCtiParameters } from '../../../adapters/salesforce/load-open-cti.js';

const search = (origin: string) => `?mode=Lightning&sfdcIframeOrigin=${encodeURIComponent(origin)}`;
const refused = (location: Parameters<typeof openCtiParameters>[0]) => {
  try {
    openCtiParameters(location);
  } catch (error) {
    return error as BridgeError;
  }
  return undefined;
};

describe('Salesforce bundle, development mode (Open CTI stub on loopback)', () => {
  for (const [page, origin] of [
    ['localhost', 'http://localhost:8090'],
    ['127.0.0.1', 'http://127.0.0.1:8090'],
    ['localhost', 'http://localhost'],
  ] as const) {
    it(`accepts sfdcIframeOrigin ${origin} from a page on http://${page}`, () => {
      expect(openCtiParameters({ search: search(origin), protocol: 'http:', hostname: page })).to.deep.equal({
        origin,
        mode: 'Lightning',
      });
    });
  }

  it('refuses a loopback origin from a production page (https, or a host that is not loopback)', () => {
    for (const location of [
      { search: search('http://localhost:8090'), protocol: 'https:', hostname: 'softphone.vendor.example' },
      { search: search('http://localhost:8090'), protocol: 'http:', hostname: 'softphone.vendor.example' },
      { search: search('http://localhost:8090'), protocol: 'https:', hostname: 'localhost' },
      { search: search('http://localhost:8090'), protocol: 'http:' },
    ]) {
      const error = refused(location);
      expect(error, JSON.stringify(location)).to.be.instanceOf(BridgeError);
      expect(error?.code).to.equal('CONFIG_INVALID');
      expect(error?.details['keys']).to.deep.equal(['sfdcIframeOrigin']);
    }
  });

  it('refuses other hosts and https on loopback as the Open CTI origin in development too', () => {
    for (const origin of [
      'http://localhost.evil.example:8090',
      'http://10.0.0.5:8090',
      'https://localhost:8090',
      'http://localhost:8090/path',
    ]) {
      expect(refused({ search: search(origin), protocol: 'http:', hostname: 'localhost' })?.code, origin).to.equal(
        'CONFIG_INVALID',
      );
    }
  });
});
