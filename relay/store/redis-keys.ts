/**
 * The Redis key layout of the relay's store (documented in relay/README.md, "Redis store").
 * Every key starts with one prefix so that several relays (or tests) can share a Redis database.
 * Standalone Redis only: the append script touches several keys, which a Redis Cluster would need
 * in one hash slot.
 */
export interface RedisKeys {
  /** The prefix itself, e.g. `sb:relay:`. */
  readonly prefix: string;
  /** Hash: dedupe key → `<stream id> <stream key>` of the event stored under it. */
  readonly dedupe: string;
  /** Sorted set: dedupe key scored by `receivedAt`, so that retention can drop old dedupe keys. */
  readonly dedupeByTime: string;
  /** Set of every stream key written, so that retention can trim them all. */
  readonly streams: string;
  /** Stream of the events no agent claims (kept and counted, never pushed). */
  readonly unrouted: string;
  /** Stream of one agent's events. */
  agent(agentId: string): string;
}

/** The default key prefix. */
export const DEFAULT_REDIS_KEY_PREFIX = 'sb:relay:';

/**
 * Builds the key names under `prefix`. Agent ids go into key names as they are: Redis keys are
 * binary-safe, and `agent:` vs `unrouted` keeps the two kinds of stream apart whatever the id is.
 */
export function redisKeys(prefix: string = DEFAULT_REDIS_KEY_PREFIX): RedisKeys {
  return {
    prefix,
    dedupe: `${prefix}dedupe`,
    dedupeByTime: `${prefix}dedupe:by-time`,
    streams: `${prefix}streams`,
    unrouted: `${prefix}unrouted`,
    agent: (agentId) => `${prefix}agent:${agentId}`,
  };
}
