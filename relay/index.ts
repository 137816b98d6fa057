/**
 * The relay as a library (`dist/relay/index.js`): for embedding it in another Node process (the
 * demo, tests) with a store of one's choice. `dist/relay/main.js` is the command.
 */
export { createRelay, type Relay, type RelayOptions } from './server.js';
export { loadConfig, RelayConfigError, type RelayConfig, type ReadyRelayConfig } from './config.js';
export { ensureSecrets, SECRETS_FILE, type SecretsOutcome } from './secrets.js';
export { mintToken, verifyToken, parseTtl, isAgentId, TOKEN_VERSION, type TokenCheck } from './tokens.js';
export { openEmbeddedStore, LOG_FILE, type EmbeddedStoreOptions } from './store/embedded-store.js';
export { createStore } from './store/create-store.js';
export { createRedisStore, RedisStore, type RedisStoreOptions } from './store/redis-store.js';
export { redisKeys, DEFAULT_REDIS_KEY_PREFIX, type RedisKeys } from './store/redis-keys.js';
export { DataDirLockedError, LOCK_FILE } from './store/pid-lock.js';
export { sseMessage, type AgentStreamData } from './agent-stream.js';
export { jsonLog, silentLog, type RelayLog, type LogFields } from './log.js';
export type { EventStore, NewRelayEvent, RelayEvent, RelayEventType } from './store/event-store.js';
