import type { DrainLock, DrainLockEnvironment } from './drain-lock.js';
import { localLock } from './local-lock.js';

/**
 * Picks the strongest lock the page offers: Web Locks (released by the browser when a tab goes
 * away), else a localStorage lease (pages without Web Locks: insecure http pages, browsers from
 * before 2022) if the entry file passed `leaseLock` as `env.fallback`, else a lock local to this page.
 *
 * Having `navigator.locks` is not being allowed to use it: in a frame whose third-party storage
 * the browser blocks (Incognito, "Block third-party cookies", an enterprise policy), `request()`
 * rejects with a `SecurityError`. The Web Locks lock therefore probes at once and falls back on
 * the first refusal, running the refused task under the weaker lock so that no queued write waits.
 */
export function createDrainLock(name: string, env: DrainLockEnvironment): DrainLock {
  const { locks, fallback = localLock } = env;
  const weaker = () => fallback(name, env);
  return typeof locks?.request === 'function' ? refusableWebLocks(name, locks, weaker, env.onFallback) : weaker();
}

/** Web Locks, until the browser refuses a request: from then on, the lock `weaker()` gives. */
function refusableWebLocks(
  name: string,
  locks: LockManager,
  weaker: () => DrainLock,
  onFallback: DrainLockEnvironment['onFallback'],
): DrainLock {
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
