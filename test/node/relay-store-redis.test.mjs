// The relay's Redis Streams store (relay/store/redis-store.ts), built (`npm run build`), against a real Redis: a private
// redis-server per file (scripts/lib/redis-server.mjs: free port on 127.0.0.1, AOF with
// appendfsync always), stopped after. The shared conformance suite, then what only a shared Redis
// can show: several instances, dedupe across them, Redis going away and coming back, bounded
// connections with hundreds of subscribed agents.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, describe, test } from 'node:test';
import { createClient } from '@redis/client';
import { startRedisServer } from '../../scripts/lib/redis-server.mjs';
import { storeConformance } from './relay-store.suite.mjs';

/** The built relay (dist/relay/index.js, bundled by `npm run build`), as the relay's other tests use it. */
const { createRedisStore, createStore, silentLog } = await import('../../dist/relay/index.js').catch((error) => {
  throw new Error(`dist/relay/index.js could not be imported (run \`npm run build\` first): ${error.message}`);
});

const popup = JSON.parse(
  readFileSync(new URL('../fixtures/vendor/voicenter/popup-seed.json', import.meta.url), 'utf8'),
);
const sociomile = JSON.parse(
  readFileSync(new URL('../fixtures/vendor/sociomile/webhook-seed.json', import.meta.url), 'utf8'),
);
const tick = (ms) => new Promise((r) => setTimeout(r, ms));

const redis = await startRedisServer();
after(() => redis.dispose());

let prefixes = 0;
/** A store on its own key prefix (tests share the server, not their keys). Logs are kept, not printed. */
async function openStore(prefix = `t${++prefixes}:`, extra = {}) {
  const logs = [];
  const store = await createRedisStore({
    url: redis.url,
    keyPrefix: prefix,
    blockMs: 1_000,
    commandTimeoutMs: 2_000,
    log: (m) => logs.push(m),
    ...extra,
  });
  return { store, logs, prefix };
}

/** Raw client for looking at Redis itself (CLIENT LIST, XLEN). */
const observer = createClient({ url: redis.url, RESP: 2 });
observer.on('error', () => {});
await observer.connect();
after(() => observer.destroy());

/** Resolves when `condition()` holds, polling; rejects after `ms`. */
async function until(condition, ms, what) {
  const deadline = Date.now() + ms;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await tick(20);
  }
}

storeConformance('Redis Streams', async () => {
  const prefix = `t${++prefixes}:`;
  let { store } = await openStore(prefix);
  return {
    store,
    // A relay restart: a new store object on the same Redis and prefix.
    reopen: async () => {
      await store.close();
      ({ store } = await openStore(prefix));
      return store;
    },
    dispose: () => store.close(),
  };
});

test('createStore(config) runs on Redis when REDIS_URL is set (what `npm run relay` does)', async (t) => {
  const warnings = [];
  const store = await createStore(
    { redisUrl: redis.url, dataDir: '/nonexistent/not-used-with-redis' },
    { ...silentLog, warn: (m) => warnings.push(m) },
  );
  t.after(() => store.close());
  const { event } = await store.append({
    type: 'sociomile.call',
    agentId: 'agent-cs',
    receivedAt: Date.now(),
    dedupeKey: `sm:create-store:${Date.now()}`,
    body: sociomile.webhook,
  });
  assert.match(event.id, /^\d+-\d+$/, 'a Redis stream id');
  assert.equal(await observer.sendCommand(['XLEN', 'sb:relay:agent:agent-cs']), 1, 'under the default key prefix');
  await assert.rejects(
    createStore({ redisUrl: 'redis://127.0.0.1:1', dataDir: '/nonexistent' }, silentLog),
    /redis store: cannot reach redis:\/\/127\.0\.0\.1:1/,
  );
});

