// Locates a `redis-server` binary for the relay's Redis tests. Shared by scripts/ensure-redis.mjs
// and the test helper (scripts/lib/redis-server.mjs) so both use the same search order. Never
// downloads anything.
import { delimiter, join } from 'node:path';
import { isExecutable } from './find-chromium.mjs';

/** System locations tried after REDIS_SERVER_PATH and PATH (Debian's package installs /usr/bin). */
export const REDIS_CANDIDATE_PATHS = ['/usr/bin/redis-server', '/usr/local/bin/redis-server', '/usr/sbin/redis-server'];

/**
 * Returns `{ path, source }` for the first usable `redis-server`, or `null` if there is none.
 * Order: `$REDIS_SERVER_PATH` (if set and executable), each directory of `$PATH`, then
 * REDIS_CANDIDATE_PATHS. `source` is `'REDIS_SERVER_PATH'`, `'PATH'` or `'system'`.
 * @param {NodeJS.ProcessEnv} [env]
 * @returns {{ path: string, source: 'REDIS_SERVER_PATH' | 'PATH' | 'system' } | null}
 */
export function findRedisServer(env = process.env) {
  if (env.REDIS_SERVER_PATH && isExecutable(env.REDIS_SERVER_PATH)) {
    return { path: env.REDIS_SERVER_PATH, source: 'REDIS_SERVER_PATH' };
  }
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    if (dir === '') continue;
    const path = join(dir, 'redis-server');
    if (isExecutable(path)) return { path, source: 'PATH' };
  }
  for (const path of REDIS_CANDIDATE_PATHS) {
    if (isExecutable(path)) return { path, source: 'system' };
  }
  return null;
}
