import { mkdirSync, openSync, closeSync, fsyncSync, readFileSync, renameSync, truncateSync, existsSync } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import type { EventStore, NewRelayEvent, RelayEvent } from './event-store.js';
import { acquirePidLock } from './pid-lock.js';

/** The log's file name inside the data folder. */
export const LOG_FILE = 'events.jsonl';

/** Digits of an id: zero-padded so that ids compare as text in the order they were given. */
const ID_DIGITS = 16;
/** This store's event ids: the sequence number, zero-padded so that ids sort as text. */
const EVENT_ID = new RegExp(`^\\d{${ID_DIGITS}}$`);

/** Options of {@link openEmbeddedStore}. */
export interface EmbeddedStoreOptions {
  /** The data folder (`RELAY_DATA_DIR`); created when missing. */
  readonly dir: string;
}

/** One line of the log: the event and the key it is deduplicated by. */
interface StoredLine extends RelayEvent {
  readonly dedupeKey: string;
}

interface Pending {
  readonly line: StoredLine;
  readonly resolve: (event: RelayEvent) => void;
  readonly reject: (error: Error) => void;
}

/**
 * Opens the embedded durable store: an append-only JSONL log in `dir`, fsynced before any append
 * resolves, with its index (per-agent lists, dedupe keys) rebuilt in memory from the log. Takes
 * the folder's pid lock first, so a second process on the same folder fails at start.
 * @throws DataDirLockedError when a live process holds the folder; an Error naming the line when
 *   the log is corrupt before its last line
 */
export async function openEmbeddedStore(options: EmbeddedStoreOptions): Promise<EventStore> {
  mkdirSync(options.dir, { recursive: true });
  const release = acquirePidLock(options.dir);
  try {
    const path = join(options.dir, LOG_FILE);
    const { lines, size } = loadLog(path);
    const handle = await open(path, 'a', 0o600);
    return new EmbeddedStore(options.dir, path, handle, lines, size, release);
  } catch (error) {
    release();
    throw error;
  }
}

/**
 * Reads the log. A last line without its newline, or that is not JSON, is what a crash in the
 * middle of a write leaves: it was never acknowledged, so it is cut off (the next append then
 * starts on a clean line). A bad line before the last one is corruption, reported, never skipped.
 */
function loadLog(path: string): { lines: StoredLine[]; size: number } {
  if (!existsSync(path)) return { lines: [], size: 0 };
  const text = readFileSync(path, 'utf8');
  const lines: StoredLine[] = [];
  let start = 0;
  let lineNo = 0;
  while (start < text.length) {
    const end = text.indexOf('\n', start);
    lineNo++;
    const parsed = end === -1 ? undefined : parseLine(text.slice(start, end));
    if (parsed === undefined) {
      const isLast = end === -1 || end === text.length - 1;
      if (!isLast)
        throw new Error(
          `${path}: line ${lineNo} is not a stored event; the log is corrupt before its end (move the file away to start empty).`,
        );
      const whole = Buffer.byteLength(text.slice(0, start), 'utf8');
      truncateSync(path, whole); // the torn tail of a crashed write: never acknowledged
      return { lines, size: whole };
    }
    lines.push(parsed);
    start = end + 1;
  }
  return { lines, size: Buffer.byteLength(text, 'utf8') };
}

function parseLine(raw: string): StoredLine | undefined {
  try {
    const value = JSON.parse(raw) as Partial<StoredLine> | null;
    if (
      value === null ||
      typeof value !== 'object' ||
      typeof value.id !== 'string' ||
      typeof value.type !== 'string' ||
      typeof value.dedupeKey !== 'string' ||
      typeof value.receivedAt !== 'number'
    )
      return undefined;
    return value as StoredLine;
  } catch {
    return undefined;
  }
}

/** The event as handed out: the dedupe key stays inside the store. */
function publicEvent(line: StoredLine): RelayEvent {
  return { id: line.id, type: line.type, agentId: line.agentId, receivedAt: line.receivedAt, body: line.body };
}

