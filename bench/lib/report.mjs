// Turns the raw figures of bench/run.mjs into the terminal table and docs/benchmarks.md.
// Every number printed comes from the run; the only constants are the targets and the peer
// sizes recorded by the research notes (bench/lib/peers.mjs).
import { iifeEntries } from '../../scripts/build-entries.mjs';
import { PEER_SOURCE, PEERS } from './peers.mjs';

/** The targets of issue 7. */
export const TARGETS = {
  perEventMedianUs: 50,
  perEventP99Us: 500,
  eventsPerSecond: 20_000,
  drainWritesPerSecond: 500,
  heapGrowthBytes: 2 * 1024 * 1024,
  heapCalls: 10_000,
};

/** The size budgets `npm test` enforces, from scripts/build-entries.mjs (one source; ADR 0009 records their history). */
const BUNDLE_TARGETS = Object.fromEntries(
  iifeEntries.filter((e) => e.budgetEnforced && e.budgetGzip !== undefined).map((e) => [e.output, e.budgetGzip]),
);

const int = (n) => Math.round(n).toLocaleString('en-US');
const fixed = (n, d = 1) => n.toLocaleString('en-US', { minimumFractionDigits: d, maximumFractionDigits: d });
const us = (n) => `${int(n)} µs`;
const ms = (n) => `${fixed(n)} ms`;
const mb = (bytes) => `${fixed(bytes / 1024 / 1024, 2)} MB`;
const kb = (bytes) => `${fixed(bytes / 1024, 1)} KB`;
const verdict = (ok) => (ok ? 'met' : 'MISSED');
/** " (median of 3 runs: a, b, c)" when a figure was measured more than once. */
const spread = (x) =>
  x.allRuns !== undefined && x.allRuns.length > 1
    ? ` (median of ${x.allRuns.length} runs: ${x.allRuns.map((v) => int(v)).join(', ')})`
    : '';

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)];
}
function p90(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(0.9 * sorted.length) - 1)];
}

