/**
 * The softphone's part in a cross-site frame whose storage the browser blocks: probes the storage
 * (probe-storage.ts), then places `calls` calls through `window.softphoneBridge` (the built bundle
 * the page loaded) and reports the bridge's status. Each CRM page counts its own records.
 */
import { probeStorage, type StorageProbe } from './probe-storage.js';

interface Contract {
  load(callback: (type: string, payload: unknown) => void): Promise<void>;
  incomingCall(params: Record<string, unknown>): Promise<unknown>;
  callAccepted(params: Record<string, unknown>): Promise<unknown>;
  callEnded(params: Record<string, unknown>): Promise<unknown>;
  callNotesSubmitted(params: Record<string, unknown>): Promise<unknown>;
  status(): Promise<Record<string, unknown> & { outbox: { pending: number; dead: number } }>;
}

/** What the scenario reads back from the frame. */
export interface BlockedRun {
  done: boolean;
  error?: string;
  probe?: StorageProbe;
  conversations: string[];
  status?: Record<string, unknown>;
  limited: string[];
}

const PARTNER = '215fd887-39be-4935-981f-2670d6afeaa7';

/** Runs the calls; `settled()` says when the CRM holds what it should. */
export function runCalls(calls: number, settled: (conversations: string[]) => boolean): BlockedRun {
  const run: BlockedRun = { done: false, conversations: [], limited: [] };
  (window as unknown as { relBlocked: BlockedRun }).relBlocked = run;
  const main = async () => {
    run.probe = await probeStorage();
    const bridge = (window as unknown as { softphoneBridge: Contract & { on?: (e: string, l: (x: { what: string }) => void) => void } }).softphoneBridge;
    bridge.on?.('storage.limited', (limit) => run.limited.push(limit.what));
    await bridge.load(() => undefined);
    for (let i = 0; i < calls; i += 1) {
      const conversationId = `blocked-${Date.now()}-${i}`;
      run.conversations.push(conversationId);
      const ids = { partnerId: PARTNER, conversationId };
      await bridge.incomingCall({ ...ids, callerANI: '+15550100100' });
      await bridge.callAccepted({ ...ids });
      // Notes before or after the end, as softphones do both.
      if (i % 2 === 0) await bridge.callNotesSubmitted({ ...ids, notes: `notes ${i}`, disposition: 'resolved' });
      await bridge.callEnded({ ...ids, duration: 20 + i });
      if (i % 2 === 1) await bridge.callNotesSubmitted({ ...ids, notes: `notes ${i}`, disposition: 'resolved' });
    }
    // Until the CRM holds every call and the outbox has nothing left (notes after the end are updates).
    for (let i = 0; i < 400; i += 1) {
      const status = await bridge.status();
      run.status = status;
      if (settled(run.conversations) && status.outbox.pending === 0) break;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  };
  main().then(
    () => (run.done = true),
    (error: unknown) => {
      run.error = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      run.done = true;
    },
  );
  return run;
}
