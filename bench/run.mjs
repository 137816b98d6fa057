// npm run bench (after npm run build): measures the built library in the system Chromium,
// prints a table and writes docs/benchmarks.md.
//
//   node bench/run.mjs            all figures, writes docs/benchmarks.md
//   node bench/run.mjs --quick    smaller counts, prints only (for working on the bench itself)
//   node bench/run.mjs --json     also prints the raw figures as JSON
//
// Everything is served from a static server on 127.0.0.1 that closes at the end (or by itself
// after ten minutes); the browser is the system Chromium, never a downloaded one.
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchChromium } from './lib/browser.mjs';
import { buildPages } from './lib/build-pages.mjs';
import { describeMachine } from './lib/machine.mjs';
import * as measure from './lib/measure.mjs';
import { markdownReport, terminalTable } from './lib/report.mjs';
import { bundleSizes } from './lib/sizes.mjs';
import { startStaticServer } from './lib/static-server.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const flags = new Set(process.argv.slice(2));
const quick = flags.has('--quick');

/** How much work each benchmark does; rates that move with the machine's load are the median of `repeats` runs. The full set takes about three minutes on 2 cores. */
const PLAN = quick
  ? {
      perEvent: { warmupCalls: 100, calls: 300 },
      perEventIdb: { warmupCalls: 20, calls: 50 },
      sustainedMs: 1000,
      drainCalls: 300,
      heap: { calls: 1000, blocks: 5, tasks: 100 },
      heapIdb: { calls: 100, blocks: 4, tasks: 'event', snapshots: true },
      heapWarmup: 50,
      coldRuns: 5,
      repeats: 1,
    }
  : {
      perEvent: { warmupCalls: 200, calls: 1500 },
      perEventIdb: { warmupCalls: 50, calls: 200 },
      sustainedMs: 3000,
      drainCalls: 1000,
      heap: { calls: 10_000, blocks: 10, tasks: 100 },
      heapIdb: { calls: 500, blocks: 5, tasks: 'event', snapshots: true },
      heapWarmup: 100,
      coldRuns: 15,
      repeats: 3,
    };

const LIMIT_MS = 280_000; // the whole bench stays under five minutes, or says so

if (!existsSync(join(root, 'dist/index.js')) || !existsSync(join(root, 'dist/adapters/fake.js'))) {
  console.error('bench: dist/ is missing or incomplete; run `npm run build` first.');
  process.exit(1);
}

const started = Date.now();
const watchdog = setTimeout(() => {
  console.error(`bench: still running after ${LIMIT_MS / 1000} s; giving up.`);
  process.exit(1);
}, LIMIT_MS);
watchdog.unref();

const out = mkdtempSync(join(tmpdir(), 'softphone-bridge-bench-'));
let server;
let browser;
try {
  await buildPages(out);
  server = await startStaticServer({ '/dist/': join(root, 'dist'), '/bench/': out });
  browser = await launchChromium({ exposeGc: true });
  const machine = describeMachine(browser.version());
  const step = async (label, work) => {
    const t = Date.now();
    process.stdout.write(`bench: ${label}… `);
    const result = await work();
    console.log(`${((Date.now() - t) / 1000).toFixed(1)} s`);
    return result;
  };
  const base = server.url;
  const only = [...flags]
    .find((f) => f.startsWith('--only='))
    ?.slice('--only='.length)
    .split(',');
  const wanted = (key) => only === undefined || only.includes(key);
  const results = { date: new Date().toISOString(), machine, plan: PLAN, sizes: bundleSizes(join(root, 'dist')) };
  const benches = [
    [
      'perEvent',
      'per-event overhead (memory store)',
      () => measure.perEvent(browser, base, { store: 'memory', ...PLAN.perEvent }, PLAN.repeats),
    ],
    [
      'perEventIdb',
      'per-event overhead (IndexedDB store)',
      () => measure.perEvent(browser, base, { store: 'indexeddb', ...PLAN.perEventIdb }),
    ],
    [
      'sustainedMemory',
      'sustained events/s (memory store)',
      () =>
        measure.sustained(
          browser,
          base,
          { durationMs: PLAN.sustainedMs, store: 'memory', tasks: 'event' },
          PLAN.repeats,
        ),
    ],
    [
      'burstMemory',
      'burst events/s (memory store)',
      () =>
        measure.sustained(browser, base, { durationMs: PLAN.sustainedMs, store: 'memory', tasks: 100 }, PLAN.repeats),
    ],
    [
      'sustainedIdb',
      'sustained events/s (IndexedDB store)',
      () => measure.sustained(browser, base, { durationMs: PLAN.sustainedMs, store: 'indexeddb', tasks: 'event' }),
    ],
    [
      'drainIdb',
      'outbox drain (IndexedDB store)',
      () => measure.drain(browser, base, { calls: PLAN.drainCalls, store: 'indexeddb' }, PLAN.repeats),
    ],
    [
      'drainMemory',
      'outbox drain (memory store)',
      () => measure.drain(browser, base, { calls: PLAN.drainCalls, store: 'memory' }, PLAN.repeats),
    ],
    ['coldStart', 'Salesforce bundle cold start', () => measure.coldStart(browser, base, PLAN.coldRuns)],
    [
      'heapMemory',
      `retained heap, ${PLAN.heap.calls} calls (memory store)`,
      () => measure.heap(browser, base, { store: 'memory', warmupCalls: PLAN.heapWarmup, ...PLAN.heap }),
    ],
    [
      'heapIdb',
      `retained heap, ${PLAN.heapIdb.calls} calls (IndexedDB store)`,
      () => measure.heap(browser, base, { store: 'indexeddb', warmupCalls: PLAN.heapWarmup, ...PLAN.heapIdb }),
    ],
  ];
  for (const [key, label, work] of benches) if (wanted(key)) results[key] = await step(label, work);
  results.seconds = (Date.now() - started) / 1000;
  if (flags.has('--json')) console.log(JSON.stringify(results, null, 2));
  console.log(`\n${terminalTable(results)}`);
  if (!quick) {
    writeFileSync(join(root, 'docs/benchmarks.md'), markdownReport(results));
    console.log('\nbench: wrote docs/benchmarks.md');
  }
  console.log(`bench: done in ${results.seconds.toFixed(0)} s`);
} catch (error) {
  console.error(`\nbench: failed: ${error instanceof Error ? error.stack : String(error)}`);
  process.exitCode = 1;
} finally {
  await browser?.close().catch(() => undefined);
  await server?.close().catch(() => undefined);
  rmSync(out, { recursive: true, force: true });
}
