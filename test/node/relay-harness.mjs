// Shared by the relay's Node tests: a relay on 127.0.0.1 port 0 over the built dist/relay/index.js,
// the vendors' published payloads, and a small SSE reader. Not a test file by itself.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The built relay library (`npm run build` first; `npm test` does). */
export const relayLib = await import('../../dist/relay/index.js').catch((error) => {
  throw new Error(`dist/relay/index.js could not be imported (run \`npm run build\` first): ${error.message}`);
});

/** Test secrets (never used outside tests). */
export const SECRET = 'test-secret-that-is-at-least-32-characters-long';
export const INGRESS = 'ingress-token-for-tests-0123456789';

/** The vendors' payloads as published (each file names its source): test/fixtures/vendor/. */
export const fixtures = {
  popup: fixture('voicenter/popup-seed.json'),
  cdrSeed: fixture('voicenter/cdr-seed.json'),
  cdrSdk: fixture('voicenter/cdr-websdk.json'),
  sociomile: fixture('sociomile/webhook-seed.json'),
};

function fixture(path) {
  return JSON.parse(readFileSync(new URL(`../fixtures/vendor/${path}`, import.meta.url), 'utf8'));
}

/**
 * Starts a relay on an embedded store in a fresh folder (or on `store`), listening on port 0.
 * Registers its stop with `t.after` when `t` is given.
 */
export async function startRelay({ t, store, env = {}, ...options } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'relay-test-'));
  const config = relayLib.loadConfig({
    RELAY_PORT: '0',
    RELAY_DATA_DIR: dir,
    RELAY_SECRET: SECRET,
    RELAY_INGRESS_TOKEN: INGRESS,
    ...env,
  });
  const ready = relayLib.ensureSecrets(config).config;
  const theStore = store ?? (await relayLib.openEmbeddedStore({ dir }));
  const relay = relayLib.createRelay({ config: ready, store: theStore, ...options });
  const { port } = await relay.listen();
  const base = `http://127.0.0.1:${port}`;
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    await relay.close();
    rmSync(dir, { recursive: true, force: true });
  };
  t?.after(stop);
  return { relay, store: theStore, base, ingress: `${base}/v1/in/${INGRESS}`, dir, stop };
}

/** An agent token for `agentId`, valid for `ttlMs` (negative = already expired). */
export function token(agentId, ttlMs = 3_600_000, secret = SECRET) {
  return relayLib.mintToken(secret, agentId, Date.now() + ttlMs);
}

/** POSTs `body` with `contentType`. */
export function post(url, contentType, body, headers = {}) {
  return fetch(url, { method: 'POST', headers: { 'content-type': contentType, ...headers }, body });
}

/**
 * Opens an SSE stream and reads its messages as they come: `next(ms)` resolves with the next
 * event ({id, event, data}) or comment ({comment}), `close()` aborts it.
 */
export async function openStream(url, headers = {}) {
  const controller = new AbortController();
  const response = await fetch(url, { headers, signal: controller.signal });
  const queue = [];
  const waiters = [];
  let ended = false;
  const push = (item) => (waiters.length > 0 ? waiters.shift()(item) : queue.push(item));
  if (response.ok) {
    void (async () => {
      const decoder = new TextDecoder();
      let buffer = '';
      try {
        for await (const chunk of response.body) {
          buffer += decoder.decode(chunk, { stream: true });
          let cut;
          while ((cut = buffer.indexOf('\n\n')) !== -1) {
            const block = buffer.slice(0, cut);
            buffer = buffer.slice(cut + 2);
            for (const item of parseBlock(block)) push(item);
          }
        }
      } catch {
        // aborted
      }
      ended = true;
      push({ end: true });
    })();
  }
  return {
    response,
    next(ms = 2_000) {
      if (queue.length > 0) return Promise.resolve(queue.shift());
      if (ended) return Promise.resolve({ end: true });
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          const at = waiters.indexOf(done);
          if (at !== -1) waiters.splice(at, 1);
          reject(new Error(`no SSE message within ${ms} ms`));
        }, ms);
        const done = (item) => {
          clearTimeout(timer);
          resolve(item);
        };
        waiters.push(done);
      });
    },
    /** The next event, skipping comments and `retry:` lines. */
    async nextEvent(ms = 2_000) {
      for (;;) {
        const item = await this.next(ms);
        if (item.end || item.event !== undefined) return item;
      }
    },
    close: () => controller.abort(),
  };
}

function parseBlock(block) {
  const out = [];
  const event = {};
  for (const line of block.split('\n')) {
    if (line.startsWith(':')) out.push({ comment: line.slice(1).trim() });
    else if (line.startsWith('id: ')) event.id = line.slice(4);
    else if (line.startsWith('event: ')) event.event = line.slice(7);
    else if (line.startsWith('data: ')) event.data = JSON.parse(line.slice(6));
    else if (line.startsWith('retry: ')) event.retry = Number(line.slice(7));
  }
  if (event.event !== undefined) out.push(event);
  return out;
}
