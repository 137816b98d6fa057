import { isRecord } from '../../src/contract/index.js';

/**
 * The browser's side of the relay's agent stream (relay/README.md): the vendor events the relay
 * received for one agent (`voicenter.popup`, `voicenter.cdr`, `sociomile.call`), as server-sent
 * events with increasing ids.
 *
 * - **One stream per browser.** Browsers allow six connections per origin over HTTP/1.1, so the
 *   tabs of one agent elect a leader with a Web Lock held for the tab's life; the leader opens the
 *   stream and passes each event to the other tabs on a BroadcastChannel. When the leader's tab
 *   closes, the lock passes to another tab, which resumes after the last id it heard. Where the
 *   browser refuses Web Locks (a frame with third-party storage blocked), every tab streams itself.
 * - **Resumes after any disconnect**: EventSource reconnects with `Last-Event-ID` by itself; a
 *   stream opened anew (a new leader, a closed stream, a reload of every tab: the last id is kept
 *   in localStorage where the browser allows it) asks with `?lastEventId=`.
 * - **Each event once per page**: ids already seen are ignored (the relay delivers at least once).
 */

/** Where the agent's stream is, and the token that opens it (`Authorization` cannot be set on an EventSource). */
export interface RelayOptions {
  /** The relay's base URL, e.g. `https://relay.example.com/` (https, or http on 127.0.0.1 / localhost). */
  readonly url: string;
  /** The agent id the relay routes by: Voicenter `extenUser`, the Sociomile `extra_params.agent`. */
  readonly agentId: string;
  /** The agent token (relay/README.md "Agent tokens"), or a function that fetches a fresh one. */
  readonly token: string | (() => Promise<string>);
}

/** One event of the stream, as the relay sends it in `data:`. */
export interface RelayStreamEvent {
  readonly id: string;
  readonly vendor: string;
  readonly kind: string;
  readonly agentId: string;
  readonly receivedAt: number;
  readonly body: unknown;
}

/** The event types the relay sends (`event:`). */
export const RELAY_EVENT_TYPES = ['voicenter.popup', 'voicenter.cdr', 'sociomile.call'] as const;

/** What the stream needs from the page; injected in tests. */
export interface RelayEnvironment {
  readonly EventSource: new (url: string) => EventSource;
  readonly BroadcastChannel?: (new (name: string) => BroadcastChannel) | undefined;
  readonly locks?: LockManager | undefined;
  /** Where the last id survives a reload of every tab (the relay sends a stream opened without an id only new events). */
  readonly storage?: Pick<Storage, 'getItem' | 'setItem'> | undefined;
  /** Told of a failure the page cannot fix by itself (a bad token, a refused origin), without values. */
  readonly onProblem?: (problem: string) => void;
  /**
   * Asks for a refused stream's status, which EventSource does not tell: a 400 means the relay does
   * not know the resume id (another relay or store), and sending it again would be refused forever.
   */
  readonly fetch?: ((url: string, init: { signal: AbortSignal }) => Promise<{ status: number }>) | undefined;
}

/** How long the first retry of a refused stream waits. */
const FIRST_RETRY_MS = 2_000;

/** The resume id that asks the relay for every event it keeps (relay/README.md). */
const RESUME_ALL = '0';

/** How many ids a page remembers to drop repeats. */
const SEEN_LIMIT = 2_000;

/**
 * Subscribes `listener` to `type`s events of the agent's stream; returns how to stop. Several
 * subscriptions of one page share nothing: each elects, streams or listens on its own.
 */
