import type { Clock } from '../shared/clock.js';
import { leaseLock } from './lease-lock.js';
import { localLock } from './local-lock.js';

export { localLock } from './local-lock.js';

/**
 * Makes sure only one tab of the origin drains the outbox at a time, so that two tabs never
 * send the same write at once. Adapters are idempotent too; this lock is what keeps them from
 * racing in the first place.
 */
export interface DrainLock {
  /** `web-locks` (the browser's Web Locks API), `lease` (localStorage fallback) or `local` (this page only). */
  readonly kind: 'web-locks' | 'lease' | 'local';
  /** Runs `task` while holding the lock, waiting for it if another tab has it. */
  run<T>(task: () => Promise<T>): Promise<T>;
}

/** What {@link createDrainLock} may use; all optional, looked up on the page by default. */
export interface DrainLockEnvironment {
  readonly locks?: LockManager | undefined;
  /** The page's localStorage, for the lease; read only when Web Locks are missing (reading it throws in sandboxed frames). */
  readonly storage?: (() => Storage | undefined) | undefined;
  readonly clock: Clock;
  readonly random: () => number;
}

/**
 * Picks the strongest lock the page offers: Web Locks (released by the browser when a tab goes
 * away), else a localStorage lease (pages without Web Locks: insecure http pages, browsers from
 * before 2022), else a lock local to this page.
 */
export function createDrainLock(name: string, env: DrainLockEnvironment): DrainLock {
  const { locks, storage } = env;
  if (typeof locks?.request === 'function') return { kind: 'web-locks', run: (task) => locks.request(name, { mode: 'exclusive' }, task) as Promise<Awaited<ReturnType<typeof task>>> };
  return storage === undefined ? localLock() : leaseLock(name, storage, env.clock, env.random);
}
