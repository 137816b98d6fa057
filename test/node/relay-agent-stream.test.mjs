// The agent stream (relay/agent-stream.ts) over real HTTP against the built dist/relay/: SSE
// framing and data, live delivery of vendor events posted to ingress, resume with Last-Event-ID
// and ?lastEventId= (no gap, no duplicate), the heartbeat, tokens (forged, expired, another
// agent's) and browser origins.
import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { describe, test } from 'node:test';
import { fixtures, openStream, post, relayLib, SECRET, startRelay, token } from './relay-harness.mjs';

const { popup, cdrSeed } = fixtures;
const AGENT = popup.ringing.extenUser; // "KGpK4iWq"
const JSON_TYPE = 'application/json';
const ORIGIN = 'https://crm.example.com';

const streamUrl = (base, agent = AGENT, query = '') => `${base}/v1/agents/${encodeURIComponent(agent)}/events${query}`;
const bearer = (agent = AGENT, ttl) => ({ authorization: `Bearer ${token(agent, ttl)}` });

describe('agent stream: delivery and resume', () => {
  test('a pop-up phase posted by Voicenter arrives as id/event/data with {id, vendor, kind, agentId, receivedAt, body}', async (t) => {
    const { base, ingress } = await startRelay({ t });
    const stream = await openStream(streamUrl(base), bearer());
    t.after(stream.close);
    assert.equal(stream.response.status, 200);
    assert.match(stream.response.headers.get('content-type'), /^text\/event-stream/);
    assert.deepEqual(await stream.next(), { comment: 'connected' });
    const before = Date.now();
    await post(`${ingress}/voicenter/popup`, JSON_TYPE, JSON.stringify(popup.ringing));
    const message = await stream.nextEvent();
    assert.equal(message.event, 'voicenter.popup');
    assert.equal(message.data.id, message.id);
    assert.deepEqual(
      { ...message.data, id: undefined, receivedAt: undefined },
      { id: undefined, vendor: 'voicenter', kind: 'popup', agentId: AGENT, receivedAt: undefined, body: popup.ringing },
    );
    assert.ok(message.data.receivedAt >= before - 5 && message.data.receivedAt <= Date.now());
  });

  test('an agent receives only its own events', async (t) => {
    const { base, ingress } = await startRelay({ t });
    const other = await openStream(streamUrl(base, 'SIPSIPSI'), bearer('SIPSIPSI'));
    const mine = await openStream(streamUrl(base), bearer());
    t.after(() => (other.close(), mine.close()));
    await post(`${ingress}/voicenter/popup`, JSON_TYPE, JSON.stringify(popup.ringing));
    await post(`${ingress}/voicenter/cdr`, JSON_TYPE, JSON.stringify(cdrSeed.json)); // callerextension SIPSIPSI
    assert.equal((await mine.nextEvent()).event, 'voicenter.popup');
    assert.equal((await other.nextEvent()).event, 'voicenter.cdr');
    await assert.rejects(mine.nextEvent(300), /no SSE message/);
  });

  test('resume with Last-Event-ID (and ?lastEventId=) replays exactly what came after, then goes on live', async (t) => {
    const { base, ingress } = await startRelay({ t });
    const first = await openStream(streamUrl(base), bearer());
    await post(`${ingress}/voicenter/popup`, JSON_TYPE, JSON.stringify(popup.ringing));
    const ringing = await first.nextEvent();
    first.close();
    // While the agent is away, the call is answered and hung up.
    await post(`${ingress}/voicenter/popup`, JSON_TYPE, JSON.stringify(popup.answer));
    await post(`${ingress}/voicenter/popup`, JSON_TYPE, JSON.stringify(popup.hangup));
    for (const open of [
      () => openStream(streamUrl(base), { ...bearer(), 'last-event-id': ringing.id }),
      () => openStream(streamUrl(base, AGENT, `?token=${token(AGENT)}&lastEventId=${ringing.id}`)),
    ]) {
      const again = await open();
      try {
        const replayed = [await again.nextEvent(), await again.nextEvent()];
        assert.deepEqual(
          replayed.map((m) => m.data.body),
          [popup.answer, popup.hangup],
        );
        assert.ok(replayed[0].id > ringing.id && replayed[1].id > replayed[0].id);
        await assert.rejects(again.nextEvent(200), /no SSE message/, 'nothing replayed twice');
      } finally {
        again.close();
      }
    }
    const live = await openStream(streamUrl(base), { ...bearer(), 'last-event-id': ringing.id });
    t.after(live.close);
    await live.nextEvent();
    await live.nextEvent();
    const next = { ...popup.ringing, ivrid: 'second-call' };
    await post(`${ingress}/voicenter/popup`, JSON_TYPE, JSON.stringify(next));
    assert.deepEqual((await live.nextEvent()).data.body, next);
  });

  test('events posted while the replay runs arrive once each, in order (no gap between replay and live)', async (t) => {
    const { base, ingress } = await startRelay({ t });
    const posts = (from, to) =>
      Promise.all(
        Array.from({ length: to - from }, (_, i) =>
          post(
            `${ingress}/voicenter/cdr`,
            JSON_TYPE,
            JSON.stringify({ ...cdrSeed.json, ivruniqueid: `cdr-${from + i}` }),
          ),
        ),
      );
    await posts(0, 600); // more than one replay page (500)
    const stream = await openStream(streamUrl(base, 'SIPSIPSI', '?lastEventId=0'), bearer('SIPSIPSI'));
    t.after(stream.close);
    const during = posts(600, 700);
    const got = [];
    while (got.length < 700) got.push(await stream.nextEvent(5_000));
    await during;
    const ids = got.map((m) => m.id);
    assert.equal(new Set(ids).size, 700, 'no duplicate');
    assert.deepEqual(ids, [...ids].sort(), 'in id order');
    assert.deepEqual(
      new Set(got.map((m) => m.data.body.ivruniqueid)),
      new Set(Array.from({ length: 700 }, (_, i) => `cdr-${i}`)),
    );
    await assert.rejects(stream.nextEvent(200), /no SSE message/);
  });

  test('a heartbeat comment comes at the configured interval (15 s by default, createRelay caps it there)', async (t) => {
    const { base } = await startRelay({ t, heartbeatMs: 200 });
    const stream = await openStream(streamUrl(base), bearer());
    t.after(stream.close);
    assert.deepEqual(await stream.next(), { comment: 'connected' });
    assert.deepEqual(await stream.next(1_000), { comment: 'ping' });
    assert.deepEqual(await stream.next(1_000), { comment: 'ping' });
  });

  test('open streams are counted in /metrics, and uncounted when the client goes away', async (t) => {
    const { base } = await startRelay({ t });
    const stream = await openStream(streamUrl(base), bearer());
    await stream.next();
    assert.match(await (await fetch(`${base}/metrics`)).text(), /relay_agent_streams_open 1\n/);
    stream.close();
    const until = Date.now() + 2_000;
    while (!/relay_agent_streams_open 0\n/.test(await (await fetch(`${base}/metrics`)).text())) {
      assert.ok(Date.now() < until, 'the gauge went back to 0');
      await new Promise((r) => setTimeout(r, 50));
    }
  });
});

