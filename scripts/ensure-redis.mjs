// Makes sure `npm test` has a `redis-server` for the relay's Redis tests: REDIS_SERVER_PATH, PATH,
// /usr/bin, or (as root on Debian/Ubuntu) `apt-get install redis-server`, the way
// scripts/ensure-chromium.mjs does for Chromium. apt runs only when no binary is found.
//
// Debian's package would start a system-wide Redis on port 6379 from its postinst (bookworm's
// redis-server 5:7.0.15-1~deb12u10, /var/lib/dpkg/info/redis-server.postinst: `invoke-rc.d
// redis-server start || exit 1`, and `deb-systemd-invoke` where systemd runs). The tests start their
// own servers, so the install runs with a policy-rc.d that forbids service starts (both invoke-rc.d
// and deb-systemd-invoke obey it; exit 101 is the Docker convention; an existing policy-rc.d is left
// as it is), and any redis-server process that appears during the install anyway is stopped by its pid.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { findRedisServer, REDIS_CANDIDATE_PATHS } from './find-redis.mjs';

const POLICY_RC_D = '/usr/sbin/policy-rc.d';

if (
  process.env.REDIS_SERVER_PATH &&
  !findRedisServer({ REDIS_SERVER_PATH: process.env.REDIS_SERVER_PATH, PATH: '' })?.source?.startsWith('REDIS')
) {
  console.warn(
    `ensure-redis: REDIS_SERVER_PATH=${process.env.REDIS_SERVER_PATH} is not an executable file; searching elsewhere`,
  );
}

let found = findRedisServer();

if (!found && process.getuid?.() === 0 && hasAptGet()) {
  console.log('ensure-redis: no redis-server found; installing it with apt-get (running as root)');
  const before = new Set(redisPids());
  const ownPolicy = !existsSync(POLICY_RC_D);
  // Exit status 101 = "action forbidden by policy": invoke-rc.d then skips the service start.
  if (ownPolicy)
    writeFileSync(
      POLICY_RC_D,
      '#!/bin/sh\n# written by softphone-bridge scripts/ensure-redis.mjs for the install only\nexit 101\n',
      { mode: 0o755 },
    );
  try {
    const aptEnv = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    for (const args of [['update'], ['install', '-y', '--no-install-recommends', 'redis-server']]) {
      const r = spawnSync('apt-get', args, { stdio: 'inherit', env: aptEnv });
      if (r.status !== 0) {
        console.error(`ensure-redis: "apt-get ${args.join(' ')}" failed (${r.error?.message ?? `exit ${r.status}`})`);
        break;
      }
    }
  } finally {
    if (ownPolicy) rmSync(POLICY_RC_D, { force: true });
  }
  for (const pid of redisPids().filter((p) => !before.has(p))) {
    console.log(`ensure-redis: stopping the redis-server (pid ${pid}) the package started`);
    try {
      process.kill(pid, 'SIGTERM');
    } catch {
      // already gone
    }
  }
  found = findRedisServer();
}

if (!found) {
  console.error(
    [
      "ensure-redis: no redis-server found for the relay's Redis tests.",
      `  Looked at: ${process.env.REDIS_SERVER_PATH ? `REDIS_SERVER_PATH (${process.env.REDIS_SERVER_PATH}), ` : ''}PATH, ${REDIS_CANDIDATE_PATHS.join(', ')}`,
      '  Fix one of:',
      '    - Debian/Ubuntu: sudo apt-get update && sudo apt-get install -y redis-server (then: sudo systemctl disable --now redis-server; the tests start their own)',
      '    - or point REDIS_SERVER_PATH at a redis-server binary (Redis >= 6.2): export REDIS_SERVER_PATH=/path/to/redis-server',
    ].join('\n'),
  );
  process.exit(1);
}

console.log(
  `ensure-redis: using ${found.path}${found.source === 'REDIS_SERVER_PATH' ? ' (from REDIS_SERVER_PATH)' : ''}`,
);

function hasAptGet() {
  return spawnSync('sh', ['-c', 'command -v apt-get'], { stdio: 'ignore' }).status === 0;
}

/** Pids of running processes whose command name is redis-server (Linux /proc; empty elsewhere). */
function redisPids() {
  let entries;
  try {
    entries = readdirSync('/proc');
  } catch {
    return [];
  }
  const pids = [];
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/comm`, 'utf8').trim() === 'redis-server') pids.push(Number(entry));
    } catch {
      // the process ended while we looked
    }
  }
  return pids;
}
