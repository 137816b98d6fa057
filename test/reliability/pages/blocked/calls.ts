/**
 * The softphone's part in a cross-site frame whose storage the browser blocks, after the built
 * bundle (`window.softphoneBridge`): probes the storage (probe-storage.ts) before the bridge
 * does anything, loads the bridge, then waits for the scenario to place calls. The CRM's records
 * are counted by the page that holds the CRM (crm.ts): this frame when the vendor's fake runs
 * in it, the page around it when the vendor's SDK talks to `window.parent`.
 */
import { notesOf } from './crm.js';
import { probeStorage, type StorageProbe } from './probe-storage.js';

interface BridgeLike {
  load(callback: (type: string, payload: unknown) => void): Promise<void>;
  incomingCall(params: Record<string, unknown>): Promise<unknown>;
  callAccepted(params: Record<string, unknown>): Promise<unknown>;
  callEnded(params: Record<string, unknown>): Promise<unknown>;
  callNotesSubmitted(params: Record<string, unknown>): Promise<unknown>;
  getCall(conversationId: string): Promise<unknown>;
  status(): Promise<Record<string, unknown> & { outbox: { pending: number; dead: number } }>;
  on(event: string, listener: (...args: never[]) => void): unknown;
}

/** What the scenario drives and reads in the frame (`window.relBlocked`). */
export interface BlockedFrame {
  ready: boolean;
  error?: string;
  probe?: StorageProbe;
  /** `storage.limited` events: what fell back (`store`, `drainLock`). */
  limited: string[];
  /** Conversations whose call log the CRM confirmed (`outbox.written`), in order. */
  written: string[];
  /** This document's start, so that the scenario tells a reloaded frame from the old one. */
  readonly timeOrigin: number;
  /** Places one call per id: ring, accept, notes (`notesOf(id)`) before or after the end. */
  place(ids: string[]): Promise<void>;
  status(): Promise<Record<string, unknown>>;
  /** Which of `ids` this bridge still knows (its store kept them). */
  known(ids: string[]): Promise<boolean[]>;
}

const PARTNER = '215fd887-39be-4935-981f-2670d6afeaa7';

const page = window as unknown as { softphoneBridge: BridgeLike; relBlocked: BlockedFrame };
const bridge = page.softphoneBridge;
const frame: BlockedFrame = {
  ready: false,
  limited: [],
  written: [],
  timeOrigin: performance.timeOrigin,
  async place(ids) {
    for (const [i, conversationId] of ids.entries()) {
      const who = { partnerId: PARTNER, conversationId };
      await bridge.incomingCall({ ...who, callerANI: '+15550100100' });
      await bridge.callAccepted({ ...who });
      // Notes before or after the end, as softphones do both (after the end, they are an update).
      const notes = () =>
        bridge.callNotesSubmitted({ ...who, notes: notesOf(conversationId), disposition: 'resolved' });
      if (i % 2 === 0) await notes();
      await bridge.callEnded({ ...who, duration: 20 + i });
      if (i % 2 === 1) await notes();
    }
  },
  status: () => bridge.status(),
  known: (ids) => Promise.all(ids.map(async (id) => (await bridge.getCall(id)) !== undefined)),
};
page.relBlocked = frame;

bridge.on('storage.limited', (limit: { what: string }) => frame.limited.push(limit.what));
bridge.on('outbox.written', (entry: { data: { kind: string; call?: { conversationId: string } } }) => {
  if (entry.data.kind === 'callLog' && entry.data.call !== undefined)
    frame.written.push(entry.data.call.conversationId);
});

const main = async () => {
  frame.probe = await probeStorage();
  await bridge.load(() => undefined);
};
main().then(
  () => (frame.ready = true),
  (error: unknown) => {
    frame.error = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  },
);
