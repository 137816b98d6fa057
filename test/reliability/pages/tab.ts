import './shared/probe.js';
import { createBridge } from '../../../src/core/bridge.js';
import { createIndexedDbStore } from '../../../src/outbox/indexeddb-store.js';
import type { BridgeStatus } from '../../../src/core/bridge.js';
import { httpCrmAdapter } from './shared/http-crm-adapter.js';

/**
 * One softphone page with the bridge on IndexedDB (the default store) and the HTTP fake CRM:
 * the page the reload and multi-tab scenarios open, reload and close. `?run=&db=&tab=`.
 * The runner sends contract events through `window.relTab.call(method, payload)`.
 */

type EventMethod = 'incomingCall' | 'callAccepted' | 'callRejected' | 'callEnded' | 'callNotesSubmitted' | 'outboundCallInitiated';

export interface TabApi {
  ready: boolean;
  /** This page instance; a reload makes a new one. Sent with every CRM request. */
  readonly pageId: string;
  /** Sends one contract event; resolves with null, or the rejection's error code. */
  call(method: EventMethod, payload: Record<string, unknown>): Promise<string | null>;
  status(): Promise<BridgeStatus>;
  flush(): Promise<void>;
  /** The outbox entries not yet sent, straight from the database (for failure reports). */
  unsent(): Promise<{ key: string; status: string; revision: number; attempts: number; nextAttemptAt: number; receipt: boolean; lastError: string | null }[]>;
}

const params = new URLSearchParams(location.search);
const run = params.get('run') ?? 'no-run';
const tab = params.get('tab') ?? 'A';
const pageId = `${tab}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
const storeName = params.get('db') ?? `reliability-${run}`;
const bridge = createBridge({
  adapter: httpCrmAdapter(run, tab, pageId),
  storeName,
  retry: { baseDelayMs: 20, maxDelayMs: 200 },
});

const api: TabApi = {
  ready: false,
  pageId,
  async call(method, payload) {
    const send = bridge[method] as (params: Record<string, unknown>) => Promise<unknown>;
    try {
      await send.call(bridge, payload);
      return null;
    } catch (error) {
      return typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : 'NOT_A_BRIDGE_ERROR';
    }
  },
  status: () => bridge.status(),
  flush: () => bridge.flush(),
  async unsent() {
    const store = await createIndexedDbStore(storeName);
    const entries = await store.listEntries();
    store.close();
    return entries
      .filter((e) => e.status !== 'sent')
      .map((e) => ({ key: e.key, status: e.status, revision: e.revision, attempts: e.attempts, nextAttemptAt: e.nextAttemptAt - Date.now(), receipt: e.receipt !== undefined, lastError: e.lastError?.code ?? null }));
  },
};
(window as unknown as { relTab: TabApi }).relTab = api;
await bridge.load(() => {});
api.ready = true;
