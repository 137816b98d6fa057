import type { CallRecord } from '../contract/call-record.js';

/**
 * One active phone per browser (issue 14, D5): the tabs of one CRM that share a store elect the
 * page whose softphone is the agent's phone, with a Web Lock held for the page's life. The other
 * tabs wait in the lock's queue (the browser hands them the phone when the active tab closes or
 * crashes), can take it over (`steal`), and hear over a BroadcastChannel which calls changed and
 * which calls each tab's softphone still holds, so that their CRM views stay live and no tab ends
 * a call another tab is still on.
 *
 * Where the browser refuses Web Locks (a frame whose third-party storage is blocked) or has none,
 * every page is active, as before: calls are still logged once (the store steps each conversation
 * atomically and the outbox key is per conversation).
 */

/**
 * What tabs tell each other: a call changed (refresh your view; the record itself, so that every tab
 * sees each state in order, as it is in the origin's own IndexedDB), or the calls a tab's softphone holds.
 */
export type PhoneMessage =
  { readonly type: 'changed'; readonly call: CallRecord } | { readonly type: 'held'; readonly ids: readonly string[] };

/** The election as the bridge sees it. */
export interface ActivePhone {
  /** Another tab holds the phone. */
  readonly activeElsewhere: boolean;
  /** Why every page is active although the page may have more than one tab (Web Locks missing or refused). */
  readonly reason: string | undefined;
  /** Makes this page the active phone now; the previous one becomes inactive and queues again. */
  takeOver(): Promise<void>;
  /** Tells the other tabs; nothing when there is no channel. */
  post(message: PhoneMessage): void;
  /** Lets go of the lock and the channel (dispose). */
  close(): void;
}

/** What {@link electPhone} needs from the page and the bridge. */
export interface PhoneEnvironment {
  readonly locks: LockManager | undefined;
  /** Called when the page becomes active (false) or inactive (true). */
  readonly changed: (activeElsewhere: boolean) => void;
  readonly heard: (message: PhoneMessage) => void;
}

const isMessage = (data: unknown): data is PhoneMessage =>
  typeof data === 'object' &&
  data !== null &&
  ((data as { type?: unknown }).type === 'changed' || (data as { type?: unknown }).type === 'held');

/** Starts the election for the tabs sharing `name` (the store's name). */
export function electPhone(name: string, env: PhoneEnvironment): ActivePhone {
  let channel: BroadcastChannel | undefined;
  try {
    channel = typeof BroadcastChannel === 'function' ? new BroadcastChannel(`${name}:phone`) : undefined;
    if (channel !== undefined)
      channel.onmessage = (event: MessageEvent<unknown>) => void (isMessage(event.data) && env.heard(event.data));
  } catch {
    // Refused with the storage: the tabs then learn of each other's calls from the store only.
  }
  const locks = env.locks;
  let elsewhere = false;
  let reason: string | undefined =
    typeof locks?.request === 'function' ? undefined : 'no Web Locks: every tab is a phone';
  let closed = false;
  let release: (() => void) | undefined;
  /** Aborts this page's place in the queue (before a takeover, or on close). */
  let queued: AbortController | undefined;
  const lockName = `${name}:phone`;

  const set = (value: boolean) => {
    if (value === elsewhere) return;
    elsewhere = value;
    env.changed(value);
  };
  /** Holds the lock until `release` (close) or until another tab steals it (the request then rejects). */
  const hold = (lock: Lock | null): Promise<void> | undefined => {
    if (lock === null || closed) return undefined;
    set(false);
    return new Promise<void>((resolve) => (release = resolve));
  };
  const refused = (error: unknown) => {
    reason = `Web Locks refused (${error instanceof DOMException ? error.name : 'error'}): every tab is a phone`;
    set(false);
  };
  /** Waits in the queue; stolen or not, an AbortError means: queue again (unless closing). */
  const wait = (): void => {
    if (closed || locks === undefined || reason !== undefined) return;
    const place = new AbortController();
    queued = place;
    // A place this page gave up itself (a takeover, close) rejects with AbortError: nothing to do.
    locks.request(lockName, { signal: place.signal }, hold).then(
      () => afterHold(),
      (error: unknown) => void (place.signal.aborted || afterHold(error)),
    );
  };
  /** The lock this page held is gone: released on close, or stolen by another tab's takeover. */
  const afterHold = (error?: unknown): void => {
    if (closed) return;
    if (error !== undefined && !(error instanceof DOMException && error.name === 'AbortError')) return refused(error);
    release = undefined;
    set(true);
    wait();
  };
  if (locks !== undefined && reason === undefined) {
    locks
      .request(lockName, { ifAvailable: true }, (lock) => {
        if (lock === null) {
          set(true);
          wait();
          return undefined;
        }
        return hold(lock);
      })
      .then(
        () => {
          // Resolved: ifAvailable found another holder (queued above), or close() released it.
        },
        (error: unknown) =>
          error instanceof DOMException && error.name === 'AbortError' ? afterHold(error) : refused(error),
      );
  }

  return {
    get activeElsewhere() {
      return elsewhere;
    },
    get reason() {
      return reason;
    },
    async takeOver() {
      if (!elsewhere || locks === undefined || closed) return;
      queued?.abort();
      queued = undefined;
      // Stealing releases the other tab's lock at once: its request rejects and it queues again.
      let got = false;
      await new Promise<void>((granted, failed) => {
        locks
          .request(lockName, { steal: true }, (lock) => {
            got = true;
            granted();
            return hold(lock);
          })
          .then(
            () => afterHold(),
            (error: unknown) => (got ? afterHold(error) : failed(error)),
          );
      });
    },
    post(message) {
      try {
        channel?.postMessage(message);
      } catch {
        // A closed channel (the page is going away): the other tabs catch up from the store.
      }
    },
    close() {
      closed = true;
      queued?.abort();
      release?.();
      channel?.close();
    },
  };
}