export function subscribeRelay(
  options: RelayOptions,
  types: readonly string[],
  listener: (event: RelayStreamEvent) => void,
  env: RelayEnvironment = pageEnvironment(),
): () => void {
  const base = new URL(options.url);
  const name = `softphone-bridge:relay:${base.origin}:${options.agentId}`;
  const seen = new Set<string>();
  let lastId: string | undefined = attempt(() => env.storage?.getItem(name) ?? undefined);
  let stopped = false;
  let source: EventSource | undefined;
  let releaseLeadership: (() => void) | undefined;
  let retryMs = FIRST_RETRY_MS;
  const channel = env.BroadcastChannel === undefined ? undefined : new env.BroadcastChannel(name);

  const deliver = (event: RelayStreamEvent, fromLeader: boolean) => {
    if (stopped || seen.has(event.id)) return;
    seen.add(event.id);
    if (seen.size > SEEN_LIMIT) seen.delete(seen.values().next().value as string);
    lastId = event.id;
    attempt(() => env.storage?.setItem(name, event.id));
    if (!fromLeader) channel?.postMessage(event);
    if (types.includes(`${event.vendor}.${event.kind}`)) listener(event);
  };

  const open = async () => {
    const token = typeof options.token === 'function' ? await options.token() : options.token;
    if (stopped) return;
    const url = new URL(`v1/agents/${encodeURIComponent(options.agentId)}/events`, base);
    url.searchParams.set('token', token);
    if (lastId !== undefined) url.searchParams.set('lastEventId', lastId);
    source = new env.EventSource(url.href);
    for (const type of RELAY_EVENT_TYPES) {
      source.addEventListener(type, (message) => {
        const event = parseEvent((message as MessageEvent).data);
        if (event === undefined) env.onProblem?.(`the relay sent a ${type} event that is not an agent-stream event`);
        else deliver(event, false);
      });
    }
    source.addEventListener('open', () => (retryMs = FIRST_RETRY_MS));
    // EventSource gives up only on a refusal (400, 401, 403, a wrong content type).
    source.addEventListener('error', () => {
      if (source?.readyState !== 2 || stopped) return;
      source = undefined;
      void refused(url.href);
    });
  };

  const refused = async (href: string) => {
    if (lastId !== undefined && lastId !== RESUME_ALL && (await statusOf(href, env.fetch)) === 400) {
      // The relay keeps no event with this id (it moved to another store, or this id came from
      // another relay): ask for every event it keeps instead; the ids seen here drop repeats.
      env.onProblem?.('the relay does not know the last event id; reading every event it keeps');
      lastId = RESUME_ALL;
      return void open();
    }
    // A bad token or origin: a fresh token may help, so try again, waiting twice as long each time up to a minute.
    env.onProblem?.('the relay refused the agent stream (token or origin); trying again');
    setTimeout(() => void open(), retryMs);
    retryMs = Math.min(retryMs * 2, 60_000);
  };

  if (channel !== undefined)
    channel.onmessage = (message) => {
      const event = parseEvent(message.data);
      if (event !== undefined) deliver(event, true);
    };

  const lead = () => {
    if (env.locks === undefined || channel === undefined) return void open();
    env.locks
      .request(name, () => {
        if (stopped) return undefined;
        void open();
        // Held until this page stops or goes away; then another tab leads and resumes.
        return new Promise<void>((resolve) => (releaseLeadership = resolve));
      })
      .catch(() => {
        // Refused (storage blocked in this frame): no election is possible, so this tab streams itself.
        if (!stopped && source === undefined) void open();
      });
  };
  lead();

  return () => {
    stopped = true;
    source?.close();
    source = undefined;
    channel?.close();
    releaseLeadership?.();
  };
}

/** `use()`, or undefined where the browser refuses storage (a frame with third-party storage blocked). */
function attempt<T>(use: () => T): T | undefined {
  try {
    return use();
  } catch {
    return undefined;
  }
}

/** The HTTP status of `href`, or undefined when it cannot be asked (no fetch, a network or CORS failure). */
async function statusOf(href: string, fetch: RelayEnvironment['fetch']): Promise<number | undefined> {
  if (fetch === undefined) return undefined;
  const abort = new AbortController();
  try {
    return (await fetch(href, { signal: abort.signal })).status;
  } catch {
    return undefined;
  } finally {
    abort.abort(); // a stream that opens after all is not read here
  }
}

/** The page's own APIs. */
function pageEnvironment(): RelayEnvironment {
  return {
    EventSource,
    ...(typeof fetch === 'function' ? { fetch: (url: string, init: { signal: AbortSignal }) => fetch(url, init) } : {}),
    storage: attempt(() => localStorage),
    ...(typeof BroadcastChannel === 'function' ? { BroadcastChannel } : {}),
    ...(typeof navigator !== 'undefined' && navigator.locks !== undefined ? { locks: navigator.locks } : {}),
  };
}

/** An agent-stream event from its `data:` JSON (or a BroadcastChannel message), or undefined. */
function parseEvent(data: unknown): RelayStreamEvent | undefined {
  let value = data;
  if (typeof data === 'string') {
    try {
      value = JSON.parse(data);
    } catch {
      return undefined;
    }
  }
  if (!isRecord(value)) return undefined;
  const v = value;
  return typeof v['id'] === 'string' &&
    typeof v['vendor'] === 'string' &&
    typeof v['kind'] === 'string' &&
    typeof v['agentId'] === 'string' &&
    typeof v['receivedAt'] === 'number'
    ? {
        id: v['id'],
        vendor: v['vendor'],
        kind: v['kind'],
        agentId: v['agentId'],
        receivedAt: v['receivedAt'],
        body: v['body'],
      }
    : undefined;
}
