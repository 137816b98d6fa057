import './shared/probe.js';
import { createBridge } from '../../../src/core/create-bridge.js';
import { createIndexedDbStore } from '../../../src/outbox/indexeddb-store.js';
import type { BridgeStatus } from '../../../src/core/bridge-status.js';
import { httpCrmAdapter } from './shared/http-crm-adapter.js';

/**
 * One softphone page with the bridge on IndexedDB (the default store) and the HTTP fake CRM:
 * the page the reload and multi-tab scenarios open, reload and close. `?run=&db=&tab=&grace=`
 * (`grace`: the bridge's `interruptedAfterMs`). The runner sends contract events through
 * `window.relTab.call(method, payload)`. The page's CRM view (the adapter's `callUpdated`: what a
 * CRM shows as "On call") is reported to the ledger, so that a call left "On call" is seen.
 */

type EventMethod =
  'incomingCall' | 'callAccepted' | 'callRejected' | 'callEnded' | 'callNotesSubmitted' | 'outboundCallInitiated';

export interface TabApi {
  ready: boolean;
  /** This page instance; a reload makes a new one. Sent with every CRM request. */
  readonly pageId: string;
  /** Sends one contract event; resolves with null, or the rejection's error code. */
  call(method: EventMethod, payload: Record<string, unknown>): Promise<string | null>;
  status(): Promise<BridgeStatus>;
  flush(): Promise<void>;
  /** The softphone frame reloads: a new softphone session calls `load()` again, knowing no call. */
  reloadSoftphone(): Promise<void>;
  /** `bridge.takeOver()`: this tab becomes the active phone. */
  takeOver(): Promise<void>;
  /** The outbox entries not yet sent, straight from the database (for failure reports). */
  unsent(): Promise<
    {
      key: string;
      status: string;
      revision: number;
      attempts: number;
      nextAttemptAt: number;
      receipt: boolean;
      lastError: string | null;
    }[]
  >;
}

const params = new URLSearchParams(location.search);
const run = params.get('run') ?? 'no-run';
const tab = params.get('tab') ?? 'A';
const pageId = `${tab}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
const storeName = params.get('db') ?? `reliability-${run}`;
const grace = params.get('grace');
const adapter = httpCrmAdapter(run, tab, pageId);
// The CRM view: each state the adapter is told, as a CRM shows "On call" and clears it.
adapter.callUpdated = (call) =>
  void fetch(`/crm/${encodeURIComponent(run)}/view`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({
      conversationId: call.conversationId,
      state: call.state,
      outcome: call.outcome ?? null,
      revision: call.revision,
      tab,
      page: pageId,
    }),
  }).catch(() => undefined);
const bridge = createBridge({
  adapter,
  storeName,
  retry: { baseDelayMs: 20, maxDelayMs: 200 },
  ...(grace === null ? {} : { interruptedAfterMs: Number(grace) }),
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
  reloadSoftphone: () => bridge.load(() => {}),
  takeOver: () => bridge.takeOver(),
  async unsent() {
    const store = await createIndexedDbStore(storeName);
    const entries = await store.listEntries();
    store.close();
    return entries
      .filter((e) => e.status !== 'sent')
      .map((e) => ({
        key: e.key,
        status: e.status,
        revision: e.revision,
        attempts: e.attempts,
        nextAttemptAt: e.nextAttemptAt - Date.now(),
        receipt: e.receipt !== undefined,
        lastError: e.lastError?.code ?? null,
      }));
  },
};
(window as unknown as { relTab: TabApi }).relTab = api;
await bridge.load(() => {});
api.ready = true;
