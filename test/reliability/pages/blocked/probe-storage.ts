/**
 * What this frame may use, asked of the browser itself before any bridge runs, so that the
 * blocked-storage scenario cannot pass by accident in a frame whose storage works: localStorage,
 * IndexedDB, Web Locks and BroadcastChannel, each `ok` or the name of the refusal.
 */
export interface StorageProbe {
  readonly localStorage: string;
  readonly indexedDB: string;
  readonly locks: string;
  readonly broadcastChannel: string;
}

const nameOf = (error: unknown): string =>
  error instanceof DOMException || error instanceof Error ? error.name : String(error);

async function attempt(use: () => unknown): Promise<string> {
  try {
    await use();
    return 'ok';
  } catch (error) {
    return nameOf(error);
  }
}

/** Tries each storage API the bridge touches, the way the bridge touches it. */
export async function probeStorage(): Promise<StorageProbe> {
  const name = `probe-${Math.random().toString(36).slice(2)}`;
  return {
    localStorage: await attempt(() => window.localStorage.setItem(name, '1')),
    indexedDB: await attempt(
      () =>
        new Promise<void>((resolve, reject) => {
          const request = indexedDB.open(name);
          request.onsuccess = () => {
            request.result.close();
            indexedDB.deleteDatabase(name);
            resolve();
          };
          request.onerror = () => reject(request.error);
        }),
    ),
    locks: await attempt(() => navigator.locks.request(name, async () => undefined)),
    broadcastChannel: await attempt(() => new BroadcastChannel(name).close()),
  };
}