describe('Redis store: ids and retention', { timeout: 30_000 }, () => {
  const ms = (id) => Number(id.split('-')[0]);
  const seq = (id) => Number(id.split('-')[1]);

  test('an id carries receivedAt; an instance whose clock lags still gets a larger id than the stream’s last', async (t) => {
    const prefix = `clock${++prefixes}:`;
    const a = await openStore(prefix);
    const b = await openStore(prefix);
    t.after(() => Promise.all([a.store.close(), b.store.close()]));
    const now = Date.now();
    const first = (
      await a.store.append({
        type: 'voicenter.popup',
        agentId: 'KGpK4iWq',
        receivedAt: now,
        dedupeKey: 'vc:1',
        body: popup.ringing,
      })
    ).event;
    const sameMs = (
      await a.store.append({
        type: 'voicenter.popup',
        agentId: 'KGpK4iWq',
        receivedAt: now,
        dedupeKey: 'vc:2',
        body: popup.answer,
      })
    ).event;
    const lagging = (
      await b.store.append({
        type: 'voicenter.popup',
        agentId: 'KGpK4iWq',
        receivedAt: now - 5_000,
        dedupeKey: 'vc:3',
        body: popup.hangup,
      })
    ).event;
    assert.equal(first.id, `${now}-0`);
    assert.equal(sameMs.id, `${now}-1`);
    assert.equal(ms(lagging.id), now);
    assert.equal(seq(lagging.id), 2);
    assert.equal(lagging.receivedAt, now - 5_000, 'the event keeps the receivedAt it was given');
    assert.deepEqual(
      (await a.store.readAfter('KGpK4iWq', undefined, 10)).map((e) => e.id),
      [first.id, sameMs.id, lagging.id],
    );
  });

  test('after retention emptied a stream, the next append still gets a larger id (Redis remembers the last one)', async (t) => {
    const { store } = await openStore();
    t.after(() => store.close());
    const now = Date.now();
    const last = (
      await store.append({
        type: 'sociomile.call',
        agentId: 'agent-9',
        receivedAt: now,
        dedupeKey: 'sm:a',
        body: sociomile.webhook,
      })
    ).event;
    await store.prune(now + 1);
    assert.deepEqual(await store.readAfter('agent-9', undefined, 10), []);
    const next = (
      await store.append({
        type: 'sociomile.call',
        agentId: 'agent-9',
        receivedAt: now - 1_000,
        dedupeKey: 'sm:b',
        body: sociomile.webhook,
      })
    ).event;
    assert.ok(
      ms(next.id) > ms(last.id) || (ms(next.id) === ms(last.id) && seq(next.id) > seq(last.id)),
      `${next.id} after ${last.id}`,
    );
    assert.equal(
      (
        await store.append({
          type: 'sociomile.call',
          agentId: 'agent-9',
          receivedAt: now,
          dedupeKey: 'sm:a',
          body: sociomile.webhook,
        })
      ).duplicate,
      false,
      'a dedupe record goes with its event',
    );
  });
}); // no settle time: a subscription's start is ordered before later appends of the same store

