import type { Clock } from '../shared/clock.js';

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

/** What a drain lock may use; all optional but the clock and random numbers, looked up on the page by default. */
export interface DrainLockEnvironment {
  readonly locks?: LockManager | undefined;
  /** The page's localStorage, for the lease; read only when Web Locks are missing or refused (reading it throws in sandboxed frames). */
  readonly storage?: (() => Storage | undefined) | undefined;
  readonly clock: Clock;
  readonly random: () => number;
  /** Told once when the browser refuses Web Locks and the lock falls back, with the reason. */
  readonly onFallback?: ((lock: DrainLock) => void) | undefined;
  /**
   * The lock where Web Locks are missing or refused: `leaseLock` (a localStorage lease shared by
   * the tabs, for insecure http pages and browsers from before 2022) or, the default, `localLock`
   * (this page only). The entry file chooses: the https-only CRM bundles leave the lease out
   * (docs/decisions/0009-salesforce-bundle-budget.md).
   */
  readonly fallback?: FallbackLock | undefined;
}

/** Makes the lock a page falls back to without Web Locks, named `name` (see {@link DrainLockEnvironment.fallback}). */
export type FallbackLock = (name: string, env: DrainLockEnvironment) => DrainLock;
