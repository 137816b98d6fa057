import { createClient } from '@redis/client';
import type { EventStore, NewRelayEvent, RelayEvent } from './event-store.js';
import { APPEND_SCRIPT, PRUNE_DEDUPE_SCRIPT, evalScript, scriptSha } from './redis-append-script.js';
import { STREAM_ID, decodeEntry, encodeEntry } from './redis-entry.js';
import { DEFAULT_REDIS_KEY_PREFIX, redisKeys, type RedisKeys } from './redis-keys.js';
import { RedisSubscriber } from './redis-subscriber.js';
import { redactRedisUrl, redisConnection } from './redis-url.js';

/** Options of the Redis Streams store. */
export interface RedisStoreOptions {
  /** `redis://[[user]:password@]host[:port][/db]`, `rediss://…` or `unix:///path/to/redis.sock[?db=N]` (REDIS_URL). */
  readonly url: string;
  /** Prefix of every key (default `sb:relay:`): relays sharing a prefix share their events. */
  readonly keyPrefix?: string;
  /** A command not answered within this many ms rejects (default 5000): a hung Redis means 503, not a hung request. */
  readonly commandTimeoutMs?: number;
  /** How long one XREAD of the subscriber blocks (default 5000 ms). */
  readonly blockMs?: number;
  /** CLIENT SETNAME of both connections (default `sb-relay`), so that operators see them in CLIENT LIST. */
  readonly clientName?: string;
  /** Connection state changes and subscriber failures, without event contents (default: console.warn). */
  readonly log?: (message: string, level?: 'info' | 'warn') => void;
}

const APPEND_SHA = scriptSha(APPEND_SCRIPT);
const PRUNE_DEDUPE_SHA = scriptSha(PRUNE_DEDUPE_SCRIPT);
const PRUNE_BATCH = 1000;
/** Lowest Redis with XADD/XTRIM MINID and exclusive XRANGE starts. */
const MIN_VERSION = [6, 2] as const;

type Client = ReturnType<typeof createClient<{}, {}, {}, 2, {}>>;

/**
 * `reply`, or a rejection after `ms`. A late reply is then dropped; the command may still take
 * effect (an append then stored but not acknowledged: the vendor's redelivery is a duplicate).
 */
function replyWithin(reply: Promise<unknown>, ms: number, command: string): Promise<unknown> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`redis store: Redis did not answer ${command} within ${ms} ms`)), ms);
  });
  reply.catch(() => undefined); // a rejection after the timeout is no one's to handle
  return Promise.race([reply, late]).finally(() => clearTimeout(timer));
}

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/**
 * The relay's EventStore over Redis Streams (Redis ≥ 6.2): one stream per agent plus one for
 * unrouted events, the dedupe check and the XADD in one Lua script, replay by XRANGE, live push
 * over one blocking connection per instance, retention by XTRIM MINID. Two connections per
 * instance in all, however many agents subscribe. Create it with {@link createRedisStore}.
 */
export class RedisStore implements EventStore {
  readonly #main: Client;
  readonly #blocking: Client;
  readonly #keys: RedisKeys;
  readonly #timeoutMs: number;
  readonly #subscriber: RedisSubscriber;
  #closed = false;

  /** Use {@link createRedisStore}, which connects and checks the server first. */
  constructor(main: Client, blocking: Client, options: RedisStoreOptions) {
    this.#main = main;
    this.#blocking = blocking;
    this.#keys = redisKeys(options.keyPrefix ?? DEFAULT_REDIS_KEY_PREFIX);
    this.#timeoutMs = options.commandTimeoutMs ?? 5_000;
    const log = options.log ?? ((m: string) => console.warn(m));
    this.#subscriber = new RedisSubscriber({
      main: (args, timeoutMs) => this.#send(this.#main, args, timeoutMs),
      blocking: (args, timeoutMs) => this.#send(this.#blocking, args, timeoutMs),
      streamKey: (agentId) => this.#keys.agent(agentId),
      blockMs: options.blockMs ?? 5_000,
      onError: (err) => {
        if (!this.#closed) log(`redis store: subscriber: ${errorText(err)}`);
      },
    });
    blocking.on('ready', () => this.#subscriber.connectionReset());
  }

  /** The key layout in use (tests and operators' tooling). */
  get keys(): RedisKeys {
    return this.#keys;
  }

