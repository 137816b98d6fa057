/** Which vendor call an event is, as the agent stream names it (`event:` of the SSE message). */
export type RelayEventType = 'voicenter.popup' | 'voicenter.cdr' | 'sociomile.call';

/** An event as stored and pushed: `id` increases per agent (and per store), opaque otherwise. */
export interface RelayEvent {
  readonly id: string;
  readonly type: RelayEventType;
  /** The agent it is routed to; null when no agent claims it (stored and counted, never pushed). */
  readonly agentId: string | null;
  /** Epoch ms when the relay received it. */
  readonly receivedAt: number;
  /** The vendor payload decoded to JSON. */
  readonly body: unknown;
}

/** What ingress asks the store to keep. `dedupeKey` identifies the vendor event (issue 13: ivrid+phase, ivruniqueid, internal_id else uniqueid). */
export interface NewRelayEvent {
  readonly type: RelayEventType;
  readonly agentId: string | null;
  readonly receivedAt: number;
  readonly dedupeKey: string;
  readonly body: unknown;
}

/** The durable log the relay writes before it acknowledges anything. */
export interface EventStore {
  /** Stores `event` unless its dedupeKey is already stored; resolves only once durable. `duplicate` = it was already there (the stored event is returned). Rejects when the store is down. */
  append(event: NewRelayEvent): Promise<{ readonly event: RelayEvent; readonly duplicate: boolean }>;
  /**
   * Whether `id` is an event id of this store, or `0` (from the oldest retained): what a resume
   * (`Last-Event-ID`) may name. The agent stream refuses anything else with 400 before it opens, so
   * that an id from another store (embedded ids are 16 digits, Redis ids `<ms>-<seq>`) is never
   * compared with this store's ids.
   */
  isEventId(id: string): boolean;
  /** The agent's events after `afterId` (exclusive; undefined = from the oldest retained), oldest first, at most `limit`. */
  readAfter(agentId: string, afterId: string | undefined, limit: number): Promise<readonly RelayEvent[]>;
  /** Calls `listener` with every event appended for `agentId` from now on, by this or any other instance; returns how to stop. */
  subscribe(agentId: string, listener: (event: RelayEvent) => void): () => void;
  /** Resolves when the store is reachable (for /readyz); rejects otherwise. */
  ping(): Promise<void>;
  /** Drops events older than `olderThanMs` epoch ms (retention). */
  prune(olderThanMs: number): Promise<void>;
  close(): Promise<void>;
}
