/**
 * The in-browser half of `npm run bench`: each function is one benchmark, called by
 * bench/run.mjs through Playwright in a fresh browser context. Everything runs against the
 * built library in dist/.
 */
import {
  createBridge,
  createIndexedDbStore,
  createMemoryStore,
  silentLogger,
  type Bridge,
  type BridgeStore,
} from 'softphone-bridge';
import { FakeCrm, fakeAdapter } from 'softphone-bridge/adapters/fake';
import {
  CALL_STEPS,
  counter,
  deleteDatabase,
  noopAdapter,
  playCalls,
  playStep,
  summary,
  timerResolutionMs,
  yieldToLoop,
  type CallStep,
} from './common.js';

type StoreKind = 'memory' | 'indexeddb';

function openStore(kind: StoreKind, name: string): BridgeStore | Promise<BridgeStore> {
  return kind === 'memory' ? createMemoryStore() : createIndexedDbStore(name);
}

/**
 * Per-event overhead: each contract call timed from the call to its settled Promise (validated,
 * through the call machine, recorded in the store), each in its own task, with the outbox
 * draining every call log to a no-op adapter meanwhile. Also the time from `callEnded` to the
 * adapter's `writeCallLog`: the whole path of the event that makes a CRM write.
 */
async function perEvent({ store, warmupCalls, calls }: { store: StoreKind; warmupCalls: number; calls: number }) {
  const name = `bench-per-event-${Date.now()}`;
  const endedAt = new Map<string, number>();
  const toAdapter: number[] = [];
  const written = counter();
  const bridge = createBridge({
    adapter: noopAdapter((write) => {
      const t = endedAt.get(write.call.conversationId);
      if (t !== undefined) toAdapter.push(performance.now() - t);
      endedAt.delete(write.call.conversationId);
      written.add();
    }),
    store: openStore(store, name),
    logger: silentLogger,
  });
  await bridge.load(() => {});
  await playCalls(bridge, 0, warmupCalls);
  await written.reached(warmupCalls);
  toAdapter.length = 0;
  const byStep: Record<CallStep, number[]> = {
    incomingCall: [],
    callAccepted: [],
    callNotesSubmitted: [],
    callEnded: [],
  };
  const all: number[] = [];
  for (let n = warmupCalls; n < warmupCalls + calls; n += 1) {
    for (const step of CALL_STEPS) {
      await yieldToLoop();
      const t = performance.now();
      if (step === 'callEnded') endedAt.set(`bench-${n}`, t);
      await playStep(bridge, step, n);
      const d = performance.now() - t;
      byStep[step].push(d);
      all.push(d);
    }
  }
  await written.reached(warmupCalls + calls);
  await bridge.dispose();
  if (store === 'indexeddb') await deleteDatabase(name);
  const micros = (ms: number[]) => ms.map((v) => v * 1000);
  // What one drain round pays before it starts: taking the Web Lock (a browser-process round trip).
  const lockStart = performance.now();
  for (let i = 0; i < 100; i += 1) await navigator.locks.request(`bench-lock-${name}`, async () => {});
  const lockRoundTripUs = ((performance.now() - lockStart) / 100) * 1000;
  return {
    store,
    lockRoundTripUs,
    storedCallsAtEnd: warmupCalls + calls,
    timerResolutionUs: timerResolutionMs() * 1000,
    crossOriginIsolated,
    all: summary(micros(all)),
    byStep: Object.fromEntries(CALL_STEPS.map((s) => [s, summary(micros(byStep[s]))])),
    endedToAdapter: summary(micros(toAdapter)),
  };
}

/**
 * Sustained rate: whole calls one event after another for `durationMs` (each event its own
 * task, or bursts of `tasks` calls), then until the adapter has every call log. Events per
 * second over the whole time, the drain tail included.
 */