describe('agent stream: a client that stops reading', () => {
  test('is disconnected once over 1 MiB is left unread (memory stays bounded; it resumes by id later)', async (t) => {
    const { base, ingress } = await startRelay({ t });
    const socket = connect(Number(new URL(base).port), '127.0.0.1');
    t.after(() => socket.destroy());
    await new Promise((resolve) => socket.once('connect', resolve));
    socket.write(`GET /v1/agents/SIPSIPSI/events?token=${token('SIPSIPSI')} HTTP/1.1\r\nHost: relay\r\n\r\n`);
    await new Promise((resolve) => socket.once('data', resolve));
    socket.pause(); // reads nothing more: the kernel's buffers fill, then the relay's queue
    const open = async () => /relay_agent_streams_open (\d+)/.exec(await (await fetch(`${base}/metrics`)).text())[1];
    assert.equal(await open(), '1');
    let posted = 0;
    while ((await open()) === '1') {
      assert.ok(posted < 200, 'the stream was still open after 200 events of 200 KB (40 MB) unread');
      const reply = await post(
        `${ingress}/voicenter/cdr`,
        'application/json',
        JSON.stringify({ ...cdrSeed.json, ivruniqueid: `big-${posted++}`, pad: 'x'.repeat(200_000) }),
      );
      assert.equal(reply.status, 200, 'ingress keeps acknowledging while a client is slow');
    }
    assert.equal(await open(), '0');
  });
});

describe('agent stream: shutdown', () => {
  test('close() ends open streams and does not wait for a stream its client abandoned', async () => {
    const { base, stop } = await startRelay();
    const abandoned = await openStream(streamUrl(base), bearer());
    await abandoned.next();
    abandoned.close(); // fetch's abort: the socket can stay open for seconds
    const open = await openStream(streamUrl(base), bearer());
    await open.next();
    await new Promise((r) => setTimeout(r, 100));
    const started = Date.now();
    await stop();
    assert.ok(Date.now() - started < 1_000, `close() took ${Date.now() - started} ms`);
    assert.deepEqual(await open.next(), { end: true });
  });
});

