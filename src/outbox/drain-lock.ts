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
  const { locks, storage } = env;
  if (typeof locks?.request === 'function') return { kind: 'web-locks', run: (task) => locks.request(name, { mode: 'exclusive' }, task) as Promise<Awaited<ReturnType<typeof task>>> };
  if (storage !== undefined) {
    try {
      // Storage that refuses writes (no quota, some privacy modes) cannot hold a lease.
      storage.setItem(`${name}:probe`, '1');
      storage.removeItem(`${name}:probe`);
      return leaseLock(name, storage, env.clock, env.random);
    } catch {
      // Then only a lock local to this page is left.
    }
  }
  return localLock();
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

/** A lease as stored: who holds it and until when. */
interface Lease {
  readonly owner: string;
  readonly until: number;
}

/**
 * A lease in localStorage: `{owner, until}`. Taken when absent or expired, confirmed by reading
 * it back after a short pause (two tabs writing at once: the last write wins and the other
 * backs off), renewed while the task runs, removed after.
 */
function leaseLock(name: string, storage: Storage, clock: Clock, random: () => number): DrainLock {
  const owner = `${clock.now()}-${random()}`;
  const key = `${name}:lease`;
  const local = localLock();
  const sleep = (ms: number) => new Promise<void>((resolve) => clock.setTimeout(resolve, ms));
  // A missing or malformed lease reads as one without owner or expiry: free to take.
  const read = (): Partial<Lease> => {
    try {
      return { ...JSON.parse(storage.getItem(key) ?? '{}') };
    } catch {
      return {};
    }
  };
  const write = () => storage.setItem(key, JSON.stringify({ owner, until: clock.now() + LEASE_MS }));
  let renewal: unknown;
  const renew = () => {
    renewal = clock.setTimeout(() => {
      write();
      renew();
    }, LEASE_MS / 3);
  };
  return {
    kind: 'lease',
    run: (task) =>
      local.run(async () => {
        for (;;) {
          const lease = read();
          if (lease.owner === owner || (lease.until ?? 0) < clock.now()) {
            write();
            await sleep(25);
            if (read().owner === owner) break;
          }
          await sleep(50 + random() * 150);
        }
        renew();
        try {
          return await task();
        } finally {
          clock.clearTimeout(renewal);
          if (read().owner === owner) storage.removeItem(key);
        }
      }),
  };
}
