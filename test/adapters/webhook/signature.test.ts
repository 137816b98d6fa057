import { expect } from '@esm-bundle/chai';
import { importSigningKey, signRequest } from '../../../adapters/webhook/index.js';

describe('signRequest()', () => {
  it('signs "<timestamp>.<body>" with HMAC-SHA256, as the Node receiver verifies it', async () => {
    // The same vector is pinned in test/node/webhook-receiver.test.mjs against node:crypto.
    const key = await importSigningKey('softphone-bridge-test-secret-0123456789');
    expect(await signRequest(key, 1767225600, '{"type":"call.log"}')).to.equal(
      'sha256=e82349d990741e8c809c5593e73cb8e702dc699cbff63a9bc1371a41f3695030',
    );
  });

  it('depends on the timestamp, so that a replay with a new timestamp needs the secret', async () => {
    const key = await importSigningKey('softphone-bridge-test-secret-0123456789');
    expect(await signRequest(key, 1767225601, '{"type":"call.log"}')).not.to.equal(
      await signRequest(key, 1767225600, '{"type":"call.log"}'),
    );
  });

  it('imports the secret as a key that cannot be exported again', async () => {
    const key = await importSigningKey('softphone-bridge-test-secret-0123456789');
    expect(key.extractable).to.equal(false);
    expect(key.usages).to.deep.equal(['sign']);
  });
});
