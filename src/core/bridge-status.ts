import type { DrainLockKind } from '../outbox/drain-lock.js';
import type { OpenedOutbox } from '../outbox/open-outbox.js';
import type { OutboxStats } from '../outbox/outbox.js';
import type { ActivePhone } from './active-phone.js';
import { canRequestStorageAccess, type StorageAccessDocument } from './storage-access.js';

/** What `Bridge.status()` reports, e.g. for a status strip in the softphone panel. */
export interface BridgeStatus {
  readonly loaded: boolean;
  readonly connected: boolean;
  /** `durable` (IndexedDB: calls and writes survive reloads and closed tabs) or `memory` (this page only). */
  readonly durability: 'durable' | 'memory';
  /** Why the store is `memory` when the bridge chose it (IndexedDB missing or refused by the browser). */
  readonly durabilityReason?: string;
  readonly drainLock: DrainLockKind;
  /** Why the drain lock is weaker than Web Locks although the page has them (the browser refused them). */
  readonly drainLockReason?: string;
  /** The store is `memory` and the browser offers the Storage Access API: `Bridge.requestDurableStorage()` may move it to IndexedDB. */
  readonly canRequestDurableStorage?: true;
  /** Another tab of this CRM is the active phone: this one shows the calls, and may `Bridge.takeOver()`. */
  readonly activeElsewhere?: true;
  /** Why every tab is an active phone (Web Locks missing or refused), when the store is shared. */
  readonly activePhoneReason?: string;
  readonly outbox: OutboxStats;
}

/** What the bridge knows of itself beside its outbox, for {@link statusOf}. */
export interface StatusParts {
  readonly loaded: boolean;
  readonly connected: boolean;
  readonly phone: ActivePhone | undefined;
  readonly document: StorageAccessDocument | undefined;
}

/** The bridge's status from its open outbox and `parts`; optional fields only when they say something. */
export async function statusOf(
  { store, outbox, lock, durabilityReason }: OpenedOutbox,
  { loaded, connected, phone, document }: StatusParts,
): Promise<BridgeStatus> {
  return {
    loaded,
    connected,
    durability: store.durability,
    ...(durabilityReason === undefined ? {} : { durabilityReason }),
    drainLock: lock.kind,
    ...(lock.reason === undefined ? {} : { drainLockReason: lock.reason }),
    ...(store.durability === 'memory' && canRequestStorageAccess(document) ? { canRequestDurableStorage: true } : {}),
    ...(phone?.activeElsewhere === true ? { activeElsewhere: true } : {}),
    ...(phone?.reason === undefined ? {} : { activePhoneReason: phone.reason }),
    outbox: await outbox.stats(),
  };
}
