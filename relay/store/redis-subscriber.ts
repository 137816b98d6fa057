import type { RelayEvent } from './event-store.js';
import { decodeEntry } from './redis-entry.js';

/** A raw Redis command runner with an optional per-command timeout (ms). */
export type RawSend = (args: string[], timeoutMs?: number) => Promise<unknown>;

/** What the subscriber needs from the store. */
export interface RedisSubscriberDeps {
  /** The dedicated connection for XREAD BLOCK: nothing else may queue behind a blocked read. */
  readonly blocking: RawSend;
  /** The store's ordinary connection (baselines, CLIENT UNBLOCK). */
  readonly main: RawSend;
  /** Stream key of an agent. */
  readonly streamKey: (agentId: string) => string;
  /** How long one XREAD blocks (ms); also bounds how late an unsubscribed stream leaves the read. */
  readonly blockMs: number;
  /** Reports a failure of the read loop or of a listener (never with event contents). */
  readonly onError: (err: unknown) => void;
}

interface AgentSubscription {
  /** The last stream id delivered (or the baseline); undefined until the baseline is known. */
  cursor: string | undefined;
  readonly listeners: Set<(event: RelayEvent) => void>;
}

/** RESP2 XREAD reply: per stream, its key and entries `[id, [field, value, …]]`. */
type XReadReply = [string, [string, string[]][]][] | null;

/**
 * Pushes appended events to this instance's subscribers over ONE blocking connection, however many
 * agents are subscribed: a loop of `XREAD BLOCK` over the streams of the currently subscribed
 * agents. When an agent is added while a read blocks, the read is cut short with CLIENT UNBLOCK
 * (issued on the other connection) and re-issued with the new set.
 */
export class RedisSubscriber {
  readonly #deps: RedisSubscriberDeps;
  readonly #agents = new Map<string, AgentSubscription>();
  /** Bumped on every change of the set that the running read must pick up. */
  #generation = 0;
  /** Generation of the read in flight, undefined when none is. */
  #reading: number | undefined;
  /** CLIENT ID of the blocking connection; reset when it reconnects (the id changes). */
  #blockingId: string | undefined;
  #closed = false;
  #wake: (() => void) | undefined;
  #kickTimer: ReturnType<typeof setTimeout> | undefined;
  readonly #loop: Promise<void>;

  /** Starts the read loop (idle until someone subscribes). */
  constructor(deps: RedisSubscriberDeps) {
    this.#deps = deps;
    this.#loop = this.#run();
  }

  /** Number of agents with at least one listener (for tests and metrics). */
  get agentCount(): number {
    return this.#agents.size;
  }

  /** Forgets the blocking connection's id (call when that connection reconnects). */
  connectionReset(): void {
    this.#blockingId = undefined;
  }

