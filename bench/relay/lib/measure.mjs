// The four figures of issue 13, each against a relay child process on 127.0.0.1.
import { mintToken } from '../../../dist/relay/index.js';
import { keyOf, vendorEvent } from './payloads.mjs';
import { postLoad } from './load.mjs';
import { BENCH_SECRET, cpuMsOf, rssOf, schedOf } from './relay-process.mjs';
import { openSse } from './sse-reader.mjs';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const agentsNamed = (prefix, count) => Array.from({ length: count }, (_, i) => `${prefix}${i}`);

/** Percentile (nearest rank) of a sorted array. */
export function percentile(sorted, p) {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/** Vendor events/s as fast as the relay acknowledges them, for `seconds` (target ≥ 3,000 for 30 s). */
export async function sustained(relay, { seconds, connections, runId, redisPid }) {
  // Where the CPU goes: the relay's, Redis's and the load generator's own (this process), per event.
  const schedBefore = await schedOf(relay.pid);
  const before = {
    relay: await cpuMsOf(relay.pid),
    redis: redisPid === undefined ? undefined : await cpuMsOf(redisPid),
    bench: process.cpuUsage(),
  };
  const load = await postLoad({
    ingress: relay.ingress,
    runId,
    agents: agentsNamed('load', 200),
    seconds,
    connections,
  });
  const bench = process.cpuUsage(before.bench);
  const relayMs = (await cpuMsOf(relay.pid)) - before.relay;
  const redisMs = redisPid === undefined ? undefined : (await cpuMsOf(redisPid)) - before.redis;
  const perEvent = (total) => (total === undefined || load.ok === 0 ? undefined : total / load.ok);
  const schedAfter = await schedOf(relay.pid);
  // Share of the wall time the relay's JavaScript thread spent runnable but waiting for a CPU.
  const runQueueShare =
    schedBefore && schedAfter ? (schedAfter.waitMs - schedBefore.waitMs) / (seconds * 1000) : undefined;
  const cpu = {
    runQueueShare,
    relayMsPerEvent: perEvent(relayMs),
    redisMsPerEvent: perEvent(redisMs),
    benchMsPerEvent: perEvent((bench.user + bench.system) / 1000),
    relayCores: relayMs / (seconds * 1000),
  };
  return { ...load, seconds, connections, cpu, rssAfter: await rssOf(relay.pid) };
}

/** Acknowledgement latency at a fixed 1,000 events/s (target p99 ≤ 25 ms). */
export async function ackAtRate(relay, { seconds, rate, connections, runId }) {
  const load = await postLoad({
    ingress: relay.ingress,
    runId,
    agents: agentsNamed('rate', 200),
    seconds,
    connections,
    rate,
  });
  return { ...load, seconds, rate, connections };
}

/**
 * Vendor event → agent stream: `streams` agents listen; events are posted to them at `rate`/s;
 * the latency of each is from the moment its request is built to its arrival on the stream
 * (target p99 ≤ 50 ms). The first request of each connection is built at setup, before the
 * run starts, so those are left out.
 */
export async function eventToStream(relay, { seconds, rate, connections, streams, runId }) {
  const agents = agentsNamed(`e2e${runId}-`, streams);
  const sentAt = new Map();
  const latencies = [];
  let arrived = 0;
  const open = await Promise.all(
    agents.map((agent) =>
      openSse(`${relay.base}/v1/agents/${agent}/events`, {
        token: mintToken(BENCH_SECRET, agent, Date.now() + 3_600_000),
        onEvent(e) {
          arrived++;
          const sent = sentAt.get(keyOf(e.data.body));
          if (sent !== undefined) latencies.push(e.at - sent);
        },
      }),
    ),
  );
  await sleep(300); // subscriptions in place before the first event
  let built = 0;
  const load = await postLoad({
    ingress: relay.ingress,
    runId,
    agents,
    seconds,
    connections,
    rate,
    onSend(key, at) {
      if (built++ >= connections) sentAt.set(key, at);
    },
  });
  await sleep(500); // the last events' way to the streams
  for (const stream of open) stream.close();
  latencies.sort((a, b) => a - b);
  return {
    ...load,
    seconds,
    rate,
    streams,
    arrived,
    samples: latencies.length,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    max: latencies.at(-1),
  };
}

/**
 * `count` open agent streams (one agent each, as one browser per agent) on one relay: its RSS
 * before and with them open (target ≤ 256 MB), and a check that they are alive: one event to each
 * of `probe` of them arrives.
 */
export async function openStreams(relay, { count, probe, runId }) {
  await sleep(500);
  const rssBefore = await rssOf(relay.pid);
  const agents = agentsNamed(`many${runId}-`, count);
  const received = new Set();
  const open = [];
  const started = performance.now();
  for (let i = 0; i < agents.length; i += 100) {
    const batch = agents.slice(i, i + 100);
    open.push(
      ...(await Promise.all(
        batch.map((agent) =>
          openSse(`${relay.base}/v1/agents/${agent}/events`, {
            token: mintToken(BENCH_SECRET, agent, Date.now() + 3_600_000),
            onEvent: (e) => received.add(e.data.agentId),
          }),
        ),
      )),
    );
  }
  const openMs = performance.now() - started;
  await sleep(1_000);
  const metrics = await (await fetch(`${relay.base}/metrics`)).text();
  const openCounted = Number(/^relay_agent_streams_open (\d+)/m.exec(metrics)?.[1]);
  const rssOpen = await rssOf(relay.pid);
  // Alive: an event for each of `probe` agents spread over the set reaches its stream.
  const probed = agents.filter((_, i) => i % Math.ceil(count / probe) === 0);
  await Promise.all(
    probed.map(async (agent, i) => {
      const event = vendorEvent(`probe${runId}`, i, agent, 'sociomile');
      const response = await fetch(`${relay.ingress}${event.path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: event.body,
      });
      await response.arrayBuffer();
    }),
  );
  const until = Date.now() + 5_000;
  while (probed.some((a) => !received.has(a)) && Date.now() < until) await sleep(50);
  const rssAfterProbe = await rssOf(relay.pid);
  for (const stream of open) stream.close();
  return {
    count,
    opened: open.length,
    openCounted,
    openMs,
    rssBefore,
    rssOpen,
    rssAfterProbe,
    probed: probed.length,
    probeArrived: probed.filter((a) => received.has(a)).length,
  };
}
