// npm run bench:relay (after npm run build): the relay's load benchmark (issue 13). Starts the
// relay (`dist/relay/main.js`) as a child process on 127.0.0.1, once on the embedded store and once
// on a private Redis (scripts/lib/redis-server.mjs, appendfsync always: "acknowledged means
// stored"), drives it with autocannon and small SSE readers, prints the figures and writes
// docs/benchmarks-relay.md.
//
//   node bench/relay/run.mjs            full run (30 s sustained load per store; ~3 minutes), writes the doc
//   node bench/relay/run.mjs --quick    short smoke run of every step, prints only
//   node bench/relay/run.mjs --store embedded|redis   one store only
//
// Nothing listens beyond 127.0.0.1; every process and folder it starts is gone at the end, and the
// whole run gives up after LIMIT_MS.
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startRedisServer } from '../../scripts/lib/redis-server.mjs';
import { describeRelayMachine } from './lib/machine.mjs';
import { fsyncLatency } from './lib/fsync.mjs';
import * as measure from './lib/measure.mjs';
import { markdownReport, terminalSummary } from './lib/report.mjs';
import { startRelayProcess } from './lib/relay-process.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
const args = process.argv.slice(2);
const quick = args.includes('--quick');
// --profile <dir>: the relays run with --cpu-prof and leave their .cpuprofile files there (SIGTERM ends them cleanly).
const profileDir = args.includes('--profile') ? args[args.indexOf('--profile') + 1] : undefined;
const onlyStore = args.includes('--store') ? args[args.indexOf('--store') + 1] : undefined;
const STORES = ['embedded', 'redis'].filter((s) => onlyStore === undefined || s === onlyStore);

/** How long each step runs; `connections` is autocannon's concurrency. */
const PLAN = quick
  ? {
      warmup: 1,
      sustained: { seconds: 3, connections: 64 },
      ack: { seconds: 3, rate: 1000, connections: 50 },
      e2e: { seconds: 3, rate: 500, connections: 20, streams: 20 },
      streams: { count: 300, probe: 30 },
    }
  : {
      warmup: 3,
      sustained: { seconds: 30, connections: 64 },
      ack: { seconds: 15, rate: 1000, connections: 50 },
      e2e: { seconds: 10, rate: 500, connections: 20, streams: 50 },
      streams: { count: 2000, probe: 100 },
    };
const LIMIT_MS = quick ? 120_000 : 480_000;

if (!existsSync(join(root, 'dist/relay/main.js'))) {
  console.error('bench:relay: dist/relay/main.js is missing; run `npm run build` first.');
  process.exit(1);
}
const watchdog = setTimeout(() => {
  console.error(`bench:relay: still running after ${LIMIT_MS / 1000} s; giving up.`);
  process.exit(2); // relay-process.mjs and redis-server.mjs kill their children on exit
}, LIMIT_MS);
watchdog.unref();

const started = Date.now();
const loadAtStart = Math.round(loadavg()[0] * 100) / 100;
const runId = `b${started.toString(36)}`;
const cleanups = [];

/** A fresh relay on `store` (a fresh folder, a fresh Redis). */
async function freshRelay(store) {
  const dir = mkdtempSync(join(tmpdir(), 'relay-bench-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  const env = { RELAY_DATA_DIR: dir };
  let redis;
  if (store === 'redis') {
    redis = await startRedisServer();
    cleanups.push(() => redis.dispose());
    env.REDIS_URL = redis.url;
  }
  const relay = await startRelayProcess(env, {
    nodeArgs: profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [],
  });
  cleanups.push(() => relay.stop());
  return {
    relay,
    redisPid: redis?.pid(),
    async done() {
      await relay.stop();
      await redis?.dispose();
    },
  };
}

const results = {};
try {
  for (const store of STORES) {
    const log = (step) => console.log(`bench:relay: ${store}: ${step}`);
    const figures = {};
    // Load figures on one relay (its store grows over the steps, as a real one's does).
    {
      const { relay, redisPid, done } = await freshRelay(store);
      log('warm-up');
      await measure.sustained(relay, {
        seconds: PLAN.warmup,
        connections: PLAN.sustained.connections,
        runId: `${runId}w`,
      });
      log(`sustained load, ${PLAN.sustained.seconds} s`);
      figures.sustained = await measure.sustained(relay, { ...PLAN.sustained, runId: `${runId}s`, redisPid });
      log(`acknowledgements at ${PLAN.ack.rate}/s, ${PLAN.ack.seconds} s`);
      figures.ack = await measure.ackAtRate(relay, { ...PLAN.ack, runId: `${runId}a` });
      log(`vendor event → agent stream, ${PLAN.e2e.streams} streams at ${PLAN.e2e.rate}/s`);
      figures.e2e = await measure.eventToStream(relay, { ...PLAN.e2e, runId: `${runId}e` });
      await done();
    }
    // Open streams on a fresh relay, so its RSS is the streams' and not the retained events'.
    {
      const { relay, done } = await freshRelay(store);
      log(`${PLAN.streams.count} open agent streams`);
      figures.streams = await measure.openStreams(relay, { ...PLAN.streams, runId });
      await done();
    }
    results[store] = figures;
  }
} finally {
  for (const cleanup of cleanups.reverse()) await Promise.resolve(cleanup()).catch(() => undefined);
}

const report = {
  date: new Date(started).toISOString(),
  seconds: Math.round((Date.now() - started) / 1000),
  quick,
  plan: PLAN,
  machine: { ...(await describeRelayMachine()), load1: loadAtStart, fsync: fsyncLatency() },
  results,
};
console.log(terminalSummary(report));
if (args.includes('--json')) console.log(JSON.stringify(report, null, 2));
if (!quick && onlyStore === undefined) {
  writeFileSync(join(root, 'docs/benchmarks-relay.md'), markdownReport(report));
  console.log('bench:relay: wrote docs/benchmarks-relay.md');
}
clearTimeout(watchdog);
