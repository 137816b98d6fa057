import type { CrmWrite, WriteReceipt } from '../contract/crm-write.js';
import {
  adapterTimeout,
  adapterWriteFailed,
  BridgeError,
  errorCode,
  outboxDeadLettered,
  toBridgeError,
} from '../errors/index.js';
import type { Clock } from '../shared/clock.js';
import type { Logger } from '../shared/logger.js';
import type { BridgeStore } from './bridge-store.js';
import type { DrainLock } from './drain-lock.js';
import { reviveEntry, settleFailure, settleSuccess } from './entry-rules.js';
import type { OutboxEntry } from './outbox-entry.js';
import type { OutboxPeers } from './outbox-peers.js';
import { retryDelay, type RetryPolicy } from './retry-policy.js';

/** What the outbox reports as it works; the bridge re-emits these as `outbox.*` events. */
export interface OutboxListener {
  written(entry: OutboxEntry): void;
  failed(entry: OutboxEntry, error: BridgeError): void;
  deadLettered(entry: OutboxEntry, error: BridgeError): void;
}

/** What an {@link Outbox} needs; every side effect is injected. */
export interface OutboxOptions {
  readonly store: BridgeStore;
  readonly lock: DrainLock;
  readonly clock: Clock;
  readonly random: () => number;
  readonly logger: Logger;
  readonly retry: RetryPolicy;
  /** Sends one write to the CRM adapter. */
  readonly deliver: (write: CrmWrite) => Promise<WriteReceipt>;
  readonly listener: OutboxListener;
  /** Where `online` fires (the window); a return to the network retries everything at once. */
  readonly onlineTarget?: EventTarget | undefined;
  /** A presence write older than this is dropped instead of sent: a stale status is worse than none. */
  readonly presenceMaxAgeMs: number;
  /** How often to look for work queued by other tabs that went away. */
  readonly sweepIntervalMs: number;
  /** The other pages on the same store, told of queued writes (see outbox-peers.ts). */
  readonly peers?: OutboxPeers | undefined;
}

/** Where the drainer is; see `Outbox.#state`. */
type DrainerState = 'stopped' | 'idle' | 'draining' | 'again';

/** Counts of entries by status. */
export interface OutboxStats {
  readonly pending: number;
  readonly sent: number;
  readonly dead: number;
}

/**
 * The policy over the store: drains due writes to the adapter one at a time under the drain
 * lock, settles each by revision, retries with backoff, dead-letters after the limit.
 *
 * Delivery is at-least-once: a write whose reply is lost is sent again. Exactly one CRM record
 * per conversation comes from the adapter updating by the receipt it is handed, and from the
 * adapter's own idempotency on `write.key` for the reply-lost case.
 */
