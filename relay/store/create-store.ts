import type { RelayConfig } from '../config.js';
import { openEmbeddedStore } from './embedded-store.js';
import type { EventStore } from './event-store.js';

/**
 * The store the relay runs on: Redis Streams when `REDIS_URL` is set (several instances), else the
 * embedded durable store in `RELAY_DATA_DIR` (one instance, nothing to install).
 * @throws Error when `REDIS_URL` is set but this build has no Redis store, or the data folder is taken
 */
export async function createStore(config: RelayConfig): Promise<EventStore> {
  if (config.redisUrl !== undefined) {
    throw new Error('REDIS_URL is set but the Redis store is not built in yet: unset REDIS_URL to run on the embedded store (RELAY_DATA_DIR).');
  }
  return openEmbeddedStore({ dir: config.dataDir });
}
