// The Redis the relay's tests start (scripts/lib/redis-server.mjs) and how it is found
// (scripts/find-redis.mjs): durable settings as relay/README.md asks of operators, loopback only,
// restartable on the same port and data, and no process left behind.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { test } from 'node:test';
import { createClient } from '@redis/client';
import { findRedisServer } from '../../scripts/find-redis.mjs';
import { startRedisServer } from '../../scripts/lib/redis-server.mjs';

const alive = (pid) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

test('findRedisServer: REDIS_SERVER_PATH first, then PATH, then the system paths; a bad REDIS_SERVER_PATH is passed over', () => {
  const system = findRedisServer({ PATH: '' });
  assert.ok(system, 'redis-server is installed (npm test runs scripts/ensure-redis.mjs first)');
  assert.deepEqual(findRedisServer({ REDIS_SERVER_PATH: system.path, PATH: '' }), {
    path: system.path,
    source: 'REDIS_SERVER_PATH',
  });
  assert.deepEqual(findRedisServer({ REDIS_SERVER_PATH: '/nonexistent/redis-server', PATH: '' }), system);
  const dir = system.path.slice(0, system.path.lastIndexOf('/'));
  assert.deepEqual(findRedisServer({ PATH: `/nonexistent:${dir}` }), { path: `${dir}/redis-server`, source: 'PATH' });
});

test(
  'startRedisServer: AOF with fsync before every reply, no RDB, loopback only; restart keeps the data; dispose leaves nothing',
  { timeout: 30_000 },
  async () => {
    const redis = await startRedisServer();
    const pid = redis.pid();
    const client = createClient({ url: redis.url });
    client.on('error', () => {});
    try {
      await client.connect();
      const aof = await client.configGet('append*');
      assert.equal(aof.appendonly, 'yes');
      assert.equal(aof.appendfsync, 'always');
      assert.deepEqual(await client.configGet('save'), { save: '' });
      assert.deepEqual(await client.configGet('bind'), { bind: '127.0.0.1' });
      await client.set('k', 'v');
      await redis.kill(); // no shutdown save: only the AOF can bring k back
      assert.equal(alive(pid), false);
      await redis.start();
      assert.equal(
        await client.get('k').catch(async () => {
          await new Promise((r) => setTimeout(r, 1_500)); // the client reconnects by itself
          return client.get('k');
        }),
        'v',
      );
    } finally {
      client.destroy();
      await redis.dispose();
    }
    assert.equal(redis.pid(), undefined);
    assert.equal(existsSync(redis.dir), false, 'its directory is removed');
  },
);
