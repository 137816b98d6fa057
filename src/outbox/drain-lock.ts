import type { Clock } from '../shared/clock.js';
import { leaseLock } from './lease-lock.js';
import { localLock } from './local-lock.js';

export { localLock } from './local-lock.js';

/** Which lock keeps tabs from draining at once: Web Locks, a localStorage lease, or this page only. */
export type DrainLockKind = 'web-locks' | 'lease' | 'local';

/**
 * Makes sure only one tab of the origin drains the outbox at a time, so that two tabs never
 * send the same write at once. Adapters are idempotent too; this lock is what keeps them from
 * racing in the first place.
 */
export interface DrainLock {
  /** `web-locks` (the browser's Web Locks API), `lease` (localStorage fallback) or `local` (this page only). */
  readonly kind: DrainLockKind;
  /** Why the lock is weaker than Web Locks although the page has them (the browser refused them), if it is. */
  readonly reason?: string | undefined;
  /** Runs `task` while holding the lock, waiting for it if another tab has it. */
  run<T>(task: () => Promise<T>): Promise<T>;
}

/** What {@link createDrainLock} may use; all optional, looked up on the page by default. */
export interface DrainLockEnvironment {
  readonly locks?: LockManager | undefined;
  /** The page's localStorage, for the lease; read only when Web Locks are missing or refused (reading it throws in sandboxed frames). */
  readonly storage?: (() => Storage | undefined) | undefined;
  readonly clock: Clock;
  readonly random: () => number;
  /** Told once when the browser refuses Web Locks and the lock falls back, with the reason. */
  readonly onFallback?: ((lock: DrainLock) => void) | undefined;
}

/**
 * Picks the strongest lock the page offers: Web Locks (released by the browser when a tab goes
 * away), else a localStorage lease (pages without Web Locks: insecure http pages, browsers from
 * before 2022), else a lock local to this page.
 *
 * Having `navigator.locks` is not being allowed to use it: in a frame whose third-party storage
 * the browser blocks (Incognito, "Block third-party cookies", an enterprise policy), `request()`
 * rejects with a `SecurityError`. The Web Locks lock therefore probes at once and falls back on
 * the first refusal, running the refused task under the weaker lock so that no queued write waits.
 */
export function createDrainLock(name: string, env: DrainLockEnvironment): DrainLock {
  const { locks, storage } = env;
  const weaker = () => (storage === undefined ? localLock() : leaseLock(name, storage, env.clock, env.random));
  return typeof locks?.request === 'function' ? refusableWebLocks(name, locks, weaker, env.onFallback) : weaker();
}

/** Web Locks, until the browser refuses a request: from then on, the lock `weaker()` gives. */
function refusableWebLocks(name: string, locks: LockManager, weaker: () => DrainLock, onFallback: DrainLockEnvironment['onFallback']): DrainLock {
  let fallback: DrainLock | undefined;
  let reason: string | undefined;
  const fallBack = (error: unknown): DrainLock => {
    if (fallback === undefined) {
      const lock = weaker();
      reason = `the browser refused Web Locks (${error instanceof Error || error instanceof DOMException ? error.name : 'error'}), so other tabs are not kept from draining at once`;
      fallback = lock;
      onFallback?.(drainLock);
    }
    return fallback;
  };
  const drainLock: DrainLock = {
    get kind() {
      return fallback?.kind ?? 'web-locks';
    },
    get reason() {
      return reason;
    },
    async run<T>(task: () => Promise<T>): Promise<T> {
      if (fallback !== undefined) return fallback.run(task);
      let started = false;
      try {
        return (await locks.request(name, { mode: 'exclusive' }, () => {
          started = true;
          return task();
        })) as T;
      } catch (error) {
        // The task's own failure is the caller's; a refusal before it ran is the lock's.
        if (started) throw error;
        return fallBack(error).run(task);
      }
    },
  };
  // Probe without waiting for anyone (ifAvailable), so the status is right before the first write.
  Promise.resolve()
    .then(() => locks.request(`${name}:probe`, { ifAvailable: true }, () => undefined))
    .catch(fallBack);
  return drainLock;
}