async function sustained({
  durationMs,
  store,
  tasks,
}: {
  durationMs: number;
  store: StoreKind;
  tasks: 'event' | number;
}) {
  const written = counter();
  const name = `bench-sustained-${Date.now()}`;
  const bridge = createBridge({
    adapter: noopAdapter(() => written.add()),
    store: openStore(store, name),
    logger: silentLogger,
  });
  await bridge.load(() => {});
  const warmup = 50;
  await playCalls(bridge, 0, warmup);
  await written.reached(warmup);
  const start = performance.now();
  const deadline = start + durationMs;
  let n = warmup;
  const chunk = tasks === 'event' ? 1 : tasks;
  while (performance.now() < deadline) {
    await playCalls(bridge, n, n + chunk, tasks);
    n += chunk;
  }
  const eventsDone = performance.now();
  await written.reached(n);
  const end = performance.now();
  await bridge.dispose();
  if (store === 'indexeddb') await deleteDatabase(name);
  const calls = n - warmup;
  const events = calls * CALL_STEPS.length;
  return {
    store,
    tasks,
    calls,
    events,
    seconds: (end - start) / 1000,
    eventsPerSecond: events / ((end - start) / 1000),
    drainTailMs: end - eventsDone,
  };
}

/**
 * Drain rate: `calls` call logs queued while the CRM is not connected yet (before `load`), then
 * `load` and the time until the fake CRM (zero latency, in the page) holds every one. Screen pops
 * are left out so that only the outbox works.
 */
async function drain({ calls, store }: { calls: number; store: StoreKind }) {
  const name = `bench-drain-${Date.now()}`;
  const crm = new FakeCrm();
  const { screenPop: _none, ...adapter } = fakeAdapter(crm);
  const written = counter();
  const bridge = createBridge({ adapter, store: openStore(store, name), logger: silentLogger });
  bridge.on('outbox.written', () => written.add());
  await playCalls(bridge, 0, calls, 100);
  const queued = (await bridge.status()).outbox.pending;
  const start = performance.now();
  await bridge.load(() => {});
  await written.reached(calls);
  const ms = performance.now() - start;
  const logs = crm.callLogs().length;
  await bridge.dispose();
  if (store === 'indexeddb') await deleteDatabase(name);
  return { store, calls, queued, logs, ms, writesPerSecond: calls / (ms / 1000) };
}

/**
 * Retained heap: a bridge on one page, set up and warmed up by `heapSetup`; bench/run.mjs runs
 * `heapRun` block after block (every call log confirmed at the end of each), forcing a GC and
 * reading the heap after each, then after `heapDispose`.
 */
let heapBridge: Bridge | undefined;
let heapWritten = counter();
let heapCalls = 0;
let heapDb = '';
async function heapSetup({ store, warmupCalls }: { store: StoreKind; warmupCalls: number }) {
  heapDb = `bench-heap-${Date.now()}`;
  heapWritten = counter();
  heapBridge = createBridge({
    adapter: noopAdapter(() => heapWritten.add()),
    store: openStore(store, heapDb),
    logger: silentLogger,
  });
  await heapBridge.load(() => {});
  await playCalls(heapBridge, 0, warmupCalls);
  await heapWritten.reached(warmupCalls);
  heapCalls = warmupCalls;
  return { status: await heapBridge.status() };
}
async function heapRun({ calls, tasks }: { calls: number; tasks: 'event' | number }) {
  const bridge = heapBridge as Bridge;
  const start = performance.now();
  await playCalls(bridge, heapCalls, heapCalls + calls, tasks);
  heapCalls += calls;
  await heapWritten.reached(heapCalls);
  const ms = performance.now() - start;
  return { storedCalls: heapCalls, ms, callsPerSecond: calls / (ms / 1000), status: await bridge.status() };
}
async function heapDispose() {
  await heapBridge?.dispose();
  heapBridge = undefined;
  if (heapDb !== '') await deleteDatabase(heapDb);
}

const api = { perEvent, sustained, drain, heapSetup, heapRun, heapDispose };
(window as unknown as { bench: typeof api }).bench = api;