  #send(client: Client, args: string[], timeoutMs = this.#timeoutMs): Promise<unknown> {
    if (this.#closed) return Promise.reject(new Error('redis store: closed'));
    // @redis/client's own timeout stops counting once the command is written: a Redis that accepts
    // the bytes but never answers (stopped, overloaded, a half-open connection) would hang the
    // vendor's request. Bound the wait for the reply ourselves, on the command connection. (The
    // blocking connection waits: a second read queued behind a hung one would only block longer.)
    const reply = client.sendCommand(args, { timeout: timeoutMs });
    return client === this.#main ? replyWithin(reply, timeoutMs, args[0] ?? '') : reply;
  }

  /** @inheritdoc */
  async append(event: NewRelayEvent): Promise<{ readonly event: RelayEvent; readonly duplicate: boolean }> {
    if (typeof event.dedupeKey !== 'string' || event.dedupeKey === '')
      throw new TypeError('redis store: append needs a non-empty dedupeKey');
    if (event.agentId !== null && (typeof event.agentId !== 'string' || event.agentId === '')) {
      throw new TypeError('redis store: agentId must be a non-empty string or null');
    }
    // ≥ 1: the id `<receivedAt>-0` must be above 0-0, the lowest id XADD refuses.
    if (!Number.isSafeInteger(Math.floor(event.receivedAt)) || event.receivedAt < 1)
      throw new TypeError('redis store: receivedAt must be epoch ms');
    const k = this.#keys;
    const stream = event.agentId === null ? k.unrouted : k.agent(event.agentId);
    const fields = encodeEntry(event);
    const reply = (await evalScript(
      (args) => this.#send(this.#main, args),
      APPEND_SCRIPT,
      APPEND_SHA,
      [k.dedupe, k.dedupeByTime, k.streams, stream],
      [event.dedupeKey, String(Math.floor(event.receivedAt)), ...fields],
    )) as [number, string];
    if (Number(reply[0]) === 0) {
      return { event: decodeEntry(reply[1], fields), duplicate: false };
    }
    return { event: await this.#stored(reply[1], event), duplicate: true };
  }

  /** The event a dedupe record points at (`<id> <stream key>`). */
  async #stored(record: string, incoming: NewRelayEvent): Promise<RelayEvent> {
    const space = record.indexOf(' ');
    const id = record.slice(0, space);
    const stream = record.slice(space + 1);
    const entries = (await this.#send(this.#main, ['XRANGE', stream, id, id])) as [string, string[]][];
    const entry = entries[0];
    if (entry) return decodeEntry(entry[0], entry[1]);
    // Trimmed by retention a moment ago while its dedupe record was not yet: still the same event,
    // known by its stored id; the incoming copy carries the vendor's content.
    return { id, type: incoming.type, agentId: incoming.agentId, receivedAt: incoming.receivedAt, body: incoming.body };
  }

  /** @inheritdoc */
  isEventId(id: string): boolean {
    return id === '0' || STREAM_ID.test(id);
  }

  /** @inheritdoc */
  async readAfter(agentId: string, afterId: string | undefined, limit: number): Promise<readonly RelayEvent[]> {
    if (!Number.isSafeInteger(limit) || limit < 0)
      throw new RangeError(`redis store: limit must be a non-negative integer, got ${limit}`);
    if (limit === 0) return []; // XRANGE COUNT 0 would mean "no limit"
    // "0" is the documented resume-from-the-start (relay/README.md, `lastEventId=0`), on every store.
    if (afterId === '0') afterId = undefined;
    if (afterId !== undefined && !STREAM_ID.test(afterId)) {
      throw new RangeError('redis store: afterId is not an event id of this store (expected <ms>-<seq>)');
    }
    const start = afterId === undefined ? '-' : `(${afterId}`;
    const entries = (await this.#send(this.#main, [
      'XRANGE',
      this.#keys.agent(agentId),
      start,
      '+',
      'COUNT',
      String(limit),
    ])) as [string, string[]][];
    return entries.map(([id, flat]) => decodeEntry(id, flat));
  }

  /** @inheritdoc */
  subscribe(agentId: string, listener: (event: RelayEvent) => void): () => void {
    return this.#subscriber.subscribe(agentId, listener);
  }

  /** @inheritdoc */
  async ping(): Promise<void> {
    const reply = await this.#send(this.#main, ['PING']);
    if (reply !== 'PONG') throw new Error(`redis store: PING answered ${String(reply)}`);
  }

  /**
   * @inheritdoc
   * Stream entries go by XTRIM MINID: their ids carry `receivedAt` (see APPEND_SCRIPT), moved later
   * only when an instance's clock lagged another's. The dedupe records go by `receivedAt` too.
   */
  async prune(olderThanMs: number): Promise<void> {
    if (!Number.isFinite(olderThanMs)) throw new TypeError('redis store: prune needs epoch ms');
    const minId = `${Math.max(0, Math.floor(olderThanMs))}-0`;
    const k = this.#keys;
    let cursor = '0';
    do {
      const [next, streams] = (await this.#send(this.#main, ['SSCAN', k.streams, cursor, 'COUNT', '500'])) as [
        string,
        string[],
      ];
      cursor = next;
      await Promise.all(streams.map((s) => this.#send(this.#main, ['XTRIM', s, 'MINID', minId])));
    } while (cursor !== '0');
    let dropped: number;
    do {
      dropped = Number(
        await evalScript(
          (args) => this.#send(this.#main, args),
          PRUNE_DEDUPE_SCRIPT,
          PRUNE_DEDUPE_SHA,
          [k.dedupe, k.dedupeByTime],
          [String(olderThanMs), String(PRUNE_BATCH)],
        ),
      );
    } while (dropped === PRUNE_BATCH);
  }

  /** @inheritdoc */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    const loopEnded = this.#subscriber.close();
    this.#blocking.destroy(); // ends a blocked read at once (it fails, and the closed loop stops)
    await loopEnded;
    await this.#main.close().catch(() => this.#main.destroy()); // lets in-flight appends finish
  }
}

