// What the relay's figures were measured on: the machine, and the versions that shape them.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { arch, cpus, loadavg, platform, release, totalmem } from 'node:os';
import { findRedisServer } from '../../../scripts/find-redis.mjs';

const versionOf = (name) => {
  try {
    return JSON.parse(readFileSync(new URL(`../../../node_modules/${name}/package.json`, import.meta.url), 'utf8'))
      .version;
  } catch {
    return 'not installed';
  }
};

/** CPU, cores, memory, OS, Node, the relay's HTTP and Redis libraries, redis-server, autocannon, load. */
export async function describeRelayMachine() {
  const found = findRedisServer();
  let redis = 'not found';
  if (found) {
    try {
      redis = /v=(\S+)/.exec(execFileSync(found.path, ['--version'], { encoding: 'utf8' }))?.[1] ?? 'unknown';
    } catch {
      redis = 'unknown';
    }
  }
  return {
    cpu: (cpus()[0]?.model ?? 'unknown').replace(/\s+/g, ' ').trim(),
    cores: cpus().length,
    memoryGiB: Math.round((totalmem() / 1024 ** 3) * 10) / 10,
    os: `${platform()} ${release()} ${arch()}`,
    node: process.version,
    hono: versionOf('hono'),
    honoNodeServer: versionOf('@hono/node-server'),
    redisClient: versionOf('@redis/client'),
    redisServer: redis,
    autocannon: versionOf('autocannon'),
    // Other work on the machine skews every figure; the 1-minute load average when the bench started.
    load1: Math.round(loadavg()[0] * 100) / 100,
  };
}
