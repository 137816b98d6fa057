import type { Bridge, RemoteHost } from '../../src/index.js';
import { CRM_DATABASE, deleteDatabase, type CrmStore } from './crm-store.js';

/** What the console holds open on the two databases. */
export interface DemoParts {
  readonly bridge: Bridge;
  readonly host: RemoteHost;
  readonly store: CrmStore;
  /** The bridge's IndexedDB database (its `storeName`). */
  readonly bridgeDatabase: string;
}

/**
 * "Reset demo": lets go of both databases, deletes them (the CRM's records and the bridge's
 * conversations and outbox), then reloads into a fresh demo. Other open console tabs close their
 * connections when asked and reload; one that cannot makes this reject, and nothing is reloaded.
 */
export async function resetDemo({ bridge, host, store, bridgeDatabase }: DemoParts): Promise<void> {
  host.dispose();
  await bridge.dispose();
  store.close();
  await Promise.all([deleteDatabase(CRM_DATABASE), deleteDatabase(bridgeDatabase)]);
  location.reload();
}