describe('Redis store: several instances on one Redis', { timeout: 30_000 }, () => {
  test('an append on one instance reaches a subscriber on the other, in order', async (t) => {
    const prefix = `multi${++prefixes}:`;
    const a = await openStore(prefix);
    const b = await openStore(prefix);
    t.after(() => Promise.all([a.store.close(), b.store.close()]));
    const got = [];
    const stop = b.store.subscribe('KGpK4iWq', (e) => got.push(e));
    t.after(stop);
    await tick(50);
    const appended = [];
    for (const phase of ['ringing', 'answer', 'hangup']) {
      appended.push(
        (
          await a.store.append({
            type: 'voicenter.popup',
            agentId: 'KGpK4iWq',
            receivedAt: Date.now(),
            dedupeKey: `vc:${popup[phase].ivrid}:${phase}`,
            body: popup[phase],
          })
        ).event,
      );
    }
    await until(() => got.length === 3, 5_000, 'three events on instance b');
    assert.deepEqual(got, appended);
    assert.deepEqual(await b.store.readAfter('KGpK4iWq', undefined, 10), appended);
  });

  test('the same vendor event appended concurrently from both instances is stored once', async (t) => {
    const prefix = `dedupe${++prefixes}:`;
    const a = await openStore(prefix);
    const b = await openStore(prefix);
    t.after(() => Promise.all([a.store.close(), b.store.close()]));
    const keys = Array.from({ length: 50 }, (_, i) => `sm:${sociomile.webhook.data.internal_id}:${i}`);
    const results = await Promise.all(
      keys.flatMap((dedupeKey) =>
        [a.store, b.store, a.store, b.store].map((s) =>
          s
            .append({
              type: 'sociomile.call',
              agentId: 'agent-1',
              receivedAt: Date.now(),
              dedupeKey,
              body: sociomile.webhook,
            })
            .then((r) => ({ dedupeKey, ...r })),
        ),
      ),
    );
    for (const key of keys) {
      const mine = results.filter((r) => r.dedupeKey === key);
      assert.equal(mine.filter((r) => !r.duplicate).length, 1, `exactly one store of ${key}`);
      assert.equal(new Set(mine.map((r) => r.event.id)).size, 1, `every caller of ${key} got the same stored event`);
    }
    assert.equal(await observer.sendCommand(['XLEN', `${prefix}agent:agent-1`]), 50);
    assert.equal((await a.store.readAfter('agent-1', undefined, 1000)).length, 50);
  });
});

describe('Redis store: connections stay bounded', { timeout: 30_000 }, () => {
  test('500 subscribed agents on each of two instances: still two connections per instance, one of them blocked in XREAD, and events reach them', async (t) => {
    const prefix = `many${++prefixes}:`;
    const clientName = `bounded-${process.pid}`; // picks this test's connections out of CLIENT LIST
    const a = await openStore(prefix, { clientName });
    const b = await openStore(prefix, { clientName });
    t.after(() => Promise.all([a.store.close(), b.store.close()]));
    const ours = async () =>
      String(await observer.sendCommand(['CLIENT', 'LIST', 'TYPE', 'normal']))
        .split('\n')
        .filter((l) => l.includes(` name=${clientName} `));
    assert.equal((await ours()).length, 4, 'two connections per instance before anyone subscribes');
    const received = new Set();
    const stops = [];
    for (let i = 0; i < 500; i += 1) {
      stops.push(a.store.subscribe(`ext-${i}`, (e) => received.add(`a:${e.agentId}`)));
      stops.push(b.store.subscribe(`ext-${i}`, (e) => received.add(`b:${e.agentId}`)));
    }
    t.after(() => stops.forEach((s) => s()));
    await tick(300);
    for (const i of [0, 250, 499]) {
      await a.store.append({
        type: 'voicenter.popup',
        agentId: `ext-${i}`,
        receivedAt: Date.now(),
        dedupeKey: `vc:${clientName}:${i}`,
        body: popup.ringing,
      });
    }
    await until(() => received.size === 6, 5_000, 'events for agents 0, 250 and 499 on both instances');
    const after500 = await ours();
    assert.equal(after500.length, 4, 'subscribing 1,000 agent streams opened no connection');
    await until(
      async () => (await ours()).filter((l) => / cmd=xread /.test(l)).length === 2,
      3_000,
      'one blocked XREAD per instance',
    );
  });
});

