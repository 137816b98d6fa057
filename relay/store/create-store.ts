import type { RelayConfig } from '../config.js';
import { jsonLog, type RelayLog } from '../log.js';
import { openEmbeddedStore } from './embedded-store.js';
import type { EventStore } from './event-store.js';
import { createRedisStore } from './redis-store.js';

/**
 * The store the relay runs on: Redis Streams when `REDIS_URL` is set (several instances), else the
 * embedded durable store in `RELAY_DATA_DIR` (one instance, nothing to install).
 * @param log where the Redis store reports losing and regaining Redis (default: JSON lines)
 * @throws Error when Redis cannot be reached or is older than 6.2, or the data folder is taken
 */
export async function createStore(config: RelayConfig, log: RelayLog = jsonLog()): Promise<EventStore> {
  if (config.redisUrl !== undefined) {
    return createRedisStore({ url: config.redisUrl, log: (message, level) => log[level ?? 'warn'](message) });
  }
  return openEmbeddedStore({ dir: config.dataDir });
}
