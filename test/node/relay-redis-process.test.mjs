// The relay as an operator runs it on Redis: `node dist/relay/main.js` processes with REDIS_URL,
// sharing one private redis-server (scripts/lib/redis-server.mjs, appendfsync always). The issue's
// reliability check of a Redis crash: Redis killed with SIGKILL mid-run and restarted (what
// appendfsync always keeps). Two instances with one killed, and a Redis stopped gracefully, are in
// relay-cluster.test.mjs, with mixed vendors. Vendor traffic is Sociomile's published
// webhook (test/fixtures/vendor/sociomile/webhook-seed.json, seed 000) with a distinct
// internal_id/uniqueid per call and the agent in extra_params, as the Sociomile connector dials.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { startRelayProcess as startProcess } from '../../bench/relay/lib/relay-process.mjs';
import { startRedisServer } from '../../scripts/lib/redis-server.mjs';
import { fixtures, INGRESS, openStream, SECRET, token } from './relay-harness.mjs';

const tick = (ms) => new Promise((r) => setTimeout(r, ms));

const redis = await startRedisServer();
after(() => redis.dispose());
const dataDir = mkdtempSync(join(tmpdir(), 'relay-redis-proc-'));
after(() => rmSync(dataDir, { recursive: true, force: true }));

/** `node dist/relay/main.js` on the test Redis (bench/relay/lib/relay-process.mjs), stopped after the test. */
async function startRelayProcess(t) {
  const proc = await startProcess({
    RELAY_DATA_DIR: dataDir,
    RELAY_SECRET: SECRET,
    RELAY_INGRESS_TOKEN: INGRESS,
    REDIS_URL: redis.url,
  });
  t.after(() => proc.kill());
  return proc;
}

/** Sociomile's published webhook for call `n`, routed to `agent`. */
function webhook(n, agent, run) {
  const data = fixtures.sociomile.webhook.data;
  return {
    data: {
      ...data,
      internal_id: `${run}-${data.internal_id}-${n}`,
      uniqueid: `${data.uniqueid}${n}`,
      extra_params: { ...data.extra_params, agent },
    },
  };
}

/** POSTs the webhook; the HTTP status, or 0 when the instance could not be reached. */
async function postWebhook(base, body) {
  try {
    const r = await fetch(`${base}/v1/in/${INGRESS}/sociomile/webhook`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(5_000),
    });
    await r.arrayBuffer();
    return r.status;
  } catch {
    return 0;
  }
}

/**
 * An agent's browser: reads its stream, remembers every event by id (the client's dedupe) in the
 * order they came, and resumes with Last-Event-ID on whichever instance `baseOf()` names.
 */
function agentClient(agent, baseOf) {
  const seen = new Map(); // id → internal_id
  const order = [];
  let lastId;
  let stopped = false;
  let stream;
  const loop = (async () => {
    while (!stopped) {
      try {
        stream = await openStream(`${baseOf()}/v1/agents/${agent}/events`, {
          authorization: `Bearer ${token(agent)}`,
          ...(lastId ? { 'last-event-id': lastId } : {}),
        });
        if (!stream.response.ok) throw new Error(`stream answered ${stream.response.status}`);
        for (;;) {
          const e = await stream.nextEvent(30_000);
          if (e.end) break;
          if (!seen.has(e.id)) {
            seen.set(e.id, e.data.body.data.internal_id);
            order.push(e.id);
          }
          lastId = e.id;
        }
      } catch {
        // the instance went away or the read timed out: resume like EventSource does
      }
      if (!stopped) await tick(100);
    }
  })();
  return {
    seen,
    order,
    async stop() {
      stopped = true;
      stream?.close();
      await loop;
    },
  };
}

describe('relay on Redis: Redis stopped mid-run', { timeout: 120_000 }, () => {
  test('ingress answers 503 while Redis is down (never 200), works again once it is back without a restart, and nothing acknowledged is lost', async (t) => {
    const relay = await startRelayProcess(t);
    const agent = 'KGpK4iWq';
    const client = agentClient(agent, () => relay.base);
    t.after(() => client.stop());
    await tick(300);
    const acknowledged = new Set();
    let n = 0;
    const send = async () => {
      const body = webhook(n++, agent, 'outage');
      const status = await postWebhook(relay.base, body);
      if (status === 200) acknowledged.add(body.data.internal_id);
      return status;
    };
    for (let i = 0; i < 30; i += 1) assert.equal(await send(), 200);

    await redis.kill(); // a crash of Redis: only what appendfsync always put on disk comes back
    const whileDown = [];
    for (let i = 0; i < 10; i += 1) whileDown.push(await send());
    assert.deepEqual(whileDown, Array(10).fill(503), 'every post while Redis is down answers 503');
    assert.equal((await fetch(`${relay.base}/readyz`)).status, 503);
    assert.equal((await fetch(`${relay.base}/healthz`)).status, 200, 'the process itself is alive');

    await redis.start();
    const until = Date.now() + 15_000;
    while ((await send()) !== 200) {
      assert.ok(Date.now() < until, 'ingress works again within 15 s of Redis coming back');
      await tick(100);
    }
    for (let i = 0; i < 20; i += 1) assert.equal(await send(), 200);
    assert.equal((await fetch(`${relay.base}/readyz`)).status, 200);
    assert.equal(relay.child.exitCode, null, 'the same process, not restarted');

    const deadline = Date.now() + 20_000;
    while ([...acknowledged].some((id) => ![...client.seen.values()].includes(id))) {
      assert.ok(Date.now() < deadline, `the agent got ${client.seen.size} of ${acknowledged.size} acknowledged events`);
      await tick(100);
    }
    assert.deepEqual(
      new Set(client.seen.values()),
      acknowledged,
      'every acknowledged event, and none that was refused',
    );
    assert.doesNotMatch(relay.stderr(), /12312312/, 'no phone number in the logs');
  });
});
