/**
 * softphone-bridge: implements the Softphone contract in the browser and turns it into CRM
 * actions through an adapter, losing nothing. Start with {@link createBridge}.
 */
export { Bridge, type JsonParams } from './core/bridge.js';
export { createBridge } from './core/create-bridge.js';
export type { BridgeStatus } from './core/bridge-status.js';
export type { BridgeOptions, BridgeWindow } from './core/bridge-options.js';
export type { BridgeEvents, BridgeEventName } from './core/bridge-events.js';
export { DEFAULT_CALL_POLICY, resolveCallPolicy, type CallPolicy } from './core/call-policy.js';
export { transition, type CallEffect, type Transition, type Verdict } from './core/call-machine.js';
export type { CallEvent } from './core/call-event.js';
export { createIndexedDbStore } from './outbox/indexeddb-store.js';
export { createMemoryStore } from './outbox/memory-store.js';
export { leaseLock } from './outbox/lease-lock.js';
export { localLock } from './outbox/local-lock.js';
export type { DrainLock, DrainLockEnvironment, DrainLockKind, FallbackLock } from './outbox/drain-lock.js';
export type { BridgeStore, CallStep } from './outbox/bridge-store.js';
export type { OutboxEntry, NewWrite, WriteData } from './outbox/outbox-entry.js';
export type { OutboxStats } from './outbox/outbox.js';
export { DEFAULT_RETRY_POLICY, resolveRetryPolicy, retryDelay, type RetryPolicy } from './outbox/retry-policy.js';
export { systemClock } from './shared/clock.js';
export { consoleLogger, silentLogger, type LogLevel } from './shared/logger.js';
export * from './contract/index.js';
export {
  createRemoteClient,
  hostRemoteBridge,
  type RemoteClient,
  type RemoteClientOptions,
  type RemoteHost,
  type RemoteHostOptions,
  type RemoteContract,
} from './remote/index.js';
