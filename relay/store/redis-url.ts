/**
 * How `@redis/client` reaches the Redis of `REDIS_URL`. It understands `redis://` and `rediss://`
 * itself; the relay's configuration also accepts `unix:///path/to/redis.sock` (optionally
 * `unix://[user]:password@localhost/path?db=N`), which is turned into a socket path here.
 */
export interface RedisConnection {
  readonly url?: string;
  readonly path?: string;
  readonly database?: number;
  readonly username?: string;
  readonly password?: string;
}

/**
 * Parses `url` into connection options.
 * @throws TypeError naming the problem (never the password) when the URL is not usable.
 */
export function redisConnection(url: string): RedisConnection {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new TypeError(
      'REDIS_URL is not a URL (expected redis://host:port, rediss://… or unix:///path/to/redis.sock)',
    );
  }
  if (parsed.protocol === 'redis:' || parsed.protocol === 'rediss:') return { url };
  if (parsed.protocol !== 'unix:')
    throw new TypeError(`REDIS_URL scheme ${parsed.protocol} is not supported (expected redis:, rediss: or unix:)`);
  const path = decodeURIComponent(parsed.pathname);
  if (path === '' || path === '/')
    throw new TypeError('REDIS_URL unix:// needs the socket path, e.g. unix:///run/redis/redis.sock');
  const db = parsed.searchParams.get('db');
  if (db !== null && !/^\d+$/.test(db)) throw new TypeError('REDIS_URL ?db= must be a database number');
  return {
    path,
    ...(db !== null ? { database: Number(db) } : {}),
    ...(parsed.username ? { username: decodeURIComponent(parsed.username) } : {}),
    ...(parsed.password ? { password: decodeURIComponent(parsed.password) } : {}),
  };
}

/** `url` without its password, for messages and logs. */
export function redactRedisUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    u.searchParams.delete('password');
    return u.toString();
  } catch {
    return '(unparsable REDIS_URL)';
  }
}
