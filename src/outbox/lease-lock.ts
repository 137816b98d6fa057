import type { DrainLock, DrainLockEnvironment } from './drain-lock.js';
import { localLock } from './local-lock.js';

/** How long a lease lasts without renewal; a crashed tab's lease frees itself after this. */
export const LEASE_MS = 10_000;

/** A lease as stored: who holds it and until when. */
interface Lease {
  readonly owner: string;
  readonly until: number;
}

/**
 * The drain lock where Web Locks are missing (insecure http pages, browsers before 2022): a lease
 * in localStorage, `{owner, until}`. Taken when absent or expired, confirmed by reading it back
 * after a short pause (two tabs writing at once: the last write wins and the other backs off),
 * renewed while the task runs, removed after. Storage that refuses writes (no quota, some privacy
 * modes), or none at all, cannot hold a lease: then the lock is local to the page.
 *
 * A `FallbackLock`: the entry files of bundles that may run in such pages pass it as
 * `fallbackLock`; those of CRMs that only run in https pages of current browsers do not, and leave
 * this module out (docs/decisions/0009-salesforce-bundle-budget.md).
 */
export function leaseLock(name: string, { storage: pageStorage, clock, random }: DrainLockEnvironment): DrainLock {
  const storage = pageStorage === undefined ? undefined : writableStorage(name, pageStorage);
  if (storage === undefined) return localLock();
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

/** The page's localStorage if it takes writes: reading it throws in sandboxed frames, writing it without quota or in some privacy modes. */
function writableStorage(name: string, pageStorage: () => Storage | undefined): Storage | undefined {
  try {
    const storage = pageStorage();
    storage?.setItem(`${name}:probe`, '1');
    storage?.removeItem(`${name}:probe`);
    return storage;
  } catch {
    return undefined;
  }
}