  /**
   * Adds `listener` for `agentId`. Its baseline is the agent's newest id, asked on the main
   * connection right now: an append issued after this call through the same store comes after it in
   * Redis's order, so it is delivered.
   */
  subscribe(agentId: string, listener: (event: RelayEvent) => void): () => void {
    if (this.#closed) throw new Error('redis store: closed');
    let sub = this.#agents.get(agentId);
    if (!sub) {
      const created: AgentSubscription = { cursor: undefined, listeners: new Set() };
      sub = created;
      this.#agents.set(agentId, created);
      this.#baseline(agentId, created);
    }
    const wrapped = (event: RelayEvent) => listener(event); // a listener added twice counts twice
    sub.listeners.add(wrapped);
    const current = sub;
    return () => {
      current.listeners.delete(wrapped);
      // The stream leaves the read at the next re-issue (within blockMs): no need to interrupt it.
      if (current.listeners.size === 0 && this.#agents.get(agentId) === current) this.#agents.delete(agentId);
    };
  }

  /** Stops the loop and drops every subscription. */
  async close(): Promise<void> {
    this.#closed = true;
    this.#agents.clear();
    clearTimeout(this.#kickTimer);
    this.#wake?.();
    await this.#kick();
    await this.#loop;
  }

  #baseline(agentId: string, sub: AgentSubscription): void {
    const resolve = (cursor: string) => {
      if (this.#agents.get(agentId) !== sub || sub.cursor !== undefined) return;
      sub.cursor = cursor;
      this.#changed();
    };
    this.#deps.main(['XREVRANGE', this.#deps.streamKey(agentId), '+', '-', 'COUNT', '1']).then(
      (reply) => {
        const newest = (reply as [string, string[]][] | null)?.[0]?.[0];
        resolve(newest ?? '0-0');
      },
      (err: unknown) => {
        // Redis unreachable: nothing can be appended meanwhile except by instances whose appends
        // Redis times by its own clock; start a minute back so that none of those is missed (a
        // listener may then see an event from just before it subscribed: ids are for deduping).
        this.#deps.onError(err);
        resolve(`${Math.max(0, Date.now() - 60_000)}-0`);
      },
    );
  }

  #changed(): void {
    this.#generation += 1;
    this.#wake?.();
    void this.#kick();
  }

  /** Cuts a blocked read short if it was issued for an older generation. */
  async #kick(): Promise<void> {
    if (this.#reading === undefined || (this.#reading === this.#generation && !this.#closed)) return;
    const id = this.#blockingId;
    if (id === undefined) return;
    let unblocked = 0;
    try {
      unblocked = Number(await this.#deps.main(['CLIENT', 'UNBLOCK', id, 'TIMEOUT']));
    } catch (err) {
      this.#deps.onError(err);
    }
    // 0 = the read was still on its way to Redis: try again shortly, until it has returned.
    if (unblocked === 0 && this.#reading !== undefined && (this.#reading !== this.#generation || this.#closed)) {
      clearTimeout(this.#kickTimer);
      this.#kickTimer = setTimeout(() => void this.#kick(), 5);
    }
  }

  async #run(): Promise<void> {
    let backoff = 50;
    let failing = false;
    while (!this.#closed) {
      const ready = [...this.#agents].filter(([, s]) => s.cursor !== undefined);
      if (ready.length === 0) {
        await new Promise<void>((r) => (this.#wake = r));
        this.#wake = undefined;
        continue;
      }
      const generation = this.#generation;
      try {
        this.#blockingId ??= String(await this.#deps.blocking(['CLIENT', 'ID']));
        const keys = ready.map(([agentId]) => this.#deps.streamKey(agentId));
        const ids = ready.map(([, s]) => s.cursor!);
        this.#reading = generation;
        if (generation !== this.#generation) void this.#kick();
        const reply = (await this.#deps.blocking(
          ['XREAD', 'COUNT', '500', 'BLOCK', String(this.#deps.blockMs), 'STREAMS', ...keys, ...ids],
          this.#deps.blockMs + 5_000,
        )) as XReadReply;
        this.#reading = undefined;
        backoff = 50;
        failing = false;
        if (reply) this.#deliver(ready, reply);
      } catch (err) {
        this.#reading = undefined;
        if (this.#closed) break;
        if (!failing) this.#deps.onError(err); // once per outage, not once per retry
        failing = true;
        await new Promise((r) => setTimeout(r, backoff));
        backoff = Math.min(backoff * 2, 1_000);
      }
    }
  }

  #deliver(read: [string, AgentSubscription][], reply: NonNullable<XReadReply>): void {
    const byKey = new Map(read.map(([agentId, sub]) => [this.#deps.streamKey(agentId), sub] as const));
    for (const [key, entries] of reply) {
      const sub = byKey.get(key);
      if (!sub) continue;
      for (const [id, flat] of entries) {
        sub.cursor = id; // advance even past a bad entry: never loop on it
        let event: RelayEvent;
        try {
          event = decodeEntry(id, flat);
        } catch (err) {
          this.#deps.onError(err);
          continue;
        }
        for (const listener of [...sub.listeners]) {
          try {
            listener(event);
          } catch (err) {
            this.#deps.onError(err);
          }
        }
      }
    }
  }
}
