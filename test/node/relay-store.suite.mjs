// The EventStore conformance suite (relay/store/event-store.ts): every store the relay can run on
// must pass it. Not a test file by itself: a store's test file calls it with a factory.
// Bodies are the vendors' own published payloads (test/fixtures/vendor/, each file names its source).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';

const fixture = (vendor, name) => JSON.parse(readFileSync(new URL(`../fixtures/vendor/${vendor}/${name}`, import.meta.url), 'utf8'));
const popup = fixture('voicenter', 'popup-seed.json');
const sociomile = fixture('sociomile', 'webhook-seed.json');
const cdr = fixture('voicenter', 'cdr-seed.json');

/** Resolves with the first `count` events `subscribe` delivers, or rejects after `ms`. */
function collect(store, agentId, count, ms = 5_000) {
  const got = [];
  let stop;
  const done = new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      stop();
      reject(new Error(`subscriber for ${agentId} got ${got.length} of ${count} events in ${ms} ms`));
    }, ms);
    stop = store.subscribe(agentId, (event) => {
      got.push(event);
      if (got.length === count) {
        clearTimeout(timer);
        stop();
        resolve(got);
      }
    });
  });
  return { done, got, stop: () => stop() };
}

const tick = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * Runs the conformance suite.
 * @param {string} name What the store is, for the test names.
 * @param {() => Promise<{ store: import('../../relay/store/event-store.ts').EventStore, dispose: () => Promise<void> }>} open
 *   A fresh, empty store per test; `dispose` closes and removes it.
 * @param {{ settleMs?: number }} [options] How long a subscription may take to be live (a store
 *   whose subscribe is asynchronous inside, as Redis's, needs a moment).
 */
export function storeConformance(name, open, options = {}) {
  const settle = () => tick(options.settleMs ?? 0);
  const agent = popup.ringing.extenUser ?? 'KGpK4iWq';

  const withStore = (title, fn) =>
    test(title, { timeout: 20_000 }, async (t) => {
      const { store, dispose } = await open();
      t.after(dispose);
      await fn(store);
    });

  describe(`EventStore conformance: ${name}`, () => {
    withStore('append returns the stored event with an id, as given; readAfter returns it', async (store) => {
      const receivedAt = Date.now();
      const { event, duplicate } = await store.append({ type: 'voicenter.popup', agentId: agent, receivedAt, dedupeKey: `vc:${popup.ringing.ivrid}:Ringing`, body: popup.ringing });
      assert.equal(duplicate, false);
      assert.equal(typeof event.id, 'string');
      assert.notEqual(event.id, '');
      assert.deepEqual({ ...event, id: undefined }, { id: undefined, type: 'voicenter.popup', agentId: agent, receivedAt, body: popup.ringing });
      assert.deepEqual(await store.readAfter(agent, undefined, 10), [event]);
    });

    withStore('the same dedupe key is stored once; the duplicate gets the stored event back', async (store) => {
      const first = await store.append({ type: 'sociomile.call', agentId: 'agent-7', receivedAt: 1_000, dedupeKey: `sm:${sociomile.webhook.data.internal_id}`, body: sociomile.webhook });
      const again = await store.append({ type: 'sociomile.call', agentId: 'agent-7', receivedAt: 2_000, dedupeKey: `sm:${sociomile.webhook.data.internal_id}`, body: { changed: true } });
      assert.equal(first.duplicate, false);
      assert.equal(again.duplicate, true);
      assert.deepEqual(again.event, first.event);
      assert.equal((await store.readAfter('agent-7', undefined, 10)).length, 1);
    });

    withStore('readAfter: per agent, oldest first, exclusive of afterId, at most limit', async (store) => {
      const ids = [];
      for (let i = 0; i < 5; i += 1) {
        const phase = ['ringing', 'answer', 'hangup'][i % 3];
        ids.push((await store.append({ type: 'voicenter.popup', agentId: 'a1', receivedAt: Date.now(), dedupeKey: `vc:${i}`, body: popup[phase] })).event.id);
        await store.append({ type: 'voicenter.popup', agentId: 'a2', receivedAt: Date.now(), dedupeKey: `vc:other:${i}`, body: popup[phase] });
      }
      const all = await store.readAfter('a1', undefined, 100);
      assert.deepEqual(all.map((e) => e.id), ids);
      assert.ok(all.every((e) => e.agentId === 'a1'));
      assert.deepEqual((await store.readAfter('a1', ids[1], 100)).map((e) => e.id), ids.slice(2));
      assert.deepEqual((await store.readAfter('a1', ids[1], 2)).map((e) => e.id), ids.slice(2, 4));
      assert.deepEqual(await store.readAfter('a1', ids[4], 100), []);
      assert.deepEqual(await store.readAfter('a1', undefined, 0), []);
      assert.deepEqual(await store.readAfter('nobody', undefined, 100), []);
    });

    withStore('ids increase per agent in append order', async (store) => {
      const events = [];
      for (let i = 0; i < 20; i += 1) events.push((await store.append({ type: 'voicenter.cdr', agentId: 'a1', receivedAt: Date.now(), dedupeKey: `cdr:${i}`, body: cdr.json ?? cdr })).event);
      const read = await store.readAfter('a1', undefined, 100);
      assert.deepEqual(read.map((e) => e.id), events.map((e) => e.id));
      assert.equal(new Set(read.map((e) => e.id)).size, 20);
    });

    withStore('an unrouted event (agentId null) is stored and its duplicate detected, but read by no agent', async (store) => {
      const r = await store.append({ type: 'sociomile.call', agentId: null, receivedAt: Date.now(), dedupeKey: 'sm:unrouted', body: sociomile.webhook });
      assert.equal(r.event.agentId, null);
      assert.equal((await store.append({ type: 'sociomile.call', agentId: null, receivedAt: Date.now(), dedupeKey: 'sm:unrouted', body: sociomile.webhook })).duplicate, true);
      assert.deepEqual(await store.readAfter('null', undefined, 10), []);
      assert.deepEqual(await store.readAfter('', undefined, 10), []);
    });

    withStore('subscribe gets the agent’s events appended after it, in order, and nothing after unsubscribing', async (store) => {
      const mine = collect(store, 'a1', 3);
      const others = [];
      const stopOthers = store.subscribe('a2', (e) => others.push(e));
      await settle();
      const appended = [];
      for (const phase of ['ringing', 'answer', 'hangup']) {
        appended.push((await store.append({ type: 'voicenter.popup', agentId: 'a1', receivedAt: Date.now(), dedupeKey: `vc:${phase}`, body: popup[phase] })).event);
      }
      assert.deepEqual(await mine.done, appended);
      stopOthers();
      assert.deepEqual(others, []);
      const late = [];
      const stop = store.subscribe('a1', (e) => late.push(e));
      await settle();
      stop();
      await store.append({ type: 'voicenter.popup', agentId: 'a1', receivedAt: Date.now(), dedupeKey: 'vc:after-stop', body: popup.ringing });
      await tick(200);
      assert.deepEqual(late, []);
    });

    withStore('a duplicate is not pushed again', async (store) => {
      const got = collect(store, 'a1', 2);
      await settle();
      await store.append({ type: 'voicenter.popup', agentId: 'a1', receivedAt: Date.now(), dedupeKey: 'vc:x', body: popup.ringing });
      await store.append({ type: 'voicenter.popup', agentId: 'a1', receivedAt: Date.now(), dedupeKey: 'vc:x', body: popup.ringing });
      await store.append({ type: 'voicenter.popup', agentId: 'a1', receivedAt: Date.now(), dedupeKey: 'vc:y', body: popup.answer });
      const events = await got.done;
      assert.deepEqual(events.map((e) => e.body), [popup.ringing, popup.answer]);
    });

    withStore('prune drops the events received before the cutoff and keeps the rest', async (store) => {
      const old = await store.append({ type: 'voicenter.popup', agentId: 'a1', receivedAt: Date.now(), dedupeKey: 'vc:old', body: popup.ringing });
      await tick(30);
      const cutoff = Date.now();
      await tick(30);
      const fresh = await store.append({ type: 'voicenter.popup', agentId: 'a1', receivedAt: Date.now(), dedupeKey: 'vc:new', body: popup.answer });
      await store.prune(cutoff);
      assert.deepEqual(await store.readAfter('a1', undefined, 10), [fresh.event]);
      assert.notEqual(old.event.id, fresh.event.id);
      assert.equal((await store.append({ type: 'voicenter.popup', agentId: 'a1', receivedAt: Date.now(), dedupeKey: 'vc:new', body: popup.answer })).duplicate, true);
    });

    withStore('ping resolves while the store is up', async (store) => {
      await store.ping();
    });
  });
}