/** The rows of the main table: [figure, measured, target, verdict]. */
export function rows(r) {
  const out = [];
  for (const file of Object.keys(BUNDLE_TARGETS)) {
    const size = r.sizes.find((s) => s.file === file);
    const target = `≤ ${int(BUNDLE_TARGETS[file])} B gzip`;
    if (size === undefined) out.push([`${file} gzip`, 'not built', target, 'MISSED (not built)']);
    else out.push([`${file} gzip`, `${int(size.gz)} B`, target, verdict(size.gz <= BUNDLE_TARGETS[file])]);
  }
  for (const size of r.sizes.filter((s) => BUNDLE_TARGETS[s.file] === undefined))
    out.push([`${size.file} gzip`, `${int(size.gz)} B`, '–', '–']);
  const pe = r.perEvent;
  if (pe) {
    const where = `memory store, ${int(pe.all.n)} events, ${int(pe.storedCallsAtEnd)} calls stored at the end`;
    const runs = pe.allRuns ?? [{ median: pe.all.median, p99: pe.all.p99 }];
    const several = runs.length > 1;
    const medianOfMedians = median(runs.map((x) => x.median));
    out.push([
      `Per-event overhead, median (${where}${several ? `; median of ${runs.length} runs` : ''})`,
      `${us(medianOfMedians)}${several ? ` (runs: ${runs.map((x) => int(x.median)).join(', ')})` : ''}`,
      `≤ ${TARGETS.perEventMedianUs} µs`,
      verdict(medianOfMedians <= TARGETS.perEventMedianUs),
    ]);
    out.push([
      `Per-event overhead, p99${several ? ` (median of ${runs.length} runs)` : ''}`,
      `${us(pe.all.p99)}${several ? ` (runs: ${runs.map((x) => int(x.p99)).join(', ')})` : ''}`,
      `≤ ${TARGETS.perEventP99Us} µs`,
      verdict(pe.all.p99 <= TARGETS.perEventP99Us),
    ]);
    out.push([
      `callEnded → adapter.writeCallLog, median / p99 (${several ? 'the run with the median p99' : 'same run'})`,
      `${us(pe.endedToAdapter.median)} / ${us(pe.endedToAdapter.p99)}`,
      '–',
      '–',
    ]);
  }
  const pi = r.perEventIdb;
  if (pi) {
    out.push([
      `Per-event overhead, IndexedDB store (the default), median / p99 (${int(pi.all.n)} events)`,
      `${us(pi.all.median)} / ${us(pi.all.p99)}`,
      '–',
      '–',
    ]);
    out.push([
      'callEnded → adapter.writeCallLog, IndexedDB store, median / p99',
      `${us(pi.endedToAdapter.median)} / ${us(pi.endedToAdapter.p99)}`,
      '–',
      '–',
    ]);
  }
  if (r.sustainedMemory) {
    const s = r.sustainedMemory;
    out.push([
      `Sustained events/s (memory store, each event its own task, every log delivered; ${int(s.calls)} calls)`,
      `${int(s.eventsPerSecond)}${spread(s)}`,
      `≥ ${int(TARGETS.eventsPerSecond)}`,
      verdict(s.eventsPerSecond >= TARGETS.eventsPerSecond),
    ]);
  }
  if (r.burstMemory) {
    const s = r.burstMemory;
    out.push([
      `Burst events/s (memory store, ${s.tasks} calls per task; ${int(s.calls)} calls)`,
      `${int(s.eventsPerSecond)}${spread(s)}`,
      `≥ ${int(TARGETS.eventsPerSecond)}`,
      verdict(s.eventsPerSecond >= TARGETS.eventsPerSecond),
    ]);
  }
  if (r.sustainedIdb)
    out.push([
      `Sustained events/s (IndexedDB store, each event its own task; ${int(r.sustainedIdb.calls)} calls)`,
      int(r.sustainedIdb.eventsPerSecond),
      '–',
      '–',
    ]);
  if (r.drainIdb)
    out.push([
      `Outbox drain to a zero-latency fake CRM (IndexedDB store, ${int(r.drainIdb.calls)} queued logs)`,
      `${int(r.drainIdb.writesPerSecond)} writes/s${spread(r.drainIdb)}`,
      `≥ ${TARGETS.drainWritesPerSecond} writes/s`,
      verdict(r.drainIdb.writesPerSecond >= TARGETS.drainWritesPerSecond),
    ]);
  if (r.drainMemory)
    out.push([
      `Outbox drain (memory store, ${int(r.drainMemory.calls)} queued logs)`,
      `${int(r.drainMemory.writesPerSecond)} writes/s${spread(r.drainMemory)}`,
      '–',
      '–',
    ]);
  if (r.coldStart) {
    const c = r.coldStart;
    const first = c.map((x) => x.firstCallbackMs);
    out.push([
      `Cold start, Salesforce bundle: script execution → first callback (disposition), median / p90 of ${c.length}`,
      `${ms(median(first))} / ${ms(p90(first))}`,
      '–',
      '–',
    ]);
    out.push(['Cold start: → partner_config, median', ms(median(c.map((x) => x.partnerConfigMs))), '–', '–']);
    out.push(['Cold start: bundle evaluation alone, median', ms(median(c.map((x) => x.bundleEvaluatedMs))), '–', '–']);
  }
  if (r.heapMemory) {
    const h = r.heapMemory;
    out.push([
      `Retained heap growth over ${int(h.calls)} calls (memory store, forced GC)`,
      `${mb(h.growth)} (${int(h.perCallSlope)} B/call)`,
      `≤ ${mb(TARGETS.heapGrowthBytes)}`,
      h.calls < TARGETS.heapCalls ? `n/a (${int(h.calls)} calls)` : verdict(h.growth <= TARGETS.heapGrowthBytes),
    ]);
    out.push(['  … after dispose(), against before the calls', signedKb(h.disposed - h.before), '–', '–']);
  }
  if (r.heapIdb) {
    const h = r.heapIdb;
    out.push([
      `Retained heap growth over ${int(h.calls)} calls (IndexedDB store, forced GC)`,
      `${signedKb(h.growth)} (${int(h.perCallSlope)} B/call)`,
      '–',
      '–',
    ]);
    if (h.growthByKind !== undefined) {
      const projected = (h.growthByKind.other / h.calls) * TARGETS.heapCalls;
      out.push([
        '  … of which compiled code (heap snapshots) / everything else',
        `${signedKb(h.growthByKind.code)} / ${signedKb(h.growthByKind.other)}`,
        '–',
        '–',
      ]);
      out.push([
        `  … everything else, projected to ${int(TARGETS.heapCalls)} calls (not measured: see notes)`,
        signedMb(projected),
        `≤ ${mb(TARGETS.heapGrowthBytes)}`,
        `${verdict(projected <= TARGETS.heapGrowthBytes)} (projected)`,
      ]);
    }
  }
  return out;
}

