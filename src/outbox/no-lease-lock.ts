import type { DrainLock } from './drain-lock.js';
import { localLock } from './local-lock.js';

/**
 * Stands in for lease-lock.ts in the bundles of CRMs whose pages are always https and whose
 * supported browsers all have Web Locks (Salesforce Lightning, Dynamics, HubSpot, Zendesk): there
 * `createDrainLock` never reaches the lease, so the bundle leaves its code out (rollup.config.mjs,
 * docs/decisions/0009-salesforce-bundle-budget.md). Should Web Locks still be missing, the lock
 * is local to the page, and the adapters' own idempotency keeps one record per call.
 */
export function leaseLock(): DrainLock {
  return localLock();
}
