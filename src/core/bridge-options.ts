import type { StorageAccessDocument } from './storage-access.js';
import type { CrmAdapter } from '../contract/crm-adapter.js';
import type { BridgeStore } from '../outbox/bridge-store.js';
import type { FallbackLock } from '../outbox/drain-lock.js';
import type { RetryPolicy } from '../outbox/retry-policy.js';
import type { Clock } from '../shared/clock.js';
import type { Logger } from '../shared/logger.js';
import type { CallPolicy } from './call-policy.js';

/**
 * Options of {@link createBridge}. Only `adapter` is required; every side effect has a default
 * taken from the page and can be injected instead (tests pass fakes).
 */
export interface BridgeOptions {
  /** The CRM. */
  readonly adapter: CrmAdapter;
  /**
   * Where conversations and the outbox live. Default: IndexedDB database `storeName`, or memory
   * (with a warning, and `durability: 'memory'`) when IndexedDB cannot be opened.
   */
  readonly store?: BridgeStore | Promise<BridgeStore>;
  /** IndexedDB database name and Web Lock name; default `softphone-bridge:<adapter.name>`. */
  readonly storeName?: string;
  readonly clock?: Clock;
  /** Random numbers in [0, 1) for backoff jitter. Default `Math.random`. */
  readonly random?: () => number;
  /** Default: warnings and errors to the console. */
  readonly logger?: Logger;
  /** The page: `online` events, `navigator.locks`, `localStorage`, global callback names. Default `globalThis`. */
  readonly window?: BridgeWindow;
  readonly policy?: Partial<CallPolicy>;
  readonly retry?: Partial<RetryPolicy>;
  /** How long a `start_call` waits for `load` before it is refused. Default 30 s. */
  readonly startCallTimeoutMs?: number;
  /** How long finished conversations and sent writes are kept. Default 7 days. */
  readonly retentionMs?: number;
  /**
   * How long a live call (ringing, dialing, connected) that the softphone lost (a reload of either
   * frame, a closed tab) waits for the softphone to speak of it again before the bridge ends it as
   * `interrupted` and logs it. Default 2 minutes; `Infinity` never ends one by itself
   * ({@link Bridge.endLostCalls} still does).
   */
  readonly interruptedAfterMs?: number;
  /**
   * The drain lock where Web Locks are missing or refused. Default: a lock of this page only.
   * Pass `leaseLock` (from `softphone-bridge`) on pages that may be insecure http or run in
   * browsers from before 2022: the tabs then share a lease in localStorage. The script-tag bundles
   * choose in their entry files (ADR 0009).
   */
  readonly fallbackLock?: FallbackLock;
}

/** The parts of `window` the bridge uses. */
export interface BridgeWindow extends EventTarget {
  readonly navigator?: { readonly locks?: LockManager };
  readonly localStorage?: Storage;
  readonly indexedDB?: IDBFactory;
  /** For the Storage Access API (`requestDurableStorage`). */
  readonly document?: StorageAccessDocument;
}

/** Defaults of the numeric options. */
export const BRIDGE_DEFAULTS = {
  startCallTimeoutMs: 30_000,
  retentionMs: 7 * 24 * 60 * 60 * 1000,
  presenceMaxAgeMs: 60_000,
  /** Research T6 asks a closed tab's write to be taken over within 10 s; peers usually do it at once. */
  sweepIntervalMs: 10_000,
  /** An outbound call placed within this time of a CRM `start_call` to the same number is linked to the clicked record. */
  dialHintMs: 120_000,
  /** A reloaded softphone has this long to resume the calls it had (an agent's reload takes seconds). */
  interruptedAfterMs: 120_000,
} as const;
