// The relay as an operator runs it: `node dist/relay/main.js` (what `npm run relay` starts after
// building), as a child process. Startup errors, generated secrets, the token command, the data
// folder lock, graceful shutdown on SIGTERM, and SIGKILL under load then restart: every
// acknowledged event is still there.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, test } from 'node:test';
import { startRelayProcess } from '../../bench/relay/lib/relay-process.mjs';
import { fixtures, INGRESS, openStream, post, relayLib, SECRET } from './relay-harness.mjs';

const MAIN = fileURLToPath(new URL('../../dist/relay/main.js', import.meta.url));
const { cdrSeed } = fixtures;
const tempDir = () => mkdtempSync(join(tmpdir(), 'relay-proc-'));

/** Runs main.js to its end (for commands and startup errors), with a time bound. */
function runToEnd(args, env, ms = 10_000) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [MAIN, ...args], {
      env: { PATH: process.env.PATH, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`main.js ${args.join(' ')} did not end within ${ms} ms`));
    }, ms);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/** The relay server as a child (bench/relay/lib/relay-process.mjs), stopped after the test. */
async function startProcess(t, env) {
  const proc = await startRelayProcess(env, { ms: 10_000, secrets: false });
  t.after(() => proc.kill());
  return { ...proc, output: () => ({ stdout: proc.stdout(), stderr: proc.stderr() }) };
}

const secrets = (dir) => ({ RELAY_DATA_DIR: dir, RELAY_SECRET: SECRET, RELAY_INGRESS_TOKEN: INGRESS });

