// The embedded durable store (relay/store/embedded-store.ts), built (`npm run build`): the store
// conformance suite, then what only a log on disk has to get right: a torn last line after a
// crash, corruption, the pid lock, prune rewriting the file.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { storeConformance } from './relay-store.suite.mjs';

const { openEmbeddedStore, DataDirLockedError, LOG_FILE, LOCK_FILE } = await import('../../dist/relay/index.js').catch(
  (error) => {
    throw new Error(`dist/relay/index.js could not be imported (run \`npm run build\` first): ${error.message}`);
  },
);

const tempDir = () => mkdtempSync(join(tmpdir(), 'relay-store-'));

storeConformance('embedded (JSONL + fdatasync)', async () => {
  const dir = tempDir();
  let store = await openEmbeddedStore({ dir });
  return {
    store,
    reopen: async () => {
      await store.close();
      store = await openEmbeddedStore({ dir });
      return store;
    },
    cleanup: dispose,
    dispose, // the name relay-redis's copy of the suite uses
  };
  async function dispose() {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

const event = (dedupeKey, over = {}) => ({
  type: 'voicenter.cdr',
  agentId: 'SIPSIPSI',
  receivedAt: Date.now(),
  dedupeKey,
  body: { ivruniqueid: dedupeKey },
  ...over,
});

describe('embedded store on disk', () => {
  test('a torn last line (a crash mid-write) is ignored and cut off; the next append starts on a clean line', async () => {
    const dir = tempDir();
    try {
      const store = await openEmbeddedStore({ dir });
      const a = (await store.append(event('a'))).event;
      await store.close();
      appendFileSync(join(dir, LOG_FILE), '{"id":"0000000000000002","type":"voicenter.cdr","agentId":"SIPSIPSI","rec');
      const reopened = await openEmbeddedStore({ dir });
      assert.deepEqual(await reopened.readAfter('SIPSIPSI', undefined, 10), [a]);
      const b = (await reopened.append(event('b'))).event;
      await reopened.close();
      const lines = readFileSync(join(dir, LOG_FILE), 'utf8').split('\n');
      assert.equal(lines.at(-1), '', 'ends with a newline');
      assert.deepEqual(
        lines.slice(0, -1).map((l) => JSON.parse(l).id),
        [a.id, b.id],
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('a bad line before the last one is reported as corruption, naming the line, not skipped', async () => {
    const dir = tempDir();
    try {
      const store = await openEmbeddedStore({ dir });
      await store.append(event('a'));
      await store.close();
      const text = readFileSync(join(dir, LOG_FILE), 'utf8');
      writeFileSync(join(dir, LOG_FILE), `not json\n${text}`);
      await assert.rejects(openEmbeddedStore({ dir }), /line 1 .*corrupt/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('two stores never share a folder: a live holder is refused with its pid, a dead one’s lock is taken over', async () => {
    const dir = tempDir();
    try {
      const first = await openEmbeddedStore({ dir });
      // Another live process holds it: this test's own pid is ours, so use a child that is alive.
      await first.close();
      const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 30000)'], { stdio: 'ignore' });
      try {
        writeFileSync(join(dir, LOCK_FILE), `${child.pid}\n`);
        await assert.rejects(
          openEmbeddedStore({ dir }),
          (error) =>
            error instanceof DataDirLockedError && error.pid === child.pid && /in use by process/.test(error.message),
        );
      } finally {
        child.kill('SIGKILL');
        await new Promise((r) => child.once('exit', r));
      }
      // The holder is dead now (as after a SIGKILL): its lock is stale and taken over.
      const taken = await openEmbeddedStore({ dir });
      assert.equal(readFileSync(join(dir, LOCK_FILE), 'utf8').trim(), String(process.pid));
      await taken.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('prune rewrites the log without the old events, and a restart reads the rewritten log', async () => {
    const dir = tempDir();
    try {
      const store = await openEmbeddedStore({ dir });
      await store.append(event('old', { receivedAt: 1_000 }));
      const kept = (await store.append(event('new'))).event;
      await store.prune(Date.now() - 3_600_000);
      await store.close();
      const lines = readFileSync(join(dir, LOG_FILE), 'utf8').trim().split('\n');
      assert.deepEqual(
        lines.map((l) => JSON.parse(l).dedupeKey),
        ['new'],
      );
      const reopened = await openEmbeddedStore({ dir });
      assert.deepEqual(await reopened.readAfter('SIPSIPSI', undefined, 10), [kept]);
      await reopened.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('a closed store refuses appends and pings (the relay answers 503, not 200)', async () => {
    const dir = tempDir();
    try {
      const store = await openEmbeddedStore({ dir });
      await store.close();
      await assert.rejects(store.append(event('late')), /closed/);
      await assert.rejects(store.ping(), /closed/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