/** The index of the first event in `list` (ids ascending) whose id is after `afterId`. */
function firstAfter(list: readonly RelayEvent[], afterId: string): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((list[mid] as RelayEvent).id <= afterId) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

class EmbeddedStore implements EventStore {
  readonly #byAgent = new Map<string, RelayEvent[]>();
  readonly #byKey = new Map<string, { line: StoredLine; event: RelayEvent }>();
  /** Appends written but not yet durable, by dedupe key: a second delivery waits for the first. */
  readonly #inFlight = new Map<string, Promise<RelayEvent>>();
  readonly #listeners = new Map<string, Set<(event: RelayEvent) => void>>();
  #queue: Pending[] = [];
  #flushScheduled = false;
  /** Serialises file work (group commits, prune rewrites). */
  #io: Promise<void> = Promise.resolve();
  #seq = 0;
  /** Bytes of the log known to be whole lines: a failed write is cut back to this. */
  #size: number;
  #closed = false;
  /** Set when the log could not be repaired after a failed write: the store refuses appends. */
  #broken: Error | undefined;

  constructor(
    private readonly dir: string,
    private readonly path: string,
    private handle: FileHandle,
    lines: StoredLine[],
    size: number,
    private readonly release: () => void,
  ) {
    for (const line of lines) this.#index(line);
    this.#size = size;
  }

  #index(line: StoredLine): RelayEvent {
    const event = publicEvent(line);
    const n = Number.parseInt(line.id, 10);
    if (Number.isSafeInteger(n) && n > this.#seq) this.#seq = n;
    this.#byKey.set(line.dedupeKey, { line, event });
    if (event.agentId !== null) {
      const list = this.#byAgent.get(event.agentId);
      if (list === undefined) this.#byAgent.set(event.agentId, [event]);
      else list.push(event);
    }
    return event;
  }

  async append(input: NewRelayEvent): Promise<{ readonly event: RelayEvent; readonly duplicate: boolean }> {
    this.#usable();
    const stored = this.#byKey.get(input.dedupeKey);
    if (stored !== undefined) return { event: stored.event, duplicate: true };
    const inFlight = this.#inFlight.get(input.dedupeKey);
    if (inFlight !== undefined) return { event: await inFlight, duplicate: true };
    const line: StoredLine = {
      id: String(++this.#seq).padStart(ID_DIGITS, '0'),
      type: input.type,
      agentId: input.agentId,
      receivedAt: input.receivedAt,
      dedupeKey: input.dedupeKey,
      body: input.body,
    };
    const promise = new Promise<RelayEvent>((resolve, reject) => this.#queue.push({ line, resolve, reject }));
    this.#inFlight.set(input.dedupeKey, promise);
    this.#scheduleFlush();
    try {
      return { event: await promise, duplicate: false };
    } finally {
      this.#inFlight.delete(input.dedupeKey);
    }
  }

  #usable(): void {
    if (this.#closed) throw new Error('The embedded store is closed.');
    if (this.#broken !== undefined) throw new Error(`The embedded store is down: ${this.#broken.message}`);
  }

  /** Group commit: every append queued while a write+fsync runs goes into the next one. */
  #scheduleFlush(): void {
    if (this.#flushScheduled) return;
    this.#flushScheduled = true;
    this.#serial(() => this.#flush());
  }

  #serial(work: () => Promise<void>): Promise<void> {
    const next = this.#io.then(work, work);
    this.#io = next.catch(() => undefined);
    return next;
  }

  async #flush(): Promise<void> {
    this.#flushScheduled = false;
    const batch = this.#queue;
    this.#queue = [];
    if (batch.length === 0) return;
    const bytes = Buffer.from(batch.map((p) => `${JSON.stringify(p.line)}\n`).join(''), 'utf8');
    try {
      if (this.#broken !== undefined) throw this.#broken;
      // A regular file takes the whole buffer in one write in practice; loop in case it does not.
      for (let offset = 0; offset < bytes.length;)
        offset += (await this.handle.write(bytes, offset, bytes.length - offset)).bytesWritten;
      await this.handle.datasync();
      this.#size += bytes.length;
    } catch (error) {
      await this.#repair();
      const failure = new Error(`The embedded store could not write ${this.path}: ${(error as Error).message}`);
      for (const p of batch) p.reject(failure);
      return;
    }
    for (const p of batch) {
      const event = this.#index(p.line);
      p.resolve(event);
      if (event.agentId !== null) this.#notify(event.agentId, event);
    }
  }

  /** After a failed write, cuts the log back to its last whole line so the next append is clean. */
  async #repair(): Promise<void> {
    try {
      await this.handle.truncate(this.#size);
      await this.handle.datasync();
    } catch (error) {
      this.#broken = new Error(
        `${this.path} could not be repaired after a failed write (${(error as Error).message}); restart the relay`,
      );
    }
  }

  #notify(agentId: string, event: RelayEvent): void {
    for (const listener of this.#listeners.get(agentId) ?? []) {
      try {
        listener(event);
      } catch {
        // One broken listener must not stop the others or the append.
      }
    }
  }

