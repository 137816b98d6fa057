// The Apex token minter (force-app/.../SoftphoneBridgeRelayToken.cls) and the relay sign tokens by
// one format (relay/README.md "Agent tokens"). Apex cannot run here, so its test class carries
// vectors; this test checks that the relay mints exactly those, and accepts them for their agent.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { mintToken, verifyToken } from '../../dist/relay/index.js';

const apexTest = readFileSync(
  fileURLToPath(new URL('../../force-app/main/default/classes/SoftphoneBridgeRelayTokenTest.cls', import.meta.url)),
  'utf8',
);
const secret = /String SECRET = '([^']+)'/.exec(apexTest)?.[1];
/** Each `assertEquals('<token>', SoftphoneBridgeRelayToken.mint(SECRET, '<agent>', <expiry>L))` of the Apex test. */
const vectors = [
  ...apexTest.matchAll(/'(v1\.[^']+)',\s*SoftphoneBridgeRelayToken\.mint\(SECRET, '([^']+)', (\d+)L\)/g),
].map(([, token, agentId, expiry]) => ({ token, agentId, expiry: Number(expiry) }));

test('the Apex test class carries the secret and at least two token vectors', () => {
  assert.ok(secret !== undefined && secret.length >= 32, 'SECRET in SoftphoneBridgeRelayTokenTest.cls');
  assert.ok(vectors.length >= 2, `found ${vectors.length} vectors`);
});

test("the relay mints exactly the Apex test's tokens, and accepts them for their agent only", () => {
  for (const { token, agentId, expiry } of vectors) {
    assert.equal(mintToken(secret, agentId, expiry * 1000), token, `vector for ${agentId}`);
    const now = (expiry - 60) * 1000;
    assert.deepEqual(verifyToken(secret, token, agentId, now), { ok: true, agentId, expiresAt: expiry * 1000 });
    assert.equal(verifyToken(secret, token, 'someone-else', now).ok, false);
    assert.equal(verifyToken(`${secret}x`, token, agentId, now).ok, false, 'another secret does not verify it');
  }
});
