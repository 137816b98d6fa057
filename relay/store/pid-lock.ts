import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { join } from 'node:path';

/** The lock file's name inside the data folder. */
export const LOCK_FILE = 'relay.lock';

/** Thrown when another live process holds the data folder. */
export class DataDirLockedError extends Error {
  /** @param dir the data folder @param pid the process holding it */
  constructor(
    readonly dir: string,
    readonly pid: number,
  ) {
    super(
      `RELAY_DATA_DIR ${dir} is in use by process ${pid} (its ${LOCK_FILE}); two relays must never share one folder: stop the other, or give this one another RELAY_DATA_DIR.`,
    );
    this.name = 'DataDirLockedError';
  }
}

/**
 * Takes the data folder for this process: creates `relay.lock` (exclusively) holding our pid. A lock
 * left by a process that no longer runs (a SIGKILL, a crash) is taken over; a live holder is an
 * error, because two writers appending to one log would interleave lines and ids.
 * @returns how to give the folder back (removes the lock if it is still ours)
 * @throws DataDirLockedError when a live process holds it
 */
export function acquirePidLock(dir: string): () => void {
  const path = join(dir, LOCK_FILE);
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = openSync(path, 'wx', 0o600);
      try {
        writeSync(fd, `${process.pid}\n`);
      } finally {
        closeSync(fd);
      }
      return () => release(path);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const holder = readPid(path);
    if (holder !== undefined && holder !== process.pid && isAlive(holder)) throw new DataDirLockedError(dir, holder);
    // Stale (dead pid, our own pid from a previous life in a container, or unreadable): take it over.
    try {
      unlinkSync(path);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }
  throw new Error(`Could not take ${path}: another process keeps recreating it.`);
}

function readPid(path: string): number | undefined {
  try {
    const pid = Number.parseInt(readFileSync(path, 'utf8').trim(), 10);
    return Number.isSafeInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

/** Whether a process with this pid exists (EPERM: it exists but belongs to another user). */
function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function release(path: string): void {
  if (readPid(path) !== process.pid) return;
  try {
    unlinkSync(path);
  } catch {
    // Already gone: nothing to give back.
  }
}