  isEventId(id: string): boolean {
    return id === '0' || EVENT_ID.test(id);
  }

  async readAfter(agentId: string, afterId: string | undefined, limit: number): Promise<readonly RelayEvent[]> {
    this.#usable();
    if (afterId !== undefined && !this.isEventId(afterId))
      throw new RangeError(`embedded store: afterId is not an event id of this store (expected ${ID_DIGITS} digits)`);
    const list = this.#byAgent.get(agentId) ?? [];
    const from = afterId === undefined ? 0 : firstAfter(list, afterId);
    return list.slice(from, from + Math.max(0, limit));
  }

  subscribe(agentId: string, listener: (event: RelayEvent) => void): () => void {
    let set = this.#listeners.get(agentId);
    if (set === undefined) this.#listeners.set(agentId, (set = new Set()));
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0 && this.#listeners.get(agentId) === set) this.#listeners.delete(agentId);
    };
  }

  async ping(): Promise<void> {
    this.#usable();
  }

  /**
   * Drops old events from memory and rewrites the log without them: a temporary file, fsynced,
   * renamed over the log, then the folder fsynced, so a crash leaves either the old or the new log.
   */
  async prune(olderThanMs: number): Promise<void> {
    this.#usable();
    await this.#serial(async () => {
      const kept: StoredLine[] = [];
      let dropped = 0;
      for (const { line } of this.#byKey.values()) {
        if (line.receivedAt < olderThanMs) dropped++;
        else kept.push(line);
      }
      if (dropped === 0) return;
      kept.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
      const tmp = `${this.path}.tmp`;
      const text = kept.map((l) => `${JSON.stringify(l)}\n`).join('');
      const tmpHandle = await open(tmp, 'w', 0o600);
      try {
        await tmpHandle.write(text);
        await tmpHandle.datasync();
      } finally {
        await tmpHandle.close();
      }
      await this.handle.close();
      renameSync(tmp, this.path);
      syncDir(this.dir);
      this.handle = await open(this.path, 'a', 0o600);
      this.#size = Buffer.byteLength(text, 'utf8');
      const seq = this.#seq;
      this.#byKey.clear();
      this.#byAgent.clear();
      for (const line of kept) this.#index(line);
      this.#seq = seq; // ids never go back, even when the newest event was pruned
    });
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await this.#serial(async () => undefined); // let queued commits finish
    this.#listeners.clear();
    await this.handle.close();
    this.release();
  }
}

/** fsync of the folder, so that a rename survives a power cut. */
function syncDir(dir: string): void {
  const fd = openSync(dir, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
