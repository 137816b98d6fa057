import type { CrmWrite, WriteReceipt } from '../contract/crm-write.js';
import { BridgeError, errorCode } from '../errors/index.js';
import type { Clock } from '../shared/clock.js';
import type { Logger } from '../shared/logger.js';
import type { BridgeStore } from './bridge-store.js';
import { copyStore } from './copy-store.js';
import { createDrainLock } from './create-drain-lock.js';
import type { DrainLock, FallbackLock } from './drain-lock.js';
import { createIndexedDbStore } from './indexeddb-store.js';
import { createMemoryStore } from './memory-store.js';
import { Outbox, type OutboxListener } from './outbox.js';
import { broadcastPeers } from './outbox-peers.js';
import type { RetryPolicy } from './retry-policy.js';

/** The parts of the page the outbox uses; all optional (a worker or Node has fewer). */
export interface OutboxPage extends Partial<EventTarget> {
  readonly navigator?: { readonly locks?: LockManager };
  readonly localStorage?: Storage;
  readonly indexedDB?: IDBFactory;
}

/** Everything an outbox is opened with; every side effect is injected. */
export interface OutboxSetup {
  /** The IndexedDB database; the drain lock and the peers' channel are named `<name>:outbox`. */
  readonly name: string;
  readonly page: OutboxPage;
  readonly clock: Clock;
  readonly random: () => number;
  readonly logger: Logger;
  readonly retry: RetryPolicy;
  /** The lock where Web Locks are missing or refused (see `DrainLockEnvironment.fallback`). */
  readonly fallbackLock?: FallbackLock | undefined;
  readonly presenceMaxAgeMs: number;
  readonly sweepIntervalMs: number;
  /** Sends one write to the CRM adapter. */
  readonly deliver: (write: CrmWrite) => Promise<WriteReceipt>;
  readonly listener: OutboxListener;
  /** Told when the browser gives less than durable, shared storage: the store or the drain lock fell back. */
  readonly limited: (what: 'store' | 'drainLock', logLine: string, reason: string) => void;
}

/** An open outbox with the store it drains and the lock it drains under. */
export interface OpenedOutbox {
  readonly outbox: Outbox;
  readonly store: BridgeStore;
  readonly lock: DrainLock;
  /** Why the store is `memory`, when IndexedDB was missing or refused. */
  readonly durabilityReason?: string | undefined;
}

/**
 * Opens the outbox as Workbox's Queue opens its store: the store `given`, else IndexedDB database
 * `setup.name`, else (IndexedDB missing or refused, told through `setup.limited`) memory; drained
 * under the strongest lock the page allows, and told of other tabs' writes over a BroadcastChannel.
 */
export async function openOutbox(
  setup: OutboxSetup,
  given?: BridgeStore | Promise<BridgeStore>,
): Promise<OpenedOutbox> {
  if (given !== undefined) return outboxOver(await given, setup.page.navigator?.locks, setup);
  let factory: IDBFactory | undefined;
  try {
    factory = setup.page.indexedDB;
  } catch {
    // Some browsers throw on merely reading indexedDB where storage is blocked; that is a refusal too.
  }
  let why = 'this page has no IndexedDB';
  if (factory !== undefined) {
    try {
      return outboxOver(await createIndexedDbStore(setup.name, factory), setup.page.navigator?.locks, setup);
    } catch (error) {
      const cause = error instanceof BridgeError ? error.cause : error;
      why = `the browser refused IndexedDB (${cause instanceof Error || cause instanceof DOMException ? cause.name : errorCode(error)})`;
    }
  }
  setup.limited(
    'store',
    'IndexedDB unavailable; using memory',
    `${why}: calls not yet logged are lost if this page reloads or closes`,
  );
  return { ...outboxOver(createMemoryStore(), setup.page.navigator?.locks, setup), durabilityReason: why };
}

/**
 * Moves every conversation and queued write from `from` (memory) into `durable` under the drain
 * lock, so that no write is sent meanwhile, and opens the outbox there with the page's `locks`
 * (granted with storage access). The outbox returned is not started; `from`'s is stopped and its
 * store closed.
 */
export async function moveOutbox(
  from: OpenedOutbox,
  durable: BridgeStore,
  locks: LockManager | undefined,
  setup: OutboxSetup,
): Promise<OpenedOutbox> {
  from.outbox.stop();
  return from.lock.run(async () => {
    const copied = await copyStore(from.store, durable, setup.clock.now());
    from.store.close();
    setup.logger.info('calls moved to IndexedDB', copied);
    return outboxOver(durable, locks, setup);
  });
}

/** The outbox over `store`, drained under the strongest lock `locks` allows (see createDrainLock). */
function outboxOver(store: BridgeStore, locks: LockManager | undefined, setup: OutboxSetup): OpenedOutbox {
  const { page, logger } = setup;
  const name = `${setup.name}:outbox`;
  const lock = createDrainLock(name, {
    locks,
    storage: () => page.localStorage,
    clock: setup.clock,
    random: setup.random,
    fallback: setup.fallbackLock,
    onFallback: (weaker) =>
      setup.limited('drainLock', `Web Locks refused; draining with a ${weaker.kind} lock`, weaker.reason ?? ''),
  });
  const outbox = new Outbox({
    ...setup,
    store,
    lock,
    // Node's globalThis is no EventTarget: without this check `load` failed there (UX review D20).
    onlineTarget: typeof page.addEventListener === 'function' ? (page as EventTarget) : undefined,
    // Only a durable store is shared with other tabs; a page's memory store is its own.
    peers:
      store.durability === 'durable'
        ? broadcastPeers(name, (error) =>
            logger.warn('BroadcastChannel refused; other tabs hear of new writes at their next sweep', {
              name: error instanceof Error ? error.name : typeof error,
            }),
          )
        : undefined,
  });
  return { outbox, store, lock };
}
