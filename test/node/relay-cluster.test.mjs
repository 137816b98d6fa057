// Issue 13, "Done when" (reliability): two relay processes (dist/relay/main.js) on one private
// Redis, vendor events posted across both, agent streams on either.
//  - one instance SIGKILLed mid-run: its vendor posts go to the other (as a load balancer would),
//    its clients reconnect to the other with Last-Event-ID: every acknowledged event reaches its
//    agent, in per-agent order, none twice after the client's dedupe by id;
//  - Redis stopped mid-run: ingress answers 503 (never 200) while it is down, /readyz too, and works
//    again without a relay restart; nothing acknowledged is lost.
// Quick in `npm test` (RELAY_CLUSTER_EVENTS, default 300); `npm run test:soak` runs it with 2,000.
// The embedded store's SIGKILL-and-restart is relay-process.test.mjs; bad input is relay-ingress
// and relay-agent-stream (in-process), plus the Redis-backed check at the end of this file.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { keyOf, vendorEvent } from '../../bench/relay/lib/payloads.mjs';
import { BENCH_SECRET, startRelayProcess } from '../../bench/relay/lib/relay-process.mjs';
import { openSse } from '../../bench/relay/lib/sse-reader.mjs';
import { startRedisServer } from '../../scripts/lib/redis-server.mjs';
import { relayLib } from './relay-harness.mjs';

const EVENTS = Number(process.env.RELAY_CLUSTER_EVENTS ?? 300);
const AGENTS = 10;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** A private Redis and two relays on it; all stopped and deleted after the test. */
async function cluster(t) {
  const redis = await startRedisServer();
  const dirs = [];
  const relays = [];
  t.after(async () => {
    await Promise.all(relays.map((r) => r.kill()));
    await redis.dispose();
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });
  for (let i = 0; i < 2; i++) {
    const dir = mkdtempSync(join(tmpdir(), 'relay-cluster-'));
    dirs.push(dir);
    relays.push(await startRelayProcess({ REDIS_URL: redis.url, RELAY_DATA_DIR: dir }));
  }
  return { redis, relays };
}

/**
 * An agent's browser as the connectors behave: one stream, resumed after any disconnect with
 * Last-Event-ID on whichever instance answers (starting at `home`), each event id handled once.
 */
function agentClient(agentId, relays, home) {
  const token = relayLib.mintToken(BENCH_SECRET, agentId, Date.now() + 600_000);
  const seenIds = new Set();
  const handled = []; // keys of the vendor events, in the order handled (after dedupe by id)
  let lastId = '0'; // from the start of the (fresh) store, so no event races the first subscribe
  let stopped = false;
  let current;
  let reconnects = 0;
  let raw = 0;
  const run = async () => {
    let at = home;
    while (!stopped) {
      try {
        current = await openSse(`${relays[at].base}/v1/agents/${agentId}/events`, {
          token,
          lastEventId: lastId,
          onEvent(e) {
            raw++;
            if (seenIds.has(e.id)) return;
            seenIds.add(e.id);
            lastId = e.id;
            handled.push(keyOf(e.data.body));
          },
        });
        await current.ended;
      } catch {
        // refused or unreachable: try the other instance
      }
      if (stopped) return;
      reconnects++;
      at = (at + 1) % relays.length;
      await sleep(50);
    }
  };
  const done = run();
  return {
    handled,
    stats: () => ({ reconnects, raw }),
    async stop() {
      stopped = true;
      current?.close();
      await done;
    },
  };
}

/**
 * A vendor posting one agent's events one after another (so their order is known), to instance
 * `n % 2` first; a failed or refused post is sent again to the other instance, then again after a
 * pause (Voicenter and Sociomile retry on failure), until acknowledged. Returns the acknowledged
 * keys in order and every status seen.
 */
