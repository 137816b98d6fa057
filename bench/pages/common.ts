/**
 * Shared pieces of the benchmark pages: the adapters, the one call every benchmark plays, and
 * statistics. The pages import the built library (`dist/`), so the figures are the shipped code's.
 */
import type { Bridge, CallLogWrite, CrmAdapter, WriteReceipt } from 'softphone-bridge';

export const PARTNER_ID = '215fd887-39be-4935-981f-2670d6afeaa7';

/** A CRM adapter that does nothing and answers at once; `onWrite` sees each call-log write. */
export function noopAdapter(onWrite: (write: CallLogWrite) => void = () => {}): CrmAdapter {
  return {
    name: 'bench-noop',
    connect: async () => ({}),
    disconnect: async () => {},
    writeCallLog: async (write: CallLogWrite): Promise<WriteReceipt> => {
      onWrite(write);
      return { recordId: write.key };
    },
    screenPop: async () => ({}),
  };
}

/** The four events of one ordinary inbound call, as a softphone sends them (notes before the end). */
export const CALL_STEPS = ['incomingCall', 'callAccepted', 'callNotesSubmitted', 'callEnded'] as const;
export type CallStep = (typeof CALL_STEPS)[number];

/** Sends event `step` of call number `n` and resolves when the bridge has recorded it. */
export function playStep(bridge: Bridge, step: CallStep, n: number): Promise<unknown> {
  const conversationId = `bench-${n}`;
  const ids = { partnerId: PARTNER_ID, conversationId };
  switch (step) {
    case 'incomingCall':
      return bridge.incomingCall(PARTNER_ID, conversationId, `+1555${String(1_000_000 + (n % 9_000_000)).slice(-7)}`);
    case 'callAccepted':
      return bridge.callAccepted({ ...ids, ivrExitPath: 'billing', channelName: 'voice', recordingStatus: 'ON' });
    case 'callNotesSubmitted':
      return bridge.callNotesSubmitted({
        ...ids,
        disposition: 'resolved',
        notes: `Customer asked about invoice ${n}; explained the late fee and waived it.`,
      });
    case 'callEnded':
      return bridge.callEnded({ ...ids, duration: 60 + (n % 600) });
  }
}

/**
 * Lets the event loop run other tasks (Web Locks grants, timers) before going on, as it does
 * between two messages a real softphone receives. A MessageChannel round, not `setTimeout(0)`,
 * which nested calls clamp to 4 ms.
 */
const channel = new MessageChannel();
const resumes: (() => void)[] = [];
channel.port1.onmessage = () => resumes.shift()?.();
export function yieldToLoop(): Promise<void> {
  return new Promise((resolve) => {
    resumes.push(resolve);
    channel.port2.postMessage(null);
  });
}

/**
 * Plays whole calls `from` … `to - 1`, one event after another. `tasks: 'event'` gives each
 * event its own task, as a softphone delivers them (one message, one click each); a number N
 * lets the loop breathe only every N calls, a burst.
 */
export async function playCalls(
  bridge: Bridge,
  from: number,
  to: number,
  tasks: 'event' | number = 'event',
): Promise<void> {
  for (let n = from; n < to; n += 1) {
    if (tasks !== 'event' && (n - from) % tasks === 0) await yieldToLoop();
    for (const step of CALL_STEPS) {
      if (tasks === 'event') await yieldToLoop();
      await playStep(bridge, step, n);
    }
  }
}

/** A counter that resolves `reached(n)` once it has counted to `n`. */
export function counter(): {
  add(): void;
  readonly value: number;
  reached(n: number, timeoutMs?: number): Promise<void>;
} {
  let value = 0;
  let waiters: { n: number; resolve: () => void }[] = [];
  return {
    add() {
      value += 1;
      const due = waiters.filter((w) => w.n <= value);
      waiters = waiters.filter((w) => w.n > value);
      for (const w of due) w.resolve();
    },
    get value() {
      return value;
    },
    reached(n, timeoutMs = 120_000) {
      if (value >= n) return Promise.resolve();
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`counted ${value} of ${n} within ${timeoutMs} ms`)), timeoutMs);
        waiters.push({ n, resolve: () => (clearTimeout(timer), resolve()) });
      });
    },
  };
}

/** Percentile by nearest rank over a sorted copy. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank] as number;
}

/** Median, p99, mean and max of a sample, in its unit. */
export function summary(values: readonly number[]): {
  n: number;
  median: number;
  p99: number;
  mean: number;
  max: number;
} {
  const total = values.reduce((a, b) => a + b, 0);
  return {
    n: values.length,
    median: percentile(values, 50),
    p99: percentile(values, 99),
    mean: total / values.length,
    max: Math.max(...values),
  };
}

/** The smallest step `performance.now()` takes on this page (5 µs when cross-origin isolated). */
export function timerResolutionMs(): number {
  let smallest = Infinity;
  for (let i = 0; i < 50; i += 1) {
    const a = performance.now();
    let b = performance.now();
    while (b === a) b = performance.now();
    smallest = Math.min(smallest, b - a);
  }
  return smallest;
}

/** Deletes an IndexedDB database. */
export function deleteDatabase(name: string): Promise<void> {
  return new Promise((resolve) => {
    const request = indexedDB.deleteDatabase(name);
    request.onsuccess = () => resolve();
    request.onerror = () => resolve();
    request.onblocked = () => resolve();
  });
}
