import type { Clock } from '../shared/clock.js';

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
  readonly storage?: Storage | undefined;
  readonly clock: Clock;
  readonly random: () => number;
}

/**
 * Picks the strongest lock the page offers: Web Locks (released by the browser when a tab goes
 * away), else a localStorage lease (for frames where Web Locks are refused, as in older
 * Firefox third-party iframes), else a lock local to this page.
 */
export function createDrainLock(name: string, env: DrainLockEnvironment): DrainLock {
  if (env.locks !== undefined && typeof env.locks.request === 'function') return webLocksLock(name, env.locks);
  if (env.storage !== undefined && storageWorks(env.storage)) return leaseLock(name, env.storage, env.clock, env.random);
  return localLock();
}

function webLocksLock(name: string, locks: LockManager): DrainLock {
  return { kind: 'web-locks', run: (task) => locks.request(name, { mode: 'exclusive' }, task) as Promise<Awaited<ReturnType<typeof task>>> };
}

/** A lock held by this page alone: a promise chain. */
export function localLock(): DrainLock {
  let tail: Promise<unknown> = Promise.resolve();
  return {
    kind: 'local',
    run<T>(task: () => Promise<T>): Promise<T> {
      const result = tail.then(task, task);
      tail = result.catch(() => undefined);
      return result;
    },
  };
}

/** How long a lease lasts without renewal; a crashed tab's lease frees itself after this. */
export const LEASE_MS = 10_000;

/**
 * A lease in localStorage: `{owner, until}`. Taken when absent or expired, confirmed by reading
 * it back after a short pause (two tabs writing at once: the last write wins and the other
 * backs off), renewed while the task runs, removed after.
 */
function leaseLock(name: string, storage: Storage, clock: Clock, random: () => number): DrainLock {
  const owner = `${clock.now().toString(36)}-${random().toString(36).slice(2)}`;
  const key = `${name}:lease`;
  const local = localLock();
  const sleep = (ms: number) => new Promise<void>((resolve) => clock.setTimeout(resolve, ms));
  const read = (): { owner: string; until: number } | undefined => {
    try {
      const value = JSON.parse(storage.getItem(key) ?? 'null') as unknown;
      if (typeof value === 'object' && value !== null && 'owner' in value && 'until' in value) return value as { owner: string; until: number };
    } catch {
      // A malformed lease is treated as absent.
    }
    return undefined;
  };
  const write = () => storage.setItem(key, JSON.stringify({ owner, until: clock.now() + LEASE_MS }));
  const acquire = async (): Promise<void> => {
    for (;;) {
      const lease = read();
      if (lease === undefined || lease.until < clock.now() || lease.owner === owner) {
        write();
        await sleep(25);
        if (read()?.owner === owner) return;
      }
      await sleep(50 + Math.round(random() * 150));
    }
  };
  return {
    kind: 'lease',
    run<T>(task: () => Promise<T>): Promise<T> {
      return local.run(async () => {
        await acquire();
        const renew = setIntervalOn(clock, () => write(), LEASE_MS / 3);
        try {
          return await task();
        } finally {
          renew.stop();
          if (read()?.owner === owner) storage.removeItem(key);
        }
      });
    },
  };
}

function setIntervalOn(clock: Clock, tick: () => void, ms: number): { stop(): void } {
  let handle: unknown;
  let stopped = false;
  const schedule = () => {
    handle = clock.setTimeout(() => {
      if (stopped) return;
      tick();
      schedule();
    }, ms);
  };
  schedule();
  return {
    stop() {
      stopped = true;
      clock.clearTimeout(handle);
    },
  };
}

function storageWorks(storage: Storage): boolean {
  try {
    const probe = '__softphone-bridge-probe__';
    storage.setItem(probe, '1');
    storage.removeItem(probe);
    return true;
  } catch {
    return false;
  }
}
