// Starts a private, throw-away Redis for a test or benchmark run: its own temporary directory, a
// free port on 127.0.0.1 only, durable settings (append-only file, fsync before every reply), and
// it always stops: explicitly, or when the Node process exits.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createConnection, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findRedisServer } from '../find-redis.mjs';

/** Servers still running, killed if the process exits without stopping them. */
const live = new Set();
process.on('exit', () => {
  for (const child of live) child.kill('SIGKILL');
});

/** A free TCP port on 127.0.0.1 (asked of the OS; Redis binds it right after). */
function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
      server.close(() => resolve(port));
    });
  });
}

/** Resolves once Redis answers PING with PONG (not -LOADING while it replays its AOF). */
async function waitReady(port, child, deadline) {
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null)
      throw new Error('redis-server exited before it was ready');
    const ok = await new Promise((resolve) => {
      const socket = createConnection({ host: '127.0.0.1', port });
      let reply = '';
      socket.setTimeout(500, () => socket.destroy());
      socket.on('connect', () => socket.write('*1\r\n$4\r\nPING\r\n'));
      socket.on('data', (d) => {
        reply += d;
        if (reply.includes('\r\n')) socket.end();
      });
      socket.on('error', () => resolve(false));
      socket.on('close', () => resolve(reply.startsWith('+PONG')));
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error('redis-server was not ready in time');
}

/**
 * @typedef {object} RedisServerHandle
 * @property {string} url `redis://127.0.0.1:<port>` for `@redis/client` / `REDIS_URL`.
 * @property {number} port
 * @property {string} socketUrl `unix://<dir>/redis.sock`, the same server over its unix socket.
 * @property {string} dir Its working directory (the append-only file lives here).
 * @property {() => number | undefined} pid The running server's pid, undefined while stopped.
 * @property {() => Promise<void>} stop SIGTERM (Redis flushes and exits) and wait; idempotent.
 * @property {() => Promise<void>} kill SIGKILL (a crash) and wait; idempotent.
 * @property {() => Promise<void>} start Start it again on the same port and directory (reloads the AOF).
 * @property {() => Promise<void>} dispose Stop it and delete its directory.
 */

/**
 * Starts a private `redis-server` and waits until it answers PING.
 * Throws with a clear message when no `redis-server` is installed (see scripts/ensure-redis.mjs).
 * @param {{ appendfsync?: 'always' | 'everysec' | 'no', readyTimeoutMs?: number, extraArgs?: string[] }} [options]
 * @returns {Promise<RedisServerHandle>}
 */
export async function startRedisServer(options = {}) {
  const found = findRedisServer();
  if (!found)
    throw new Error(
      'no redis-server found: run `node scripts/ensure-redis.mjs` (installs it as root on Debian) or set REDIS_SERVER_PATH',
    );
  const dir = mkdtempSync(join(tmpdir(), 'sb-redis-'));
  const port = await freePort();
  const args = [
    '--port',
    String(port),
    '--bind',
    '127.0.0.1',
    '--dir',
    dir,
    '--save',
    '', // no RDB snapshots: the AOF alone is the durable log
    '--appendonly',
    'yes',
    '--appendfsync',
    options.appendfsync ?? 'always', // "acknowledged means stored": fsync before replying
    '--daemonize',
    'no',
    '--logfile',
    '',
    '--loglevel',
    'warning',
    // Also a unix socket, owner-only, for REDIS_URL=unix://… (what a relay beside its Redis may use).
    '--unixsocket',
    join(dir, 'redis.sock'),
    '--unixsocketperm',
    '700',
    ...(options.extraArgs ?? []),
  ];
  /** @type {import('node:child_process').ChildProcess | undefined} */
  let child;
  let stderr = '';

  async function start() {
    if (child) return;
    stderr = '';
    const c = spawn(found.path, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    c.stdout.on('data', (d) => (stderr = (stderr + d).slice(-4000)));
    c.stderr.on('data', (d) => (stderr = (stderr + d).slice(-4000)));
    c.once('exit', () => {
      live.delete(c);
      if (child === c) child = undefined;
    });
    live.add(c);
    child = c;
    try {
      await waitReady(port, c, Date.now() + (options.readyTimeoutMs ?? 10_000));
    } catch (err) {
      c.kill('SIGKILL');
      throw new Error(`${err.message} (port ${port}): ${stderr.trim()}`);
    }
  }

  async function halt(signal) {
    const c = child;
    if (!c) return;
    const exited = new Promise((resolve) => c.once('exit', resolve));
    c.kill(signal);
    await exited;
  }

  await start();
  return {
    url: `redis://127.0.0.1:${port}`,
    socketUrl: `unix://${join(dir, 'redis.sock')}`,
    port,
    dir,
    pid: () => child?.pid,
    stop: () => halt('SIGTERM'),
    kill: () => halt('SIGKILL'),
    start,
    async dispose() {
      await halt('SIGTERM');
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
