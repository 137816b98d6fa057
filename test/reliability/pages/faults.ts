import './shared/probe.js';
import { FakeCrm, fakeAdapter } from '../../../adapters/fake/index.js';
import type { CallLogWrite } from '../../../src/contract/index.js';
import { createBridge } from '../../../src/core/create-bridge.js';
import { createMemoryStore } from '../../../src/outbox/memory-store.js';
import { seeded, sleep } from './shared/random.js';

/**
 * Calls through the bridge to the in-page FakeCrm while a share of its writes fail: half before
 * committing, half after (the write is stored, the reply is lost: `FakeCrm.injectFaults`). The
 * runner passes the planned calls; the page plays them and reports what the CRM holds and every
 * write attempt, so that the runner can tell a lost-reply retry from a true duplicate.
 */

interface PlannedEvent {
  readonly method:
    'incomingCall' | 'callAccepted' | 'callRejected' | 'callEnded' | 'callNotesSubmitted' | 'outboundCallInitiated';
  readonly payload: Record<string, unknown>;
}

export interface FaultRun {
  readonly calls: readonly { readonly conversationId: string; readonly events: readonly PlannedEvent[] }[];
  readonly faultRate: number;
  readonly seed: number;
  readonly store: 'memory' | 'indexeddb';
  readonly settleMs: number;
}

export interface FaultReport {
  readonly logs: {
    key: string;
    id: string;
    creates: number;
    updates: number;
    notes: string | null;
    disposition: string | null;
    durationSeconds: number | null;
    outcome: string | null;
  }[];
  /** Per key: create attempts that committed although the CRM already held the key, and committed attempts whose reply was lost. */
  readonly replays: { key: string; replayedCreates: number; lostReplies: number }[];
  readonly attempts: number;
  readonly faults: { before: number; after: number };
  readonly rejectedEvents: string[];
  readonly outbox: { pending: number; sent: number; dead: number };
  readonly ms: number;
}

async function runFaults(plan: FaultRun): Promise<FaultReport> {
  const random = seeded(plan.seed);
  const crm = new FakeCrm();
  const inner = fakeAdapter(crm);
  const book = new Map<string, { committed: number; replayedCreates: number; lostReplies: number }>();
  const faults = { before: 0, after: 0 };
  let attempts = 0;
  const adapter = {
    ...inner,
    async writeCallLog(write: CallLogWrite) {
      attempts += 1;
      const entry = book.get(write.key) ?? { committed: 0, replayedCreates: 0, lostReplies: 0 };
      book.set(write.key, entry);
      const fault = random.chance(plan.faultRate) ? (random.chance(0.5) ? 'before' : 'after') : undefined;
      if (fault !== undefined) {
        crm.injectFaults(fault);
        faults[fault] += 1;
      }
      // A little latency now and then, so that writes and new events interleave.
      if (random.chance(0.2)) await sleep(random.int(0, 3));
      const existed = crm.callLogs().some((log) => log.key === write.key);
      if (fault !== 'before') {
        entry.committed += 1;
        if (write.receipt === undefined && existed) entry.replayedCreates += 1;
        if (fault === 'after') entry.lostReplies += 1;
      }
      return inner.writeCallLog(write);
    },
  };
  const started = performance.now();
  const bridge = createBridge({
    adapter,
    ...(plan.store === 'memory'
      ? { store: createMemoryStore() }
      : { storeName: `reliability-faults-${plan.seed}-${Date.now()}` }),
    retry: { baseDelayMs: 5, maxDelayMs: 50 },
  });
  await bridge.load(() => {});
  const rejectedEvents: string[] = [];
  for (const call of plan.calls) {
    for (const event of call.events) {
      const send = bridge[event.method] as (params: Record<string, unknown>) => Promise<unknown>;
      await send
        .call(bridge, event.payload)
        .catch((error: { code?: string }) =>
          rejectedEvents.push(`${call.conversationId} ${event.method}: ${String(error?.code)}`),
        );
    }
  }
  // Every write confirmed, or the deadline.
  const deadline = Date.now() + plan.settleMs;
  let outbox = (await bridge.status()).outbox;
  while (outbox.pending > 0 && Date.now() < deadline) {
    await sleep(25);
    outbox = (await bridge.status()).outbox;
  }
  await bridge.dispose();
  return {
    logs: crm.callLogs().map((log) => ({
      key: log.key,
      id: log.id,
      creates: log.creates,
      updates: log.updates,
      notes: log.call.notes ?? null,
      disposition: log.call.disposition ?? null,
      durationSeconds: log.call.durationSeconds ?? null,
      outcome: log.call.outcome ?? null,
    })),
    replays: [...book].map(([key, v]) => ({ key, replayedCreates: v.replayedCreates, lostReplies: v.lostReplies })),
    attempts,
    faults,
    rejectedEvents,
    outbox,
    ms: performance.now() - started,
  };
}

(window as unknown as { relFaults: typeof runFaults }).relFaults = runFaults;