/** Plain statements about the misses, each from figures of this run; only the ones that apply. */
function notes(r) {
  const out = [];
  const sf = r.sizes.find((s) => s.file === 'dist/softphone-bridge.salesforce.iife.js');
  const sfBudget = BUNDLE_TARGETS['dist/softphone-bridge.salesforce.iife.js'];
  if (sf !== undefined && sfBudget !== undefined && sf.gz > sfBudget) {
    out.push(
      `- **Salesforce bundle size.** ${int(sf.gz)} B gzip, ${int(sf.gz - sfBudget)} B over the ${int(sfBudget)} B budget that \`npm test\` enforces (test/node/build-output.test.mjs). \`npm run size:why\` shows which modules carry the bytes; docs/decisions/0007, 0008 and 0009 say what was already taken out and how.`,
    );
  }
  const blocks = r.heapMemory?.runs ?? [];
  if (blocks.length >= 2) {
    const first = blocks[0];
    const last = blocks[blocks.length - 1];
    if (first.callsPerSecond >= 2 * last.callsPerSecond) {
      out.push(
        `- **Cost grows with stored calls.** With the memory store, ${int(first.callsPerSecond)} calls/s with ${int(first.storedCalls)} calls stored fell to ${int(last.callsPerSecond)} calls/s with ${int(last.storedCalls)} (table above). The drain reads only pending entries (\`store.listEntries('pending')\`: the IndexedDB status index; the memory store filters before copying), so what still grows with the stored calls is elsewhere (the memory store's maps and the garbage they make); this run's table is the figure to start from.`,
      );
    }
  }
  const pe = r.perEvent;
  const p99s = pe?.allRuns?.map((x) => x.p99) ?? (pe === undefined ? [] : [pe.all.p99]);
  if (p99s.some((v) => v >= 0.8 * TARGETS.perEventP99Us)) {
    out.push(
      `- **Per-event p99** (${p99s.map((v) => us(v)).join(', ')}) sits at or near its ${us(TARGETS.perEventP99Us)} target: the tail is the outbox's drain rounds and garbage collection landing between an event and its Promise, and it grows with the machine's load.`,
    );
  }
  if (
    r.sustainedMemory !== undefined &&
    r.sustainedMemory.eventsPerSecond < TARGETS.eventsPerSecond &&
    pe?.lockRoundTripUs !== undefined
  ) {
    out.push(
      `- **Sustained rate.** When events arrive in separate tasks, as they do from a softphone, the outbox starts a drain round for nearly every call log; each round first takes the Web Lock (${us(pe.lockRoundTripUs)} per \`navigator.locks.request\` round trip on this machine) and then lists the pending entries at least twice (\`#drainDue\` until none is due, \`#scheduleNext\` for the timer). Bursts of 100 calls per task let one round drain many logs: ${int(r.burstMemory?.eventsPerSecond ?? 0)} events/s.`,
    );
  }
  const drainRuns = r.drainIdb?.allRuns ?? (r.drainIdb === undefined ? [] : [r.drainIdb.writesPerSecond]);
  if (drainRuns.some((v) => v < TARGETS.drainWritesPerSecond)) {
    out.push(
      `- **IndexedDB drain.** Each confirmed write is its own readwrite transaction (\`updateEntry\`), one after another: ${drainRuns.map((v) => int(v)).join(', ')} writes/s in this run's ${drainRuns.length === 1 ? 'measurement' : 'measurements'}, against ${int(r.drainMemory?.writesPerSecond ?? 0)} with the memory store. The figure sits near the target and moves with the machine's load (see the load average above).`,
    );
  }
  if (r.heapMemory !== undefined && r.heapMemory.growth > TARGETS.heapGrowthBytes) {
    out.push(
      `- **Heap with the memory store.** The ${mb(r.heapMemory.growth)} is the store's data (every call and its sent log, about ${int(r.heapMemory.perCallSlope)} B per call), kept by design until pruned at the next load; \`dispose()\` lets all of it go (${signedKb(r.heapMemory.disposed - r.heapMemory.before)} against before the calls). It is the fallback store, used where IndexedDB cannot be opened.`,
    );
  }
  if (r.heapIdb !== undefined) {
    out.push(
      `- **Heap with IndexedDB.** Measured over ${int(r.heapIdb.calls)} calls, not ${int(TARGETS.heapCalls)}, to keep the bench short (each IndexedDB call commits several transactions: see the throughput table). Most of the growth is compiled code; the rest includes the browser's own performance-timeline entries, so the projection is an upper bound.`,
    );
  }
  return out.length === 0 ? [] : ['## Notes', '', ...out];
}