describe('agent stream: tokens and origins', () => {
  test('no token or a forged one answers 401; an expired one 401; another agent’s 403; a malformed resume id 400', async (t) => {
    const { base } = await startRelay({ t });
    const status = async (url, headers = {}) => (await fetch(url, { headers })).status;
    assert.equal(await status(streamUrl(base)), 401);
    assert.equal(
      await status(streamUrl(base), {
        authorization: `Bearer ${relayLib.mintToken('another-secret-of-at-least-32-characters', AGENT, Date.now() + 60_000)}`,
      }),
      401,
    );
    const good = token(AGENT);
    const [v, agent, exp, sig] = good.split('.');
    assert.equal(
      await status(streamUrl(base, AGENT, `?token=${[v, agent, String(Number(exp) + 3600), sig].join('.')}`)),
      401,
      'a longer expiry breaks the signature',
    );
    assert.equal(
      await status(
        streamUrl(base, AGENT, `?token=${[v, Buffer.from('SIPSIPSI').toString('base64url'), exp, sig].join('.')}`),
      ),
      401,
      'another agent id breaks the signature',
    );
    assert.equal(await status(streamUrl(base, AGENT, '?token=garbage')), 401);
    assert.equal(await status(streamUrl(base), bearer(AGENT, -1_000)), 401);
    assert.equal(await status(streamUrl(base), bearer('SIPSIPSI')), 403);
    assert.equal(await status(streamUrl(base), { ...bearer(), 'last-event-id': 'bad id <x>' }), 400);
  });

  test('the token format is the documented one: v1.<base64url agent>.<expiry s>.<base64url HMAC-SHA256 of the rest>', async () => {
    const { createHmac } = await import('node:crypto');
    const expiry = Math.floor(Date.now() / 1000) + 600;
    const payload = `v1.${Buffer.from(AGENT).toString('base64url')}.${expiry}`;
    const minted = `${payload}.${createHmac('sha256', SECRET).update(payload).digest('base64url')}`;
    assert.equal(relayLib.mintToken(SECRET, AGENT, expiry * 1000), minted);
    assert.deepEqual(relayLib.verifyToken(SECRET, minted, AGENT, Date.now()), {
      ok: true,
      agentId: AGENT,
      expiresAt: expiry * 1000,
    });
  });

  test('a browser origin not in RELAY_ALLOWED_ORIGINS gets 403; an allowed one gets exactly its origin back, never *', async (t) => {
    const { base } = await startRelay({ t, env: { RELAY_ALLOWED_ORIGINS: `${ORIGIN}, https://other.example` } });
    const refused = await fetch(streamUrl(base), { headers: { ...bearer(), origin: 'https://evil.example' } });
    assert.equal(refused.status, 403);
    assert.equal(refused.headers.get('access-control-allow-origin'), null);
    const stream = await openStream(streamUrl(base), { ...bearer(), origin: ORIGIN });
    t.after(stream.close);
    assert.equal(stream.response.status, 200);
    assert.equal(stream.response.headers.get('access-control-allow-origin'), ORIGIN);
    assert.match(stream.response.headers.get('vary'), /Origin/);
    const preflight = await fetch(streamUrl(base), {
      method: 'OPTIONS',
      headers: { origin: ORIGIN, 'access-control-request-headers': 'authorization' },
    });
    assert.equal(preflight.status, 204);
    assert.equal(preflight.headers.get('access-control-allow-origin'), ORIGIN);
    assert.match(preflight.headers.get('access-control-allow-headers'), /Authorization/);
    assert.equal(
      (await fetch(streamUrl(base), { method: 'OPTIONS', headers: { origin: 'https://evil.example' } })).status,
      403,
    );
    // An error answer to an allowed origin still names it, so the browser can read the status.
    const unauthorised = await fetch(streamUrl(base), { headers: { origin: ORIGIN } });
    assert.equal(unauthorised.status, 401);
    assert.equal(unauthorised.headers.get('access-control-allow-origin'), ORIGIN);
  });

  test('RELAY_ALLOWED_ORIGINS refuses "*" and anything that is not an exact origin, naming it', () => {
    assert.throws(() => relayLib.loadConfig({ RELAY_ALLOWED_ORIGINS: '*' }), /"\*" is not accepted/);
    assert.throws(
      () => relayLib.loadConfig({ RELAY_ALLOWED_ORIGINS: 'https://crm.example.com/' }),
      /"https:\/\/crm.example.com\/" is not an exact origin/,
    );
  });
});