async function vendorFor(agentId, indexes, relays, { onAck, statuses, deadline }) {
  const acked = [];
  for (const n of indexes) {
    const event = vendorEvent(`c${process.pid}`, n, agentId);
    for (let attempt = 0; ; attempt++) {
      assert.ok(Date.now() < deadline, `event ${event.key} not acknowledged in time`);
      const relay = relays[(n + attempt) % relays.length];
      let status;
      const sentAt = Date.now();
      try {
        const response = await fetch(`${relay.ingress}${event.path}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: event.body,
          signal: AbortSignal.timeout(5_000),
        });
        status = response.status;
        await response.arrayBuffer();
      } catch {
        status = 'network';
      }
      statuses.push({ status, sentAt, at: Date.now(), key: event.key });
      if (status === 200) {
        acked.push(event.key);
        onAck();
        break;
      }
      if (attempt % 2 === 1) await sleep(100);
    }
  }
  return acked;
}

/** `/readyz`'s status once it answers 200, or its last status when `ms` pass first. */
async function readyWithin(relay, ms) {
  const until = Date.now() + ms;
  for (;;) {
    const status = (await fetch(`${relay.base}/readyz`)).status;
    if (status === 200 || Date.now() > until) return status;
    await sleep(100);
  }
}

/** Waits until every client handled every acknowledged key of its agent (or the deadline). */
async function settle(clients, ackedBy, ms) {
  const until = Date.now() + ms;
  const complete = () => clients.every((c, a) => ackedBy[a].every((key) => c.handled.includes(key)));
  while (!complete() && Date.now() < until) await sleep(50);
}

/** The binding checks: every acknowledged event reached its agent, in order, once. */
function assertDelivered(clients, ackedBy) {
  for (let a = 0; a < clients.length; a++) {
    const { handled } = clients[a];
    const acked = ackedBy[a];
    const missing = acked.filter((key) => !handled.includes(key));
    assert.deepEqual(missing, [], `agent ${a}: ${missing.length} of ${acked.length} acknowledged events never arrived`);
    assert.equal(
      new Set(handled).size,
      handled.length,
      `agent ${a}: a vendor event arrived under two ids (stored twice)`,
    );
    // Per-agent order: the acknowledged keys appear in the order they were acknowledged.
    const order = handled.filter((key) => acked.includes(key));
    assert.deepEqual(order, acked, `agent ${a}: events out of order`);
  }
}

const agentIds = Array.from({ length: AGENTS }, (_, a) => `cluster${a}`);
const indexesOf = (a) => Array.from({ length: EVENTS }, (_, n) => n).filter((n) => n % AGENTS === a);

describe(
  `relay cluster: two instances on one Redis, ${EVENTS} vendor events`,
  { timeout: 60_000 + EVENTS * 60 },
  () => {
    test('one instance SIGKILLed mid-run: clients resume on the other with Last-Event-ID; every acknowledged event reaches its agent, in order, once', async (t) => {
      const { relays } = await cluster(t);
      const clients = agentIds.map((id, a) => agentClient(id, relays, a % 2));
      t.after(() => Promise.all(clients.map((c) => c.stop())));
      await sleep(200);
      let ackedCount = 0;
      let killed;
      const statuses = [];
      const deadline = Date.now() + 30_000 + EVENTS * 50;
      const posting = agentIds.map((id, a) =>
        vendorFor(id, indexesOf(a), relays, {
          statuses,
          deadline,
          onAck() {
            // Mid-run, with posts and streams in flight on both instances.
            if (++ackedCount === Math.floor(EVENTS * 0.4)) killed = relays[0].kill();
          },
        }),
      );
      const ackedBy = await Promise.all(posting);
      await killed;
      assert.equal((await relays[0].exited).signal, 'SIGKILL');
      assert.equal(ackedBy.flat().length, EVENTS, 'every event acknowledged in the end (by the surviving instance)');
      await settle(clients, ackedBy, 10_000);
      assertDelivered(clients, ackedBy);
      // The kill really cut streams: the clients that were on the first instance reconnected.
      const moved = clients.filter((c, a) => a % 2 === 0 && c.stats().reconnects > 0).length;
      assert.equal(moved, AGENTS / 2, 'every client of the killed instance reconnected to the other');
    });

    test('Redis stopped mid-run: ingress answers 503 (never 200) while it is down and recovers without a relay restart; nothing acknowledged is lost', async (t) => {
      const { redis, relays } = await cluster(t);
      const clients = agentIds.map((id, a) => agentClient(id, relays, a % 2));
      t.after(() => Promise.all(clients.map((c) => c.stop())));
      await sleep(200);
      let ackedCount = 0;
      const statuses = [];
      const outage = { from: Infinity, to: Infinity };
      const readyWhileDown = [];
      let outageDone;
      const deadline = Date.now() + 30_000 + EVENTS * 50;
      const posting = agentIds.map((id, a) =>
        vendorFor(id, indexesOf(a), relays, {
          statuses,
          deadline,
          onAck() {
            if (++ackedCount !== Math.floor(EVENTS * 0.3)) return;
            outageDone = (async () => {
              await redis.stop();
              outage.from = Date.now();
              await sleep(1_500);
              for (const relay of relays) readyWhileDown.push((await fetch(`${relay.base}/readyz`)).status);
              outage.to = Date.now();
              await redis.start(); // same port and folder: the append-only file is read back
            })();
          },
        }),
      );
      const ackedBy = await Promise.all(posting);
      await outageDone;
      const during = statuses.filter((s) => s.sentAt > outage.from && s.at < outage.to);
      assert.ok(during.length > 0, 'vendors posted while Redis was down');
      assert.deepEqual(
        [...new Set(during.map((s) => s.status))],
        [503],
        'while Redis is down ingress answers 503, never 200',
      );
      assert.deepEqual(readyWhileDown, [503, 503], '/readyz says not ready on both instances');
      assert.ok(
        statuses.some((s) => s.at > outage.to && s.status === 200),
        'acknowledged again after Redis came back, same processes',
      );
      assert.equal(ackedBy.flat().length, EVENTS);
      // Each instance's Redis client reconnects with its own backoff: ready again within seconds, same process.
      for (const relay of relays) assert.equal(relay.pid !== undefined && (await readyWithin(relay, 10_000)), 200);
      await settle(clients, ackedBy, 15_000);
      assertDelivered(clients, ackedBy);
    });
  },
);

/** The number of keys in the test Redis (redis-cli of the same installation). */
function dbsize(redis) {
  return Number(execFileSync('redis-cli', ['-p', String(redis.port), 'DBSIZE'], { encoding: 'utf8' }).trim());
}

/** Status of a POST that declares `headers` and writes only `write`'s part of the body. */
function rawStatus(url, headers, write) {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method: 'POST', headers }, (res) => {
      res.resume();
      resolve(res.statusCode);
    });
    req.on('error', reject);
    write(req);
  });
}

describe('relay cluster: bad input on an instance backed by Redis', { timeout: 60_000 }, () => {
  test('malformed JSON and XML, external entities, entity expansion, a 10 MB body, a wrong ingress token, forged and expired agent tokens, a disallowed origin: each a 4xx, nothing written to Redis, the relay still serving', async (t) => {
    const { redis, relays } = await cluster(t);
    const [relay] = relays;
    const cdr = JSON.parse(
      readFileSync(new URL('../fixtures/vendor/voicenter/cdr-seed.json', import.meta.url), 'utf8'),
    );
    const keysBefore = dbsize(redis);
    const lols = [
      '<!ENTITY lol0 "lol">',
      ...Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i};`.repeat(10)}">`),
    ].join('');
    const post = async (path, type, body, base = relay.ingress) =>
      (await fetch(`${base}${path}`, { method: 'POST', headers: { 'content-type': type }, body })).status;
    const bad = {
      'malformed JSON (Sociomile)': await post('/sociomile/webhook', 'application/json', '{"data": {"phone": '),
      'malformed JSON (CDR)': await post('/voicenter/cdr', 'application/json', '{"caller": '),
      'malformed XML (CDR)': await post(
        '/voicenter/cdr',
        'text/xml',
        cdr.xmlRpc.slice(0, cdr.xmlRpc.indexOf('</struct>')),
      ),
      'external entity': await post(
        '/voicenter/cdr',
        'text/xml',
        cdr.xmlRpc
          .replace(
            '<?xml version="1.0"?>',
            '<?xml version="1.0"?><!DOCTYPE methodCall [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>',
          )
          .replace('<string>IuYtReWq</string>', '<string>&xxe;</string>'),
      ),
      'entity expansion': await post(
        '/voicenter/cdr',
        'text/xml',
        cdr.xmlRpc
          .replace('<?xml version="1.0"?>', `<?xml version="1.0"?><!DOCTYPE methodCall [${lols}]>`)
          .replace('<string>sdfsdfsdfsfsf</string>', '<string>&lol9;</string>'),
      ),
      '10 MB body': await rawStatus(
        `${relay.ingress}/voicenter/cdr`,
        { 'content-type': 'application/json', 'content-length': String(10 * 1024 * 1024) },
        (req) => req.write('x'.repeat(64 * 1024)),
      ),
      'wrong ingress token': await post(
        '/voicenter/cdr',
        'application/json',
        JSON.stringify(cdr.json),
        `${relay.base}/v1/in/not-the-ingress-token-0000`,
      ),
    };
    const stream = async (token, headers = {}) => {
      const response = await fetch(`${relay.base}/v1/agents/IuYtReWq/events`, {
        headers: { authorization: `Bearer ${token}`, ...headers },
      });
      await response.body?.cancel();
      return response.status;
    };
    bad['forged agent token'] = await stream(
      relayLib.mintToken('another-secret-of-at-least-32-characters!!', 'IuYtReWq', Date.now() + 60_000),
    );
    bad['expired agent token'] = await stream(relayLib.mintToken(BENCH_SECRET, 'IuYtReWq', Date.now() - 1_000));
    bad['disallowed origin'] = await stream(relayLib.mintToken(BENCH_SECRET, 'IuYtReWq', Date.now() + 60_000), {
      origin: 'https://evil.example',
    });
    assert.deepEqual(bad, {
      'malformed JSON (Sociomile)': 400,
      'malformed JSON (CDR)': 400,
      'malformed XML (CDR)': 400,
      'external entity': 400,
      'entity expansion': 400,
      '10 MB body': 413,
      'wrong ingress token': 404,
      'forged agent token': 401,
      'expired agent token': 401,
      'disallowed origin': 403,
    });
    assert.equal(dbsize(redis), keysBefore, 'nothing written to Redis');
    // Still serving: the seed's CDR is acknowledged and stored.
    assert.equal(await post('/voicenter/cdr', 'application/json', JSON.stringify(cdr.json)), 200);
    assert.ok(dbsize(redis) > keysBefore);
  });
});