describe('relay process: configuration', () => {
  test('wrong settings stop the start with exit 1 and one message naming each wrong variable (and no secret value)', async () => {
    const dir = tempDir();
    try {
      const { code, stderr } = await runToEnd([], {
        RELAY_DATA_DIR: dir,
        RELAY_SECRET: 'short-secret',
        RELAY_PORT: '99999',
        RELAY_RETENTION_HOURS: 'soon',
        RELAY_INGRESS_TOKEN: 'has/slash',
      });
      assert.equal(code, 1);
      for (const name of ['RELAY_SECRET', 'RELAY_PORT', 'RELAY_RETENTION_HOURS', 'RELAY_INGRESS_TOKEN'])
        assert.match(stderr, new RegExp(`${name} (must|may only)`));
      assert.doesNotMatch(stderr, /short-secret/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('REDIS_URL without the secrets is refused (instances must share them), nothing is generated', async () => {
    const dir = tempDir();
    try {
      const { code, stderr } = await runToEnd([], { RELAY_DATA_DIR: dir, REDIS_URL: 'redis://127.0.0.1:1' });
      assert.equal(code, 1);
      assert.match(stderr, /RELAY_SECRET must be set when REDIS_URL is set/);
      assert.match(stderr, /RELAY_INGRESS_TOKEN must be set when REDIS_URL is set/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('unset secrets are generated, printed on the first start only, kept in the data folder and reused', async (t) => {
    const dir = tempDir();
    t.after(() => rmSync(dir, { recursive: true, force: true }));
    const first = await startProcess(t, { RELAY_DATA_DIR: dir });
    const kept = JSON.parse(readFileSync(join(dir, 'generated-secrets.json'), 'utf8'));
    assert.ok(kept.RELAY_SECRET.length >= 32 && kept.RELAY_INGRESS_TOKEN.length >= 32);
    assert.match(first.output().stdout, new RegExp(`RELAY_INGRESS_TOKEN=${kept.RELAY_INGRESS_TOKEN}`));
    assert.match(first.output().stdout, /printed this once/);
    assert.equal(
      (
        await post(
          `${first.base}/v1/in/${kept.RELAY_INGRESS_TOKEN}/voicenter/cdr`,
          'application/json',
          JSON.stringify(cdrSeed.json),
        )
      ).status,
      200,
    );
    first.child.kill('SIGTERM');
    await first.exited;
    const second = await startProcess(t, { RELAY_DATA_DIR: dir });
    const { stdout, stderr } = second.output();
    assert.doesNotMatch(stdout + stderr, new RegExp(kept.RELAY_SECRET));
    assert.match(stderr, /using generated secrets kept in the data folder/);
    // The token command signs with the same kept secret, so its tokens open the running relay's streams.
    const minted = await runToEnd(['token', '--agent', 'SIPSIPSI'], { RELAY_DATA_DIR: dir });
    assert.equal(minted.code, 0);
    assert.equal(relayLib.verifyToken(kept.RELAY_SECRET, minted.stdout.trim(), 'SIPSIPSI', Date.now()).ok, true);
    const stream = await openStream(
      `${second.base}/v1/agents/SIPSIPSI/events?lastEventId=0&token=${minted.stdout.trim()}`,
    );
    assert.equal(stream.response.status, 200);
    assert.equal((await stream.nextEvent()).data.body.ivruniqueid, cdrSeed.json.ivruniqueid);
    stream.close();
    second.child.kill('SIGTERM');
    await second.exited;
  });

  test('RELAY_RETENTION_HOURS: events older than the window are pruned at start and no longer replayed', async (t) => {
    const dir = tempDir();
    t.after(() => rmSync(dir, { recursive: true, force: true }));
    const first = await startProcess(t, secrets(dir));
    assert.equal(
      (await post(`${first.base}/v1/in/${INGRESS}/voicenter/cdr`, 'application/json', JSON.stringify(cdrSeed.json)))
        .status,
      200,
    );
    first.child.kill('SIGTERM');
    await first.exited;
    await new Promise((r) => setTimeout(r, 1_000));
    const second = await startProcess(t, { ...secrets(dir), RELAY_RETENTION_HOURS: '0.0002' }); // 0.72 s
    const until = Date.now() + 10_000;
    while (readFileSync(join(dir, 'events.jsonl'), 'utf8') !== '') {
      assert.ok(Date.now() < until, 'the old event was pruned from the log');
      await new Promise((r) => setTimeout(r, 50));
    }
    const stream = await openStream(`${second.base}/v1/agents/SIPSIPSI/events?lastEventId=0`, {
      authorization: `Bearer ${relayLib.mintToken(SECRET, 'SIPSIPSI', Date.now() + 60_000)}`,
    });
    await assert.rejects(stream.nextEvent(300), /no SSE message/);
    stream.close();
    second.child.kill('SIGTERM');
    await second.exited;
  });

  test('`token --agent <id> --ttl 2h` prints a token the relay accepts for that agent, expiring in 2 h; a bad --ttl is refused', async () => {
    const dir = tempDir();
    try {
      const { code, stdout } = await runToEnd(['token', '--agent', 'KGpK4iWq', '--ttl', '2h'], secrets(dir));
      assert.equal(code, 0);
      const check = relayLib.verifyToken(SECRET, stdout.trim(), 'KGpK4iWq', Date.now());
      assert.equal(check.ok, true);
      assert.ok(Math.abs(check.expiresAt - (Date.now() + 2 * 3_600_000)) < 10_000);
      const bad = await runToEnd(['token', '--agent', 'KGpK4iWq', '--ttl', 'forever'], secrets(dir));
      assert.equal(bad.code, 1);
      assert.match(bad.stderr, /--ttl must be/);
      assert.equal((await runToEnd(['token'], secrets(dir))).code, 1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('a second relay on the same data folder refuses to start, naming the folder and the holder’s pid', async (t) => {
    const dir = tempDir();
    t.after(() => rmSync(dir, { recursive: true, force: true }));
    const first = await startProcess(t, secrets(dir));
    const second = await runToEnd([], { ...secrets(dir), RELAY_PORT: '0' });
    assert.equal(second.code, 1);
    assert.match(second.stderr, new RegExp(`in use by process ${first.child.pid}`));
    first.child.kill('SIGTERM');
    await first.exited;
  });
});

describe('relay process: shutdown and crash', () => {
  test('SIGTERM: a request in flight is finished and stored, agent streams are ended, the process exits 0', async (t) => {
    const dir = tempDir();
    t.after(() => rmSync(dir, { recursive: true, force: true }));
    const proc = await startProcess(t, secrets(dir));
    const stream = await openStream(`${proc.base}/v1/agents/SIPSIPSI/events`, {
      authorization: `Bearer ${relayLib.mintToken(SECRET, 'SIPSIPSI', Date.now() + 60_000)}`,
    });
    await stream.next();
    const body = JSON.stringify(cdrSeed.json);
    const reply = new Promise((resolve, reject) => {
      const req = httpRequest(
        `${proc.base}/v1/in/${INGRESS}/voicenter/cdr`,
        { method: 'POST', headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } },
        (res) => {
          let text = '';
          res.on('data', (d) => (text += d));
          res.on('end', () => resolve({ status: res.statusCode, text }));
        },
      );
      req.on('error', reject);
      req.write(body.slice(0, 20));
      setTimeout(() => {
        proc.child.kill('SIGTERM');
        setTimeout(() => req.end(body.slice(20)), 300);
      }, 100);
    });
    const { status, text } = await reply;
    assert.equal(status, 200);
    assert.deepEqual(JSON.parse(text), { err: '0', errdesc: 'OK' });
    assert.deepEqual(await stream.next(3_000), { end: true });
    assert.deepEqual(await proc.exited, { code: 0, signal: null });
    const lines = readFileSync(join(dir, 'events.jsonl'), 'utf8').trim().split('\n');
    assert.deepEqual(
      lines.map((l) => JSON.parse(l).body.ivruniqueid),
      [cdrSeed.json.ivruniqueid],
    );
  });

  test('SIGKILL under load, then restart on the same folder: every acknowledged event is still there, once', async (t) => {
    const dir = tempDir();
    t.after(() => rmSync(dir, { recursive: true, force: true }));
    const proc = await startProcess(t, secrets(dir));
    const acked = new Set();
    let sent = 0;
    let stop = false;
    const worker = async (w) => {
      while (!stop) {
        const id = `load-${w}-${sent++}`;
        try {
          const response = await post(
            `${proc.base}/v1/in/${INGRESS}/voicenter/cdr`,
            'application/json',
            JSON.stringify({ ...cdrSeed.json, ivruniqueid: id, callerextension: 'LOADAGENT' }),
          );
          if (response.status === 200 && (await response.json()).err === '0') acked.add(id);
        } catch {
          return; // the process is gone
        }
      }
    };
    const workers = Array.from({ length: 16 }, (_, w) => worker(w));
    while (acked.size < 300) await new Promise((r) => setTimeout(r, 20));
    proc.child.kill('SIGKILL');
    stop = true;
    await Promise.all(workers);
    assert.equal((await proc.exited).signal, 'SIGKILL');
    assert.ok(acked.size >= 300);

    const restarted = await startProcess(t, secrets(dir));
    const stream = await openStream(`${restarted.base}/v1/agents/LOADAGENT/events?lastEventId=0`, {
      authorization: `Bearer ${relayLib.mintToken(SECRET, 'LOADAGENT', Date.now() + 60_000)}`,
    });
    t.after(stream.close);
    const seen = new Map();
    for (;;) {
      const message = await stream.nextEvent(1_000).catch(() => undefined);
      if (message === undefined) break;
      seen.set(message.data.body.ivruniqueid, (seen.get(message.data.body.ivruniqueid) ?? 0) + 1);
    }
    const missing = [...acked].filter((id) => !seen.has(id));
    assert.deepEqual(missing, [], `${missing.length} of ${acked.size} acknowledged events lost`);
    assert.ok(
      [...seen.values()].every((n) => n === 1),
      'each stored once',
    );
    assert.ok(seen.size <= sent, 'nothing invented');
    restarted.child.kill('SIGTERM');
    assert.equal((await restarted.exited).code, 0);
  });
});
