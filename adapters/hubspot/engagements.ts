import { adapterTimeout, adapterWriteFailed, type Clock } from '../../src/contract/index.js';
import type {
  CallEndStatus,
  CallingExtensionsLike,
  EngagementProperties,
  ObjectCoordinates,
} from './calling-extensions.types.js';

/** A caller-ID match HubSpot sends after `incomingCall`. */
export interface CallerIdMatch {
  readonly callerIdType: 'CONTACT' | 'COMPANY';
  readonly objectCoordinates: ObjectCoordinates;
  readonly firstName?: string;
  readonly lastName?: string;
  readonly name?: string;
}

/** What starting a call needs to say. */
export interface StartedCall {
  readonly conversationId: string;
  readonly direction: 'inbound' | 'outbound';
  readonly phoneNumber: string;
  readonly startedAt: number;
}

/** Where engagement ids survive a reload of the widget (localStorage), when the page allows it. */
export type EngagementStore = Pick<Storage, 'getItem' | 'setItem'>;

const STORE_KEY = 'softphone-bridge:hubspot:engagements';
/** Conversations remembered; older ones have long been logged. */
const MEMORY = 200;

interface Deferred<T> {
  readonly promise: Promise<T>;
  resolve(value: T): void;
  reject(error: unknown): void;
}
function defer<T>(): Deferred<T> {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/**
 * One HubSpot call engagement per conversation, over an SDK whose answers carry no request id.
 *
 * HubSpot creates the engagement when told a call started (`incomingCall` / `outgoingCall` with
 * `createEngagement`) and answers `CREATE_ENGAGEMENT_SUCCEEDED` with its id. Starts are sent one
 * at a time, so each answer belongs to the start in flight (or to the `externalCallId` it names,
 * should HubSpot add one). A start that timed out stays the owner of a late answer until the next
 * start is sent. Ids are kept per conversation (and in `store`), so a retried write updates the
 * same engagement instead of starting another.
 */
export class Engagements {
  #ids = new Map<string, number>();
  #starting = new Map<string, Promise<number>>();
  #chain: Promise<unknown> = Promise.resolve();
  #inFlight: { conversationId: string; deferred: Deferred<number> } | undefined;
  #orphan: string | undefined;
  #callerIds = new Map<string, Deferred<CallerIdMatch[]>>();
  #lastIncoming: string | undefined;
  #answered = new Set<string>();
  #ended = new Set<string>();
  #updates: { engagementId: number; deferred: Deferred<void> }[] = [];

  constructor(
    private readonly sdk: CallingExtensionsLike,
    private readonly clock: Clock,
    private readonly timeoutMs: number,
    private readonly lineNumber: string | undefined,
    private readonly store?: EngagementStore,
  ) {
    try {
      const saved = JSON.parse(store?.getItem(STORE_KEY) ?? '{}') as Record<string, unknown>;
      for (const [conversationId, id] of Object.entries(saved))
        if (Number.isSafeInteger(id)) this.#ids.set(conversationId, id as number);
    } catch {
      // Unreadable storage: start empty; the outbox's receipts still carry ids across reloads.
    }
  }

  /** The engagement of a conversation, when known. */
  id(conversationId: string): number | undefined {
    return this.#ids.get(conversationId);
  }

  /** Remembers an engagement id (from a receipt, or HubSpot's answer). */
  remember(conversationId: string, engagementId: number): void {
    this.#ids.delete(conversationId);
    this.#ids.set(conversationId, engagementId);
    for (const key of this.#ids.keys()) {
      if (this.#ids.size <= MEMORY) break;
      this.#ids.delete(key);
    }
    try {
      this.store?.setItem(STORE_KEY, JSON.stringify(Object.fromEntries(this.#ids)));
    } catch {
      // Storage full or blocked: the id is still kept in memory.
    }
  }

  /** The engagement id of a conversation already started (known or on its way), else undefined. */
  started(conversationId: string): Promise<number> | undefined {
    const known = this.#ids.get(conversationId);
    return known !== undefined ? Promise.resolve(known) : this.#starting.get(conversationId);
  }

  /** Tells HubSpot the call started, once per conversation; resolves with its engagement id. */
  start(call: StartedCall): Promise<number> {
    const known = this.#ids.get(call.conversationId);
    if (known !== undefined) return Promise.resolve(known);
    const pending = this.#starting.get(call.conversationId);
    if (pending !== undefined) return pending;
    const started = this.#chain.then(() => this.#send(call));
    this.#chain = started.catch(() => undefined);
    this.#starting.set(call.conversationId, started);
    // A start that failed may be tried again by the next write.
    started.catch(() => {
      if (this.#starting.get(call.conversationId) === started) this.#starting.delete(call.conversationId);
    });
    return started;
  }

  #send(call: StartedCall): Promise<number> {
    const known = this.#ids.get(call.conversationId); // a late answer may have come in while queued
    if (known !== undefined) return Promise.resolve(known);
    const deferred = defer<number>();
    this.#orphan = undefined;
    this.#inFlight = { conversationId: call.conversationId, deferred };
    const timer = this.clock.setTimeout(() => {
      if (this.#inFlight?.deferred !== deferred) return;
      this.#inFlight = undefined;
      this.#orphan = call.conversationId;
      deferred.reject(
        adapterTimeout('HubSpot, creating the call engagement', this.timeoutMs, {
          details: { conversationId: call.conversationId },
        }),
      );
    }, this.timeoutMs);
    deferred.promise.then(
      () => this.clock.clearTimeout(timer),
      () => this.clock.clearTimeout(timer),
    );
    const them = call.phoneNumber;
    const base = { externalCallId: call.conversationId, callStartTime: call.startedAt, createEngagement: true };
    if (call.direction === 'inbound') {
      this.#lastIncoming = call.conversationId;
      if (!this.#callerIds.has(call.conversationId)) this.#callerIds.set(call.conversationId, defer());
      this.sdk.incomingCall({ ...base, fromNumber: them, toNumber: this.lineNumber ?? '' });
    } else {
      this.sdk.outgoingCall({
        ...base,
        toNumber: them,
        ...(this.lineNumber === undefined ? {} : { fromNumber: this.lineNumber }),
      });
    }
    return deferred.promise;
  }

  /** `onCreateEngagementSucceeded`. */
  created(data: unknown): void {
    const d = (data ?? {}) as { engagementId?: unknown; externalCallId?: unknown };
    const id = Number(d.engagementId);
    if (!Number.isSafeInteger(id) || id <= 0) return;
    const owner =
      typeof d.externalCallId === 'string' ? d.externalCallId : (this.#inFlight?.conversationId ?? this.#orphan);
    if (owner === undefined) return;
    this.remember(owner, id);
    if (this.#orphan === owner) this.#orphan = undefined;
    if (this.#inFlight?.conversationId === owner) {
      this.#inFlight.deferred.resolve(id);
      this.#inFlight = undefined;
    }
  }

  /** `onCreateEngagementFailed`: HubSpot made no engagement; the write is retried. */
  createFailed(): void {
    const inFlight = this.#inFlight;
    this.#inFlight = undefined;
    inFlight?.deferred.reject(
      adapterWriteFailed('HubSpot could not create the call engagement.', {
        details: { conversationId: inFlight.conversationId },
      }),
    );
  }

  /** `onCallerIdMatchSucceeded` / `Failed`: belongs to the latest incoming call. */
  callerIds(data: unknown, ok: boolean): void {
    const matches = ok ? (data as { callerIdMatches?: unknown } | null)?.callerIdMatches : undefined;
    if (this.#lastIncoming !== undefined)
      this.#callerIds.get(this.#lastIncoming)?.resolve(Array.isArray(matches) ? (matches as CallerIdMatch[]) : []);
  }

  /** HubSpot's caller-ID matches for an incoming call, or none after the timeout. */
  callerIdMatches(conversationId: string): Promise<CallerIdMatch[]> {
    const deferred = this.#callerIds.get(conversationId) ?? defer<CallerIdMatch[]>();
    this.#callerIds.set(conversationId, deferred);
    const timer = this.clock.setTimeout(() => deferred.resolve([]), this.timeoutMs);
    return deferred.promise.finally(() => {
      this.clock.clearTimeout(timer);
      this.#callerIds.delete(conversationId);
    });
  }

  /** `callAnswered`, once per conversation. */
  answered(conversationId: string): void {
    if (once(this.#answered, conversationId)) this.sdk.callAnswered({ externalCallId: conversationId });
  }

  /** `callEnded`, once per conversation (HubSpot then shows the call's wrap-up). */
  ended(conversationId: string, engagementId: number, status: CallEndStatus): void {
    if (once(this.#ended, conversationId))
      this.sdk.callEnded({ externalCallId: conversationId, engagementId, callEndStatus: status });
  }

  /** `callCompleted` with the engagement's properties; resolves on `onUpdateEngagementSucceeded`. */
  complete(
    conversationId: string,
    engagementId: number,
    properties: EngagementProperties,
    hideWidget: boolean,
  ): Promise<void> {
    const deferred = defer<void>();
    const entry = { engagementId, deferred };
    this.#updates.push(entry);
    const timer = this.clock.setTimeout(() => {
      this.#updates = this.#updates.filter((u) => u !== entry);
      deferred.reject(
        adapterTimeout('HubSpot, updating the call engagement', this.timeoutMs, { details: { conversationId } }),
      );
    }, this.timeoutMs);
    this.sdk.callCompleted({
      externalCallId: conversationId,
      engagementId,
      hideWidget,
      engagementProperties: properties,
    });
    return deferred.promise.finally(() => this.clock.clearTimeout(timer));
  }

  /** `onUpdateEngagementSucceeded` / `Failed`, matched by engagement id (or the oldest update). */
  updated(data: unknown, ok: boolean): void {
    const id = Number((data as { engagementId?: unknown } | null)?.engagementId);
    const entry = this.#updates.find((u) => u.engagementId === id) ?? this.#updates[0];
    if (entry === undefined) return;
    this.#updates = this.#updates.filter((u) => u !== entry);
    if (ok) entry.deferred.resolve();
    else
      entry.deferred.reject(
        adapterWriteFailed('HubSpot could not update the call engagement.', {
          details: { engagementId: entry.engagementId },
        }),
      );
  }
}

/** Adds `key` to a bounded set; true if it was not there. */
function once(set: Set<string>, key: string): boolean {
  if (set.has(key)) return false;
  set.add(key);
  for (const old of set) {
    if (set.size <= MEMORY) break;
    set.delete(old);
  }
  return true;
}
