// The webhook receiver example (examples/webhook-receiver/server.mjs) over real HTTP on
// 127.0.0.1: signatures, the timestamp window, dedupe by Idempotency-Key, CORS preflight.
// Browser tests cannot open a server, so this is where the adapter's HTTP round trip is real.
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { startReceiver, verifyRequest } from '../../examples/webhook-receiver/server.mjs';

const SECRET = 'softphone-bridge-test-secret-0123456789';
const ORIGIN = 'https://softphone.example.com';
let receiver;

before(async () => {
  receiver = await startReceiver({ port: 0, secret: SECRET, allowedOrigins: [ORIGIN] });
});
after(async () => {
  await receiver?.close();
});

const sign = (timestamp, body, secret = SECRET) =>
  `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
const nowSeconds = () => Math.floor(Date.now() / 1000);

function payload(conversationId, revision, notes = 'Called back about the invoice.') {
  return {
    version: 1,
    type: 'call.log',
    key: `${conversationId}:callLog`,
    call: {
      conversationId,
      partnerId: 'p',
      direction: 'inbound',
      state: 'ended',
      phoneNumber: '+15557654321',
      language: 'en_US',
      notes,
      ivr: {},
      startedAt: new Date().toISOString(),
      revision,
    },
  };
}

async function post(body, { timestamp = nowSeconds(), signature, key = JSON.parse(body).key, headers = {} } = {}) {
  const response = await fetch(receiver.url, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      'X-SoftphoneBridge-Timestamp': String(timestamp),
      'X-SoftphoneBridge-Signature': signature ?? sign(timestamp, body),
      'Idempotency-Key': key,
      ...headers,
    },
    body,
  });
  return { status: response.status, json: await response.json(), headers: response.headers };
}

describe('signature scheme', () => {
  test('matches the vector the browser adapter pins (test/adapters/webhook/signature.test.ts)', () => {
    assert.equal(
      sign(1767225600, '{"type":"call.log"}'),
      'sha256=e82349d990741e8c809c5593e73cb8e702dc699cbff63a9bc1371a41f3695030',
    );
  });

  test('verifyRequest accepts a good signature and names what is wrong with bad ones', () => {
    const body = Buffer.from('{"a":1}');
    const base = { secret: SECRET, timestamp: '1000', body, nowSeconds: 1000, toleranceSeconds: 300 };
    assert.equal(verifyRequest({ ...base, signature: sign(1000, '{"a":1}') }), null);
    assert.equal(verifyRequest({ ...base, signature: sign(1000, '{"a":2}') }), 'signature mismatch');
    assert.equal(verifyRequest({ ...base, signature: 'sha256=00' }), 'signature mismatch');
    assert.equal(
      verifyRequest({ ...base, signature: sign(1000, '{"a":1}'), nowSeconds: 1301 }),
      'timestamp outside the allowed window',
    );
    assert.equal(verifyRequest({ ...base, signature: undefined }), 'missing signature or timestamp header');
    assert.equal(verifyRequest({ ...base, signature: sign(1000, '{"a":1}'), timestamp: '1e3' }), 'malformed timestamp');
  });
});

describe('POST /calls over HTTP', () => {
  test('a well-signed call log creates one record and returns its id', async () => {
    const reply = await post(JSON.stringify(payload('node-1', 3)));
    assert.equal(reply.status, 201);
    assert.match(reply.json.recordId, /^[0-9a-f-]{36}$/);
    assert.equal(receiver.store.get('node-1:callLog').payload.call.notes, 'Called back about the invoice.');
  });

  test('a retry of the same revision (reply lost) is acknowledged with the same id and changes nothing', async () => {
    const body = JSON.stringify(payload('node-2', 3));
    const first = await post(body);
    const again = await post(body, { timestamp: nowSeconds() + 1 });
    assert.equal(first.status, 201);
    assert.equal(again.status, 200);
    assert.deepEqual(again.json, { recordId: first.json.recordId, duplicate: true });
    assert.equal([...receiver.store.keys()].filter((k) => k === 'node-2:callLog').length, 1);
  });

  test('a newer revision updates the same record; an older one is ignored', async () => {
    const first = await post(JSON.stringify(payload('node-3', 3, 'first')));
    const newer = await post(JSON.stringify(payload('node-3', 5, 'notes after the end')));
    const older = await post(JSON.stringify(payload('node-3', 4, 'late duplicate')));
    assert.deepEqual(newer.json, { recordId: first.json.recordId, updated: true });
    assert.deepEqual(older.json, { recordId: first.json.recordId, duplicate: true });
    assert.equal(receiver.store.get('node-3:callLog').payload.call.notes, 'notes after the end');
  });

  test('refuses a bad signature, a wrong secret and a stale timestamp with 401, storing nothing', async () => {
    const body = JSON.stringify(payload('node-4', 1));
    assert.equal((await post(body, { signature: sign(nowSeconds(), `${body} `) })).status, 401);
    assert.equal(
      (await post(body, { signature: sign(nowSeconds(), body, 'another-secret-of-at-least-32-chars!!') })).status,
      401,
    );
    const stale = nowSeconds() - 301;
    const reply = await post(body, { timestamp: stale, signature: sign(stale, body) });
    assert.equal(reply.status, 401);
    assert.equal(reply.json.error, 'timestamp outside the allowed window');
    // A minute past the window: at +301 a busy machine that takes a second to answer brings the
    // timestamp back inside it (the exact edges are pinned above with verifyRequest's nowSeconds).
    const future = nowSeconds() + 360;
    assert.equal((await post(body, { timestamp: future, signature: sign(future, body) })).status, 401);
    assert.equal(receiver.store.has('node-4:callLog'), false);
  });

  test('refuses an Idempotency-Key that is not the body key, and non-JSON content', async () => {
    const body = JSON.stringify(payload('node-5', 1));
    assert.equal((await post(body, { key: 'node-6:callLog' })).status, 400);
    assert.equal((await post(body, { headers: { 'Content-Type': 'text/plain' } })).status, 415);
    assert.equal(receiver.store.has('node-5:callLog'), false);
  });

  test('answers the CORS preflight for an allowed origin only, and refuses other origins', async () => {
    const preflight = await fetch(receiver.url, {
      method: 'OPTIONS',
      headers: { Origin: ORIGIN, 'Access-Control-Request-Method': 'POST' },
    });
    assert.equal(preflight.status, 204);
    assert.equal(preflight.headers.get('access-control-allow-origin'), ORIGIN);
    assert.match(preflight.headers.get('access-control-allow-headers'), /X-SoftphoneBridge-Signature/i);
    const denied = await fetch(receiver.url, {
      method: 'OPTIONS',
      headers: { Origin: 'https://evil.example', 'Access-Control-Request-Method': 'POST' },
    });
    assert.equal(denied.status, 403);
    const allowed = await post(JSON.stringify(payload('node-7', 1)), { headers: { Origin: ORIGIN } });
    assert.equal(allowed.status, 201);
    assert.equal(allowed.headers.get('access-control-allow-origin'), ORIGIN);
    const refused = await post(JSON.stringify(payload('node-8', 1)), { headers: { Origin: 'https://evil.example' } });
    assert.equal(refused.status, 403);
  });

  test('refuses a secret shorter than 32 characters at start-up', async () => {
    await assert.rejects(startReceiver({ port: 0, secret: 'short' }), /at least 32 characters/);
  });
});