function signedKb(bytes) {
  return `${bytes >= 0 ? '+' : '−'}${kb(Math.abs(bytes))}`;
}
function signedMb(bytes) {
  return `${bytes >= 0 ? '+' : '−'}${mb(Math.abs(bytes))}`;
}

/** The slow-down as the store fills, from the heap runs' blocks: [stored calls, calls/s]. */
function scaling(h) {
  return h?.runs?.map((run) => [int(run.storedCalls), int(run.callsPerSecond)]) ?? [];
}

function pad(cells) {
  const widths = cells[0].map((_, i) => Math.max(...cells.map((c) => String(c[i]).length)));
  return cells
    .map((c) =>
      c
        .map((v, i) => String(v).padEnd(widths[i]))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

function machineLine(m) {
  return `${m.cpu}, ${m.cores} cores, ${fixed(m.memoryGiB)} GiB RAM, ${m.os}; Chromium ${m.chromium} (headless); Node ${m.node}; load average ${m.load1} at start`;
}

export function terminalTable(r) {
  const main = pad([['figure', 'measured', 'target', 'verdict'], ...rows(r)]);
  const sizes = pad([
    ['bundle', 'min', 'gzip -9', 'brotli -q11'],
    ...r.sizes.map((s) => [s.file, int(s.min), int(s.gz), int(s.br)]),
    ...PEERS.map((p) => [`peer: ${p.name}`, int(p.min), int(p.gz), int(p.br)]),
  ]);
  return `Benchmarks, ${r.date}\n${machineLine(r.machine)}\n\n${main}\n\n${sizes}\n(peer sizes recorded in ${PEER_SOURCE})`;
}

function mdTable(head, body) {
  const esc = (v) => String(v).replaceAll('|', '\\|');
  return [
    `| ${head.join(' | ')} |`,
    `|${head.map(() => '---').join('|')}|`,
    ...body.map((row) => `| ${row.map(esc).join(' | ')} |`),
  ].join('\n');
}

export function markdownReport(r) {
  const missed = rows(r).filter((row) => String(row[3]).startsWith('MISSED'));
  const m = r.machine;
  const scaleMemory = scaling(r.heapMemory);
  const scaleIdb = scaling(r.heapIdb);
  const pe = r.perEvent;
  const lines = [
    '# Benchmarks',
    '',
    `Generated by \`npm run bench\` (bench/run.mjs) on ${r.date.slice(0, 10)} (${r.date}); the bench took ${fixed(r.seconds, 0)} s.`,
    'Every figure below is the one measured in that run; run `npm run build && npm run bench` to refresh this file.',
    'The relay (the server for Voicenter and Sociomile) has its own load benchmark: [benchmarks-relay.md](benchmarks-relay.md) (`npm run bench:relay`).',
    '',
    '## Machine',
    '',
    mdTable(
      ['', ''],
      [
        ['CPU', m.cpu],
        ['Cores', m.cores],
        ['Memory', `${fixed(m.memoryGiB)} GiB`],
        ['OS', m.os],
        ['Chromium', `${m.chromium} (system binary, headless, driven by playwright-core)`],
        ['Node', m.node],
        ['Load average (1 min) at start', `${m.load1} (other work on the machine skews the figures)`],
      ],
    ),
    '',
    '## Figures and targets',
    '',
    mdTable(['Figure', 'Measured', 'Target', 'Verdict'], rows(r)),
    '',
    missed.length === 0
      ? 'Every target is met.'
      : `**Targets missed (${missed.length}):** ${missed.map((row) => row[0].replace(/ \(.*$/, '')).join('; ')}.`,
    '',
    '## Bundle sizes beside the peers',
    '',
    'Bytes. min = the minified file, gzip = `gzip -9`, brotli = `brotli -q 11`.',
    '',
    mdTable(
      ['Bundle', 'min', 'gzip', 'brotli'],
      [
        ...r.sizes.map((s) => [`**${s.file}** (this build)`, int(s.min), int(s.gz), int(s.br)]),
        ...PEERS.map((p) => [`${p.name}: ${p.file}`, int(p.min), int(p.gz), int(p.br)]),
      ],
    ),
    '',
    `Peer sizes are not re-measured here: they are the ones recorded in ${PEER_SOURCE}.`,
    '',
  ];
  if (pe) {
    lines.push(
      `## Per-event overhead by method (memory store${pe.allRuns !== undefined && pe.allRuns.length > 1 ? ', the run with the median p99' : ''})`,
      '',
      mdTable(
        ['Method', 'median', 'p99', 'mean', 'max'],
        Object.entries(pe.byStep).map(([k, v]) => [k, us(v.median), us(v.p99), us(v.mean), us(v.max)]),
      ),
      '',
    );
    lines.push(
      `Timer: \`performance.now()\` on a cross-origin-isolated page (${pe.crossOriginIsolated ? 'yes' : 'NO'}), resolution ${fixed(pe.timerResolutionUs)} µs, so single figures below ~10 µs are at the resolution limit.`,
      '',
    );
  }
  if (scaleMemory.length > 0) {
    lines.push(
      '## Throughput as calls accumulate',
      '',
      'Calls per second (four events each, every log confirmed) in each block of the retained-heap runs, by how many calls the store held at the end of the block. Sent call logs and finished calls stay stored for `retentionMs` (7 days by default) and are pruned when the bridge loads.',
      '',
    );
    lines.push(
      mdTable(
        ['Store', ...scaleMemory.map((s) => `${s[0]} calls`)],
        [['memory (bursts of 100 calls per task)', ...scaleMemory.map((s) => s[1])]],
      ),
      '',
    );
    if (scaleIdb.length > 0)
      lines.push(
        mdTable(
          ['Store', ...scaleIdb.map((s) => `${s[0]} calls`)],
          [['IndexedDB (each event its own task)', ...scaleIdb.map((s) => s[1])]],
        ),
        '',
      );
  }
  lines.push(...notes(r), '');
  lines.push(
    '## How each figure is measured',
    '',
    'All runtime figures come from the built library (`dist/index.js`, `dist/adapters/fake.js`, `dist/softphone-bridge.salesforce.iife.js`) in the system Chromium, each benchmark in a fresh browser context (fresh heap, empty storage), pages served by a static server on 127.0.0.1 with cross-origin isolation headers.',
    '',
    '- **Bundle sizes**: every `dist/*.iife.js` as built, gzip level 9 and brotli quality 11 (node:zlib), as `npm run build` prints them.',
    '- **Per-event overhead**: one ordinary call is four contract events (`incomingCall` positional, `callAccepted`, `callNotesSubmitted`, `callEnded`). Each event is sent in its own task (a MessageChannel turn, as a softphone delivers messages) and timed from the call to its settled Promise: validated, through the call machine, recorded in the store. The outbox drains every call log to a no-op adapter meanwhile, under the Web Locks drain lock, so its work shows in the figures as it would in a page. Warm-up calls come first and are not counted.',
    "- **callEnded → adapter**: from the `callEnded` call to the no-op adapter's `writeCallLog` for that conversation: the full path of the event that produces a CRM write.",
    '- **Sustained events/s**: whole calls for the stated time, then until the adapter has every call log; events divided by the whole time, the drain tail included. "Each event its own task" is how a softphone sends them; the burst row sends 100 calls per task, so that the outbox drains many logs per round.',
    '- **Outbox drain**: call logs queued before `load` (the CRM not connected yet), then `load` and the time until the fake CRM (`adapters/fake`, in the page, zero latency) holds every one. Screen pops are left out of this adapter so that only the outbox works.',
    '- **Cold start**: a page like the Visualforce host page: a fake `sforce.opencti` (test/fakes, answering on the next task) and the Salesforce bundle as plain scripts, opened with `mode` and `sfdcIframeOrigin` as a call center opens it. Time from the moment the bundle starts executing (its script reached and its last byte received) to the first `disposition` and `partner_config` callbacks after the softphone calls `load`. A new browser context each time: empty cache, empty IndexedDB.',
    '- **Retained heap**: Chromium launched with `--js-flags=--expose-gc`; a full GC forced through CDP (`HeapProfiler.collectGarbage`, four passes) before each reading of `Runtime.getHeapUsage().usedSize`. Read after warm-up, after each block of calls (every log confirmed), and after `dispose()`. B/call is the least-squares slope over the blocks. The memory store keeps every call and its sent log until pruned, so its growth is stored data, not a leak; the after-dispose row shows whether it is let go.',
    '',
  );
  return `${lines.join('\n')}\n`;
}