/**
 * Connects to Redis (two connections: commands, and the blocking reads of the subscriber), checks
 * it is Redis ≥ 6.2, and returns the store. Rejects with a clear message (the URL without its
 * password) when Redis cannot be reached or is too old. Once started, losing Redis makes appends
 * reject at once (no offline queue: ingress answers 503) and both connections reconnect by
 * themselves.
 */
export async function createRedisStore(options: RedisStoreOptions): Promise<RedisStore> {
  const log = options.log ?? ((m: string) => console.warn(m));
  const where = redactRedisUrl(options.url);
  const { url, path, database, username, password } = redisConnection(options.url);
  const connectTimeout = options.commandTimeoutMs ?? 5_000;
  const reconnectStrategy = (retries: number) => Math.min(50 * 2 ** retries, 1_000);
  const main: Client = createClient({
    ...(url !== undefined ? { url } : {}),
    ...(database !== undefined ? { database } : {}),
    ...(username !== undefined ? { username } : {}),
    ...(password !== undefined ? { password } : {}),
    name: options.clientName ?? 'sb-relay',
    RESP: 2,
    disableOfflineQueue: true, // while Redis is away, appends fail at once (503) instead of waiting in a queue
    socket: path !== undefined ? { path, connectTimeout, reconnectStrategy } : { connectTimeout, reconnectStrategy },
  });
  let up = false;
  main.on('error', (err: unknown) => {
    if (up) log(`redis store: lost ${where}: ${errorText(err)}; appends answer 503 until it is back`);
    up = false;
  });
  main.on('ready', () => {
    if (!up) log(`redis store: connected to ${where}`, 'info');
    up = true;
  });
  try {
    await connectOnce(main);
  } catch (err) {
    throw new Error(`redis store: cannot reach ${where}: ${errorText(err)}`);
  }
  const info = String(await main.sendCommand(['INFO', 'server']));
  const version = /redis_version:(\d+)\.(\d+)/.exec(info);
  const [major, minor] = [Number(version?.[1]), Number(version?.[2])];
  if (!version || major < MIN_VERSION[0] || (major === MIN_VERSION[0] && minor < MIN_VERSION[1])) {
    main.destroy();
    throw new Error(
      `redis store: ${where} runs Redis ${version ? `${major}.${minor}` : '(unknown version)'}; the relay needs Redis >= ${MIN_VERSION.join('.')} (XADD MINID, exclusive XRANGE)`,
    );
  }
  const blocking: Client = main.duplicate();
  blocking.on('error', () => {
    // reported through the main connection's state and the subscriber's own errors
  });
  await blocking.connect();
  return new RedisStore(main, blocking, options);
}

/** Connects, but gives up on the first failure instead of retrying for ever (a startup error). */
async function connectOnce(client: Client): Promise<void> {
  let failed: ((err: unknown) => void) | undefined;
  const firstError = new Promise<never>((_, reject) => (failed = reject));
  const onError = (err: unknown) => failed?.(err);
  client.on('error', onError);
  try {
    await Promise.race([client.connect(), firstError]);
  } catch (err) {
    client.destroy();
    throw err;
  } finally {
    client.off('error', onError);
  }
}