describe('Redis store: Redis stopped mid-run', { timeout: 30_000 }, () => {
  test('appends reject while Redis is down, work again once it is back (same store objects), and nothing acknowledged is lost', async (t) => {
    const prefix = `outage${++prefixes}:`;
    const writer = await openStore(prefix);
    const reader = await openStore(prefix);
    t.after(() => Promise.all([writer.store.close(), reader.store.close()]));
    const pushed = new Set();
    const stop = reader.store.subscribe('KGpK4iWq', (e) => pushed.add(e.id));
    t.after(stop);
    await tick(50);

    const acknowledged = [];
    const rejected = [];
    let n = 0;
    const appendOne = async () => {
      const dedupeKey = `vc:outage:${n++}`;
      try {
        const r = await writer.store.append({
          type: 'voicenter.popup',
          agentId: 'KGpK4iWq',
          receivedAt: Date.now(),
          dedupeKey,
          body: popup.ringing,
        });
        acknowledged.push(r.event.id);
      } catch (err) {
        rejected.push(err);
      }
    };
    for (let i = 0; i < 20; i += 1) await appendOne();
    assert.equal(rejected.length, 0);

    await redis.kill(); // a crash: SIGKILL, no shutdown flush; only appendfsync always keeps what was acknowledged
    const t0 = Date.now();
    for (let i = 0; i < 5; i += 1) await appendOne();
    assert.equal(rejected.length, 5, 'every append while Redis is down rejects');
    assert.ok(Date.now() - t0 < 3_000, 'and rejects promptly (the relay answers 503, not a hung request)');
    await assert.rejects(writer.store.ping());

    await redis.start();
    await until(
      async () => {
        await appendOne();
        return acknowledged.length > 20;
      },
      10_000,
      'appends to work again after Redis restarted',
    );
    for (let i = 0; i < 10; i += 1) await appendOne();
    await writer.store.ping();

    const stored = (await reader.store.readAfter('KGpK4iWq', undefined, 10_000)).map((e) => e.id);
    assert.deepEqual(
      stored.filter((id) => acknowledged.includes(id)),
      acknowledged,
      'every acknowledged event is stored, in order',
    );
    assert.equal(stored.length, acknowledged.length, 'and nothing that was refused');
    // The subscriber on the other instance resumes too: the events appended after the restart reach it.
    const afterRestart = acknowledged.slice(-10);
    await until(
      () => afterRestart.every((id) => pushed.has(id)),
      10_000,
      'the other instance’s subscriber to get the events appended after the restart',
    );
    assert.ok(
      writer.logs.some((m) => /lost redis:\/\/127\.0\.0\.1/.test(m)),
      'the outage was logged',
    );
  });

  test('a Redis that hangs (SIGSTOP: connected, never answering) makes appends and ping reject within the command timeout, and it works again once Redis resumes', async (t) => {
    const { store } = await openStore(undefined, { commandTimeoutMs: 500 });
    t.after(() => store.close());
    await store.append({
      type: 'sociomile.call',
      agentId: 'agent-h',
      receivedAt: Date.now(),
      dedupeKey: 'sm:h1',
      body: sociomile.webhook,
    });
    const pid = redis.pid();
    process.kill(pid, 'SIGSTOP'); // our own redis-server child
    let resumed = false;
    const resume = () => {
      if (!resumed) process.kill(pid, 'SIGCONT');
      resumed = true;
    };
    t.after(resume);
    const t0 = Date.now();
    await assert.rejects(
      store.append({
        type: 'sociomile.call',
        agentId: 'agent-h',
        receivedAt: Date.now(),
        dedupeKey: 'sm:h2',
        body: sociomile.webhook,
      }),
      /Redis did not answer EVALSHA within 500 ms/,
    );
    await assert.rejects(store.ping(), /did not answer PING within 500 ms/);
    assert.ok(Date.now() - t0 < 3_000, `both rejected promptly (${Date.now() - t0} ms)`);
    resume();
    const again = await store.append({
      type: 'sociomile.call',
      agentId: 'agent-h',
      receivedAt: Date.now(),
      dedupeKey: 'sm:h3',
      body: sociomile.webhook,
    });
    assert.equal(again.duplicate, false);
    await store.ping();
  });

  test('the blocking connection dropped alone (CLIENT KILL): it reconnects and the subscriber misses nothing appended meanwhile', async (t) => {
    const clientName = `killed-${process.pid}`;
    const { store } = await openStore(undefined, { clientName, blockMs: 20_000 }); // long: only CLIENT UNBLOCK can re-issue the read in time
    t.after(() => store.close());
    const got = [];
    const stop = store.subscribe('KGpK4iWq', (e) => got.push(e.id));
    t.after(stop);
    const reading = async () =>
      String(await observer.sendCommand(['CLIENT', 'LIST', 'TYPE', 'normal']))
        .split('\n')
        .find((l) => l.includes(` name=${clientName} `) && / cmd=xread /.test(l));
    await until(async () => (await reading()) !== undefined, 5_000, 'the store’s blocked XREAD');
    const id = /(?:^|\s)id=(\d+)/.exec(await reading())[1];
    assert.equal(await observer.sendCommand(['CLIENT', 'KILL', 'ID', id]), 1);
    const appended = [];
    for (const phase of ['ringing', 'answer', 'hangup']) {
      appended.push(
        (
          await store.append({
            type: 'voicenter.popup',
            agentId: 'KGpK4iWq',
            receivedAt: Date.now(),
            dedupeKey: `vc:killed:${phase}`,
            body: popup[phase],
          })
        ).event.id,
      );
    }
    await until(() => got.length >= 3, 10_000, 'the three events after the reconnect');
    assert.deepEqual(got, appended);
    // And a new subscription still interrupts the (new) blocked read: the connection's new id was picked up.
    const later = [];
    const stopLater = store.subscribe('agent-late', (e) => later.push(e.id));
    t.after(stopLater);
    const { event } = await store.append({
      type: 'voicenter.popup',
      agentId: 'agent-late',
      receivedAt: Date.now(),
      dedupeKey: 'vc:killed:late',
      body: popup.ringing,
    });
    await until(() => later.length === 1, 3_000, 'the late subscriber’s event well within one block period');
    assert.deepEqual(later, [event.id]);
  });

  test('a store cannot be created when Redis is unreachable: a clear error, no password in it', async () => {
    const port = redis.port === 1 ? 2 : 1; // nothing listens on a privileged low port here
    await assert.rejects(createRedisStore({ url: `redis://user:s3cret@127.0.0.1:${port}`, log: () => {} }), (err) => {
      assert.match(err.message, /redis store: cannot reach redis:\/\/user:\*\*\*@127\.0\.0\.1:\d+/);
      assert.doesNotMatch(err.message, /s3cret/);
      return true;
    });
  });

  test('REDIS_URL may be a unix socket (unix:///path): same store, same data', async (t) => {
    const prefix = `unix${++prefixes}:`;
    const overTcp = await openStore(prefix);
    const overSocket = await openStore(prefix, { url: redis.socketUrl });
    t.after(() => Promise.all([overTcp.store.close(), overSocket.store.close()]));
    const { event } = await overSocket.store.append({
      type: 'sociomile.call',
      agentId: 'agent-u',
      receivedAt: Date.now(),
      dedupeKey: 'sm:unix',
      body: sociomile.webhook,
    });
    assert.deepEqual(await overTcp.store.readAfter('agent-u', undefined, 10), [event]);
    await assert.rejects(createRedisStore({ url: 'unix://', log: () => {} }), /needs the socket path/);
    await assert.rejects(
      createRedisStore({ url: 'http://127.0.0.1:6379', log: () => {} }),
      /scheme http: is not supported/,
    );
  });

  test('the append script is reloaded after Redis forgets it (SCRIPT FLUSH, as after a restart or failover)', async (t) => {
    const { store } = await openStore();
    t.after(() => store.close());
    await store.append({
      type: 'sociomile.call',
      agentId: 'a',
      receivedAt: Date.now(),
      dedupeKey: 'k1',
      body: sociomile.webhook,
    });
    await observer.sendCommand(['SCRIPT', 'FLUSH']);
    const r = await store.append({
      type: 'sociomile.call',
      agentId: 'a',
      receivedAt: Date.now(),
      dedupeKey: 'k2',
      body: sociomile.webhook,
    });
    assert.equal(r.duplicate, false);
    assert.equal(
      (await store.append({ type: 'sociomile.call', agentId: 'a', receivedAt: Date.now(), dedupeKey: 'k1', body: {} }))
        .duplicate,
      true,
    );
  });
});