export class Outbox {
  #options: OutboxOptions;
  /**
   * `stopped` until {@link start}; `idle` between rounds; `draining` while a round runs; `again`
   * when {@link drain} was called during a round, which then goes once more so that nothing
   * queued meanwhile waits for the timer.
   */
  #state: DrainerState = 'stopped';
  /** The running rounds, which a concurrent {@link drain} joins. */
  #rounds: Promise<void> | undefined;
  /** The next round retries every pending write at once, ignoring backoff (the network came back). */
  #retryAll = false;
  #timer: unknown;
  #onOnline = () => {
    this.#retryAll = true;
    void this.drain();
  };
  #unlisten: (() => void) | undefined;

  constructor(options: OutboxOptions) {
    this.#options = options;
  }

  /** Starts draining: replays whatever a previous page left, and listens for `online`. */
  start(): void {
    if (this.#state !== 'stopped') return;
    this.#state = 'idle';
    this.#options.onlineTarget?.addEventListener('online', this.#onOnline);
    this.#unlisten = this.#options.peers?.listen(() => void this.drain());
    void this.drain();
  }

  /** Stops draining; queued writes stay stored for the next start. */
  stop(): void {
    this.#state = 'stopped';
    this.#options.onlineTarget?.removeEventListener('online', this.#onOnline);
    this.#unlisten?.();
    this.#unlisten = undefined;
    this.#options.clock.clearTimeout(this.#timer);
  }

  /** A write was queued on this page: drains, and tells the other pages so that they stand by. */
  queued(): Promise<void> {
    if (this.#state !== 'stopped') this.#options.peers?.announce();
    return this.drain();
  }

  /**
   * Drains due writes; resolves when this round is over. Concurrent calls join the running
   * round, which then goes once more so that nothing queued meanwhile waits for the timer.
   */
  drain(): Promise<void> {
    if (this.#state === 'stopped') return Promise.resolve();
    if (this.#rounds !== undefined) {
      this.#state = 'again';
      return this.#rounds;
    }
    return (this.#rounds = this.#drainRounds().finally(() => {
      this.#rounds = undefined;
      if (this.#state !== 'stopped') this.#state = 'idle';
    }));
  }

  /** Queues every dead letter again (after the admin fixed the CRM). Resolves to how many. */
  async retryDead(): Promise<number> {
    const { store, clock } = this.#options;
    // An expired presence change stays dead: sending an old status later would be wrong.
    const dead = (await store.listEntries('dead')).filter((entry) => entry.kind !== 'presence');
    for (const entry of dead)
      await store.updateEntry(entry.key, (current) => current && reviveEntry(current, clock.now()));
    if (dead.length > 0) await this.drain();
    return dead.length;
  }

  /** Counts entries by status. */
  async stats(): Promise<OutboxStats> {
    const stats = { pending: 0, sent: 0, dead: 0 };
    for (const entry of await this.#options.store.listEntries()) stats[entry.status] += 1;
    return stats;
  }

  /** Rounds under the lock until no drain() joined during the last one; then sleeps until the next due write. */
  async #drainRounds(): Promise<void> {
    while (this.#state !== 'stopped') {
      this.#state = 'draining';
      const all = this.#retryAll;
      this.#retryAll = false;
      try {
        await this.#options.lock.run(() => this.#drainDue(all));
      } catch (error) {
        // A store failure must not leave an unhandled rejection behind; the sweep tries again.
        this.#options.logger.error('outbox drain failed', { code: errorCode(error) });
      }
      // A drain() that joins while the timer is being scheduled (after the round let go of the
      // lock) still gets the round it was promised.
      if (this.#state === 'draining') await this.#scheduleNext();
      if (this.#state === 'draining') return;
    }
  }

  async #drainDue(all: boolean): Promise<void> {
    const tried = new Set<string>();
    for (;;) {
      if (this.#state === 'stopped') return;
      const now = this.#options.clock.now();
      const due = (await this.#options.store.listEntries('pending'))
        // When retrying everything at once, one try per entry per round is enough.
        .filter((e) => (all ? !tried.has(`${e.key}#${e.revision}`) : e.nextAttemptAt <= now))
        .sort((a, b) => a.nextAttemptAt - b.nextAttemptAt || a.createdAt - b.createdAt);
      if (due.length === 0) return;
      for (const entry of due) {
        tried.add(`${entry.key}#${entry.revision}`);
        await this.#attempt(entry);
      }
    }
  }

  async #attempt(entry: OutboxEntry): Promise<void> {
    const { store, clock, retry, listener, logger } = this.#options;
    const { key, kind, revision } = entry;
    const settle = (rule: (current: OutboxEntry) => OutboxEntry) =>
      store.updateEntry(key, (current) => current && rule(current));
    // Entries stored before `changedAt` existed fall back to `updatedAt`.
    if (kind === 'presence' && clock.now() - (entry.changedAt ?? entry.updatedAt) > this.#options.presenceMaxAgeMs) {
      const error = outboxDeadLettered(kind, key);
      const dead = await settle((current) => settleFailure(current, revision, error.toJSON(), undefined, clock.now()));
      if (dead !== undefined) listener.deadLettered(dead, error);
      return;
    }
    const attempts = entry.attempts + 1;
    let timer: unknown;
    try {
      const timeout = new Promise<never>((_, reject) => {
        timer = clock.setTimeout(
          () => reject(adapterTimeout(`The CRM, on the ${kind} write`, retry.writeTimeoutMs)),
          retry.writeTimeoutMs,
        );
      });
      const write = { ...entry.data, key, receipt: entry.receipt, attempt: attempts };
      const receipt = await Promise.race([this.#options.deliver(write), timeout]);
      const settled = await settle((current) => settleSuccess(current, revision, receipt, clock.now()));
      if (settled !== undefined) listener.written(settled);
    } catch (thrown) {
      const error = toBridgeError(thrown, (cause) =>
        adapterWriteFailed(`The CRM did not take the ${kind} write.`, { cause }),
      );
      const giveUp = !error.retryable || attempts >= retry.maxAttempts;
      const retryAt = giveUp ? undefined : clock.now() + retryDelay(attempts, retry, this.#options.random);
      const settled = await settle((current) => settleFailure(current, revision, error.toJSON(), retryAt, clock.now()));
      if (settled === undefined) return;
      const details = { key, code: error.code, attempts };
      if (settled.status === 'dead') {
        logger.error('outbox write dead-lettered', details);
        listener.deadLettered(settled, outboxDeadLettered(kind, key, { error, attempts }));
      } else {
        logger.warn('outbox write failed', details);
        listener.failed(settled, error);
      }
    } finally {
      clock.clearTimeout(timer);
    }
  }

  /** Sleeps until the earliest pending write is due, or the sweep interval, whichever is first. */
  async #scheduleNext(): Promise<void> {
    const { clock, store, sweepIntervalMs } = this.#options;
    let wait = sweepIntervalMs;
    try {
      const pending = await store.listEntries('pending');
      for (const entry of pending) wait = Math.min(wait, Math.max(0, entry.nextAttemptAt - clock.now()));
    } catch {
      // The sweep interval stands.
    }
    if (this.#state === 'stopped') return;
    clock.clearTimeout(this.#timer);
    this.#timer = clock.setTimeout(() => void this.drain(), wait);
  }
}
