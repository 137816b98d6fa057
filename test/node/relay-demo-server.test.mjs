// The relay inside the demo server (demo/demo-relay.mjs, started by demo/server.mjs): the routes
// the softphone page uses (GET /relay/session, POST /vendor-cloud/<vendor>/<kind>), who may use
// them, that the relay's agent stream answers exactly the softphone origin, and that close() shuts
// the relay down and removes its temporary folder. The browser path is test/node/demo-e2e.test.mjs.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { after, before, test } from 'node:test';
import { startDemoServer } from '../../demo/server.mjs';
import { fixtures, openStream } from './relay-harness.mjs';

let server;
let phoneOrigin;

before(async () => {
  server = await startDemoServer({ port: 0 });
  phoneOrigin = new URL(server.softphoneUrl).origin;
});
after(() => server?.close());

/** Posts `body` to the softphone origin's vendor-cloud route, as the page does (its Origin header; `origin: null` sends none). */
function postCloud(path, body, { origin = phoneOrigin, contentType = 'application/json' } = {}) {
  return fetch(`${server.softphoneUrl}vendor-cloud/${path}`, {
    method: 'POST',
    headers: { 'content-type': contentType, ...(origin === null ? {} : { origin }) },
    body,
  });
}

const session = async () => (await fetch(`${server.softphoneUrl}relay/session`)).json();

test('the relay listens on 127.0.0.1 beside the two origins, in a temporary folder', () => {
  assert.match(server.relayUrl, /^http:\/\/127\.0\.0\.1:\d+\/$/);
  assert.notEqual(new URL(server.relayUrl).origin, phoneOrigin);
  assert.ok(existsSync(server.relayDataDir), 'the embedded store folder exists while the demo runs');
});

test('GET /relay/session gives the page the relay URL, the demo agent and a fresh token for it; the console origin has no such route', async () => {
  const s = await session();
  assert.deepEqual({ url: s.url, agentId: s.agentId }, { url: server.relayUrl, agentId: server.agentId });
  assert.match(s.token, /^v1\.[A-Za-z0-9_-]+\.\d+\.[A-Za-z0-9_-]+$/);
  assert.equal(Buffer.from(s.token.split('.')[1], 'base64url').toString(), server.agentId);
  assert.equal((await fetch(`${server.url}relay/session`)).status, 404);
  assert.equal(
    (await fetch(`${server.softphoneUrl}relay/session`, { method: 'POST', headers: { origin: phoneOrigin } })).status,
    405,
  );
});

test('the softphone page may open the agent stream (its origin, exactly, comes back); the console origin and others may not', async () => {
  const s = await session();
  const url = `${s.url}v1/agents/${s.agentId}/events?token=${encodeURIComponent(s.token)}`;
  const allowed = await openStream(url, { origin: phoneOrigin });
  assert.equal(allowed.response.status, 200);
  assert.equal(allowed.response.headers.get('access-control-allow-origin'), phoneOrigin);
  allowed.close();
  for (const origin of [new URL(server.url).origin, 'https://evil.example']) {
    const refused = await fetch(url, { headers: { origin } });
    assert.equal(refused.status, 403, origin);
    await refused.body?.cancel();
  }
  const page = await fetch(server.softphoneUrl);
  assert.match(
    page.headers.get('content-security-policy'),
    new RegExp(`connect-src 'self' ${new URL(server.relayUrl).origin}(;|$)`),
    'the page may connect to the relay',
  );
});

test("POST /vendor-cloud/… forwards the body unchanged to the relay ingress and answers with the relay's reply; the event reaches the agent stream", async () => {
  const s = await session();
  const stream = await openStream(`${s.url}v1/agents/${s.agentId}/events?token=${encodeURIComponent(s.token)}`);
  try {
    await stream.next(); // ": connected" once the stream is live
    // Seed 004's Ringing phase as published, for the demo agent.
    const popup = { ...fixtures.popup.ringing, ivrid: 'demo-forward-1', extenUser: server.agentId };
    const answer = await postCloud('voicenter/popup', JSON.stringify(popup));
    assert.equal(answer.status, 200);
    assert.deepEqual(await answer.json(), { STATUS: 'OK' });
    const event = await stream.nextEvent(5_000);
    assert.equal(event.event, 'voicenter.popup');
    assert.deepEqual(event.data.body, popup, 'the body arrives as posted');
    // The relay's own answers come back as they are: a form CDR it cannot read is a JSON err 1 with 400.
    const unreadable = await postCloud('voicenter/cdr', 'caller=1', {
      contentType: 'application/x-www-form-urlencoded',
    });
    assert.equal(unreadable.status, 400);
    assert.equal((await unreadable.json()).err, '1');
    const unknownType = await postCloud('sociomile/webhook', '<x/>', { contentType: 'text/html' });
    assert.equal(unknownType.status, 415);
    await unknownType.body?.cancel();
  } finally {
    stream.close();
  }
});

test('POST /vendor-cloud/… only from the softphone page, only to the three ingress paths, only POST, and never over 256 KiB', async () => {
  const body = JSON.stringify({ data: { internal_id: 'demo-refused', extra_params: { agent: 'demo-agent' } } });
  for (const origin of [null, new URL(server.url).origin, 'https://evil.example']) {
    const refused = await postCloud('sociomile/webhook', body, { origin });
    assert.equal(refused.status, 403, String(origin));
    await refused.body?.cancel();
  }
  const unknown = await postCloud('sobot/events', body);
  assert.equal(unknown.status, 404);
  await unknown.body?.cancel();
  const get = await fetch(`${server.softphoneUrl}vendor-cloud/sociomile/webhook`);
  assert.equal(get.status, 405);
  await get.body?.cancel();
  const big = await postCloud('sociomile/webhook', JSON.stringify({ data: { note: 'x'.repeat(300 * 1024) } }));
  assert.equal(big.status, 413);
  await big.body?.cancel();
  const metrics = await (await fetch(`${server.relayUrl}metrics`)).text();
  assert.doesNotMatch(metrics, /relay_events_accepted_total\{vendor="sociomile"/, 'nothing refused reached the relay');
});

test('close() stops the relay and removes its temporary folder', async () => {
  const other = await startDemoServer({ port: 0 });
  assert.ok(existsSync(other.relayDataDir));
  await other.close();
  assert.equal(existsSync(other.relayDataDir), false, 'the temporary folder is gone');
  await assert.rejects(fetch(`${other.relayUrl}healthz`), 'the relay no longer answers');
});
