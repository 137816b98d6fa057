import { expect } from '@esm-bundle/chai';
import { parseWebhookOptions } from '../../../adapters/webhook/index.js';
import { BridgeError } from '../../../src/contract/index.js';
import { SECRET } from './harness.js';

function refusal(raw: unknown): BridgeError {
  try {
    parseWebhookOptions(raw);
  } catch (error) {
    expect(error).to.be.instanceOf(BridgeError);
    expect((error as BridgeError).code).to.equal('CONFIG_INVALID');
    return error as BridgeError;
  }
  throw new Error('expected the options to be refused');
}

describe('parseWebhookOptions()', () => {
  it('accepts https, and http on loopback hosts only', () => {
    expect(
      parseWebhookOptions({ url: 'https://crm.example.com/hooks/calls?tenant=1', secret: SECRET }).url.href,
    ).to.equal('https://crm.example.com/hooks/calls?tenant=1');
    for (const url of ['http://127.0.0.1:9000/calls', 'http://localhost/calls', 'http://[::1]:9/calls']) {
      expect(parseWebhookOptions({ url, secret: SECRET }).timeoutMs).to.equal(10_000);
    }
  });

  it('names every option at fault without echoing the values', () => {
    const error = refusal({
      url: 'http://crm.example.com/calls',
      secret: 'too-short-secret',
      timeoutMs: 5,
      partnerConfig: { partnerId: '' },
      dispositions: 'resolved',
    });
    expect(error.details['keys']).to.deep.equal(['url', 'secret', 'timeoutMs', 'partnerConfig', 'dispositions']);
    expect(error.message)
      .to.contain('url must use https:')
      .and.not.contain('too-short-secret')
      .and.not.contain('crm.example.com');
  });

  it('requires url and secret, and refuses credentials in the URL or a relative URL', () => {
    expect(refusal({}).details['keys']).to.deep.equal(['url', 'secret']);
    expect(refusal({ url: 'https://user:pass@crm.example.com/calls', secret: SECRET }).message)
      .to.contain('must not carry credentials')
      .and.not.contain('pass@');
    expect(refusal({ url: '/calls', secret: SECRET }).details['keys']).to.deep.equal(['url']);
    expect(refusal({ url: 'ftp://crm.example.com/calls', secret: SECRET }).details['keys']).to.deep.equal(['url']);
  });

  it('passes partner config and dispositions through for load', () => {
    const partnerConfig = { partnerId: 'p', businessSegmentId: 'b', channelOriginId: 'c' };
    const parsed = parseWebhookOptions({
      url: 'https://crm.example.com/calls',
      secret: SECRET,
      partnerConfig,
      dispositions: ['resolved'],
    });
    expect(parsed.partnerConfig).to.deep.equal(partnerConfig);
    expect(parsed.dispositions).to.deep.equal(['resolved']);
  });
});
