// The EventStore conformance suite (relay/store/event-store.ts): one set of checks every store
// passes, the embedded one (relay-embedded-store.test.mjs) and Redis Streams (relay-redis). Not a
// test file by itself: a store's test file calls storeConformance() with a factory.
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { INGRESS, relayLib, SECRET, token } from './relay-harness.mjs';

/**
 * Runs the conformance suite.
 * @param {string} name the store's name, in the test titles
 * @param {() => Promise<{ store: import('../../relay/store/event-store.ts').EventStore, reopen?: () => Promise<import('../../relay/store/event-store.ts').EventStore>, cleanup?: () => Promise<void>, dispose?: () => Promise<void> }>} factory
 *   a fresh, empty store per call; `cleanup` (or `dispose`) closes and removes it; `reopen`
 *   (optional) closes it and opens the same data again
 */
export function storeConformance(name, factory) {
  describe(`EventStore conformance: ${name}`, () => {
    const cleanups = [];
    after(async () => {
      for (const c of cleanups) await c();
    });
    const fresh = async () => {
      const made = await factory();
      cleanups.push(made.cleanup ?? made.dispose);
      return made;
    };
    let n = 0;
    const event = (over = {}) => ({
      type: 'voicenter.popup',
      agentId: 'agent-1',
      receivedAt: Date.now(),
      dedupeKey: `key-${++n}-${Math.random()}`,
      body: { n },
      ...over,
    });

    test('append stores an event and returns it with an id; readAfter gives it back as stored', async () => {
      const { store } = await fresh();
      const body = { phone: '972722776772', nested: { list: [1, 'two', null, true] } };
      const { event: stored, duplicate } = await store.append(event({ body, receivedAt: 1_700_000_000_000 }));
      assert.equal(duplicate, false);
      assert.equal(typeof stored.id, 'string');
      assert.deepEqual(
        { ...stored, id: undefined },
        { id: undefined, type: 'voicenter.popup', agentId: 'agent-1', receivedAt: 1_700_000_000_000, body },
      );
      assert.deepEqual(await store.readAfter('agent-1', undefined, 10), [stored]);
      assert.equal(Object.hasOwn(stored, 'dedupeKey'), false, 'the dedupe key stays inside the store');
    });

    test('the same dedupeKey is stored once, sequentially and concurrently, and the stored event is returned', async () => {
      const { store } = await fresh();
      const first = await store.append(event({ dedupeKey: 'same' }));
      const again = await store.append(event({ dedupeKey: 'same', body: { other: true } }));
      assert.equal(again.duplicate, true);
      assert.deepEqual(again.event, first.event);
      const racing = await Promise.all(Array.from({ length: 50 }, () => store.append(event({ dedupeKey: 'race' }))));
      assert.equal(racing.filter((r) => !r.duplicate).length, 1);
      assert.equal(new Set(racing.map((r) => r.event.id)).size, 1);
      assert.equal((await store.readAfter('agent-1', undefined, 100)).length, 2);
    });

    test('ids increase per agent in append order; readAfter is exclusive, ordered and limited', async () => {
      const { store } = await fresh();
      const ids = [];
      for (let i = 0; i < 12; i++)
        ids.push((await store.append(event({ agentId: i % 2 === 0 ? 'even' : 'odd', body: { i } }))).event.id);
      const even = await store.readAfter('even', undefined, 100);
      assert.deepEqual(
        even.map((e) => e.body.i),
        [0, 2, 4, 6, 8, 10],
      );
      const evenIds = even.map((e) => e.id);
      assert.deepEqual([...evenIds].sort(compareIds), evenIds, 'ids increase');
      assert.deepEqual(
        (await store.readAfter('even', evenIds[1], 2)).map((e) => e.body.i),
        [4, 6],
      );
      assert.deepEqual(await store.readAfter('even', evenIds[5], 10), []);
      assert.deepEqual(
        (await store.readAfter('odd', undefined, 100)).map((e) => e.body.i),
        [1, 3, 5, 7, 9, 11],
      );
      assert.deepEqual(await store.readAfter('nobody', undefined, 10), []);
    });

    test('readAfter "0" (the documented lastEventId=0) is every retained event of the agent', async () => {
      const { store } = await fresh();
      for (let i = 0; i < 3; i++) await store.append(event({ agentId: 'agent-1', body: { i } }));
      assert.deepEqual(
        (await store.readAfter('agent-1', '0', 10)).map((e) => e.body.i),
        [0, 1, 2],
      );
    });

    test('isEventId: its own ids and "0" are resume ids; the other store’s ids and junk are not, and readAfter refuses them', async () => {
      const { store } = await fresh();
      const { event: stored } = await store.append(event());
      assert.equal(store.isEventId(stored.id), true, 'its own id');
      assert.equal(store.isEventId('0'), true, 'lastEventId=0, everything retained');
      // The two stores' id forms (embedded: 16 digits; Redis: <ms>-<seq>): each store takes exactly its own.
      const forms = { embedded: '0000000000000042', redis: '1764672000000-0' };
      const own = /^\d+-\d+$/.test(stored.id) ? 'redis' : 'embedded';
      const other = own === 'redis' ? 'embedded' : 'redis';
      assert.equal(store.isEventId(forms[own]), true);
      assert.equal(store.isEventId(forms[other]), false, `an id of the ${other} store`);
      for (const junk of ['', '-1', 'abc', '1-', '00000000000000001', '1764672000000-0-0'])
        assert.equal(store.isEventId(junk), false, JSON.stringify(junk));
      await assert.rejects(store.readAfter('agent-1', forms[other], 10), RangeError);
    });

    test('the agent stream answers a Last-Event-ID of the other store with 400 and a clear message (not a stream that closes at once), and keeps serving', async () => {
      const { store } = await fresh();
      const { event: stored } = await store.append(event({ agentId: 'agent-1' }));
      const config = {
        host: '127.0.0.1',
        port: 0,
        dataDir: '.',
        redisUrl: undefined,
        secret: SECRET,
        ingressToken: INGRESS,
        allowedOrigins: [],
        retentionHours: 24,
        lookupUrl: undefined,
      };
      // No socket and no close(): the suite's cleanup closes the store.
      const { app } = relayLib.createRelay({ config, store });
      const open = (resume) =>
        app.request('/v1/agents/agent-1/events', {
          headers: { authorization: `Bearer ${token('agent-1')}`, 'last-event-id': resume },
        });
      const other = /^\d+-\d+$/.test(stored.id) ? '0000000000000042' : '1764672000000-0';
      const refused = await open(other);
      assert.equal(refused.status, 400, other);
      assert.match((await refused.json()).error, /not an event id of this relay's store.*lastEventId=0/);
      const ok = await open('0');
      assert.equal(ok.status, 200, 'its own resume still opens');
      assert.match(ok.headers.get('content-type'), /^text\/event-stream/);
      const reader = ok.body.getReader();
      let text = '';
      while (!text.includes(`id: ${stored.id}`)) text += new TextDecoder().decode((await reader.read()).value);
      await reader.cancel();
    });

    test('concurrent appends for one agent come back in id order, every one exactly once', async () => {
      const { store } = await fresh();
      const results = await Promise.all(Array.from({ length: 200 }, (_, i) => store.append(event({ body: { i } }))));
      const read = await store.readAfter('agent-1', undefined, 1000);
      assert.equal(read.length, 200);
      assert.deepEqual(new Set(read.map((e) => e.id)), new Set(results.map((r) => r.event.id)));
      assert.deepEqual(
        read.map((e) => e.id),
        [...read.map((e) => e.id)].sort(compareIds),
      );
    });

    test('an event with no agent is stored (a duplicate of it is recognised) but read and pushed to nobody', async () => {
      const { store } = await fresh();
      const seen = [];
      const stop = store.subscribe('agent-1', (e) => seen.push(e));
      const { event: stored } = await store.append(event({ agentId: null, dedupeKey: 'orphan' }));
      assert.equal(stored.agentId, null);
      assert.equal((await store.append(event({ agentId: null, dedupeKey: 'orphan' }))).duplicate, true);
      assert.deepEqual(await store.readAfter('agent-1', undefined, 10), []);
      assert.deepEqual(seen, []);
      stop();
    });

    test('subscribe delivers each new event of its agent once, only after append resolved; unsubscribe stops it', async () => {
      const { store } = await fresh();
      const seen = [];
      const other = [];
      const stop = store.subscribe('agent-1', (e) => seen.push(e));
      const stopOther = store.subscribe('agent-2', (e) => other.push(e));
      const a = (await store.append(event())).event;
      await store.append(event({ agentId: 'agent-2' }));
      await waitFor(() => seen.length === 1 && other.length === 1);
      assert.deepEqual(seen, [a]);
      stop();
      await store.append(event());
      await new Promise((r) => setTimeout(r, 100));
      assert.equal(seen.length, 1);
      stopOther();
    });

    test('prune drops events older than the cut-off, keeps newer ones, and new ids still increase', async () => {
      const { store } = await fresh();
      const old = (await store.append(event({ receivedAt: 1_000 }))).event;
      const kept = (await store.append(event({ receivedAt: Date.now() }))).event;
      await store.prune(Date.now() - 60_000);
      assert.deepEqual(await store.readAfter('agent-1', undefined, 10), [kept]);
      const next = (await store.append(event())).event;
      assert.equal(compareIds(next.id, kept.id) > 0 && compareIds(next.id, old.id) > 0, true);
    });

    test('ping resolves on a working store', async () => {
      const { store } = await fresh();
      await store.ping();
    });

    test('what was appended is there after closing and opening the store again', async (t) => {
      const made = await fresh();
      if (made.reopen === undefined) return t.skip('this factory cannot reopen');
      const a = (await made.store.append(event({ dedupeKey: 'persist-a' }))).event;
      const b = (await made.store.append(event({ dedupeKey: 'persist-b', agentId: 'agent-2' }))).event;
      const store = await made.reopen();
      assert.deepEqual(await store.readAfter('agent-1', undefined, 10), [a]);
      assert.deepEqual(await store.readAfter('agent-2', undefined, 10), [b]);
      assert.equal(
        (await store.append(event({ dedupeKey: 'persist-a' }))).duplicate,
        true,
        'dedupe survives a restart',
      );
      const c = (await store.append(event())).event;
      assert.equal(compareIds(c.id, a.id) > 0, true, 'ids keep increasing after a restart');
    });
  });
}

/** Orders ids as stores give them: digit strings by value, Redis `ms-seq` by both parts. */
export function compareIds(a, b) {
  const pa = String(a).split('-').map(BigInt);
  const pb = String(b).split('-').map(BigInt);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const x = pa[i] ?? 0n;
    const y = pb[i] ?? 0n;
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}

async function waitFor(condition, ms = 2_000) {
  const until = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}
