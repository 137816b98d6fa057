import { storageAccessDenied } from '../errors/index.js';
import type { BridgeStore } from '../outbox/bridge-store.js';
import { createIndexedDbStore } from '../outbox/indexeddb-store.js';

/** The part of `document` the Storage Access API adds. */
export interface StorageAccessDocument {
  requestStorageAccess?(types?: { readonly indexedDB?: boolean; readonly locks?: boolean }): Promise<unknown>;
}

/** Where durable storage is, once granted: the handle's unpartitioned APIs, or the page's own. */
export interface StorageGrant {
  readonly indexedDB: IDBFactory | undefined;
  readonly locks: LockManager | undefined;
}

/** Whether this page can ask the browser for storage access (a user gesture is still needed). */
export function canRequestStorageAccess(doc: StorageAccessDocument | undefined): boolean {
  return typeof doc?.requestStorageAccess === 'function';
}

/**
 * Asks for storage access; call it from the agent's click (the browser requires a user gesture).
 * Chromium (125+) takes the storage types and answers with a handle whose `indexedDB` and `locks`
 * reach the site's own, unpartitioned storage; browsers that grant cookie access only answer
 * nothing, and then the page's own APIs are the ones the grant opened.
 *
 * @see https://developer.mozilla.org/docs/Web/API/Document/requestStorageAccess
 * @see https://privacysandbox.google.com/cookies/storage-access-api (storage beyond cookies)
 */
export async function requestStorageAccess(
  doc: StorageAccessDocument | undefined,
  page: { readonly indexedDB?: IDBFactory; readonly navigator?: { readonly locks?: LockManager } },
): Promise<StorageGrant> {
  if (doc === undefined || typeof doc.requestStorageAccess !== 'function') {
    throw storageAccessDenied('No Storage Access API here.');
  }
  let handle: { indexedDB?: IDBFactory; locks?: LockManager } | undefined;
  try {
    handle = ((await doc.requestStorageAccess({ indexedDB: true, locks: true })) ?? undefined) as typeof handle;
  } catch (cause) {
    throw storageAccessDenied('The browser refused storage access.', cause);
  }
  return { indexedDB: handle?.indexedDB ?? page.indexedDB, locks: handle?.locks ?? page.navigator?.locks };
}

/**
 * Asks for storage access ({@link requestStorageAccess}) and opens the bridge's IndexedDB store
 * `name` through the grant: the store the calls move to, and the locks that come with it.
 * Rejects with `STORAGE_ACCESS_DENIED` when the browser says no or grants no IndexedDB.
 */
export async function openGrantedStore(
  page: {
    readonly document?: StorageAccessDocument;
    readonly indexedDB?: IDBFactory;
    readonly navigator?: { readonly locks?: LockManager };
  },
  name: string,
): Promise<{ durable: BridgeStore; locks: LockManager | undefined }> {
  const grant = await requestStorageAccess(page.document, page);
  if (grant.indexedDB === undefined) throw storageAccessDenied('No IndexedDB after the grant.');
  return { durable: await createIndexedDbStore(name, grant.indexedDB), locks: grant.locks };
}
