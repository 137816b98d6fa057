// Runs each in-browser benchmark in a fresh browser context (fresh heap, fresh storage) and
// collects its figures. The pages are bench/pages/*, served by bench/lib/static-server.mjs.

const COLD_QUERY = '?mode=Lightning&sfdcIframeOrigin=http%3A%2F%2Facme.lightning.force.com';

async function inFreshPage(browser, url, body) {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(url);
    await page.waitForFunction(() => 'bench' in window);
    const result = await body(page, context);
    if (errors.length > 0) throw new Error(`page errors: ${errors.join('; ')}`);
    return result;
  } finally {
    await context.close();
  }
}

const call = (page, name, args) => page.evaluate(([n, a]) => window.bench[n](a), [name, args]);

/** Per-event overhead `times` times: the run with the median p99, with every run's median and p99 beside it. */
export async function perEvent(browser, base, options, times = 1) {
  const runs = [];
  for (let i = 0; i < times; i += 1)
    runs.push(await inFreshPage(browser, `${base}bench/main.html`, (page) => call(page, 'perEvent', options)));
  const sorted = [...runs].sort((a, b) => a.all.p99 - b.all.p99);
  return {
    ...sorted[Math.floor((sorted.length - 1) / 2)],
    allRuns: runs.map((r) => ({ median: r.all.median, p99: r.all.p99 })),
  };
}

/**
 * Runs a benchmark `times` times, each in a fresh context, and returns the run with the median
 * `metric`, with every run's figure beside it: a 2-core machine shared with other work is noisy.
 */
async function repeated(times, metric, once) {
  const runs = [];
  for (let i = 0; i < times; i += 1) runs.push(await once());
  const sorted = [...runs].sort((a, b) => a[metric] - b[metric]);
  return { ...sorted[Math.floor((sorted.length - 1) / 2)], allRuns: runs.map((r) => r[metric]) };
}

export function sustained(browser, base, options, times = 1) {
  return repeated(times, 'eventsPerSecond', () =>
    inFreshPage(browser, `${base}bench/main.html`, (page) => call(page, 'sustained', options)),
  );
}

export function drain(browser, base, options, times = 1) {
  return repeated(times, 'writesPerSecond', () =>
    inFreshPage(browser, `${base}bench/main.html`, (page) => call(page, 'drain', options)),
  );
}

/** Forces a full GC (several passes, so that weak and finalizable objects go too) and reads the used JS heap. */
async function settledHeap(cdp) {
  for (let i = 0; i < 4; i += 1) {
    await cdp.send('HeapProfiler.collectGarbage');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  return usedSize;
}

/**
 * Bytes of the heap by kind from a heap snapshot: `code` (compiled code and its metadata, which
 * grows as V8 optimises, not with data) and `other` (everything an application can retain).
 */
async function heapByKind(cdp) {
  for (let i = 0; i < 4; i += 1) await cdp.send('HeapProfiler.collectGarbage');
  const chunks = [];
  const onChunk = (event) => chunks.push(event.chunk);
  cdp.on('HeapProfiler.addHeapSnapshotChunk', onChunk);
  await cdp.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
  cdp.off('HeapProfiler.addHeapSnapshotChunk', onChunk);
  const snapshot = JSON.parse(chunks.join(''));
  const fields = snapshot.snapshot.meta.node_fields;
  const types = snapshot.snapshot.meta.node_types[0];
  const typeAt = fields.indexOf('type');
  const sizeAt = fields.indexOf('self_size');
  const totals = { code: 0, other: 0 };
  for (let i = 0; i < snapshot.nodes.length; i += fields.length) {
    totals[types[snapshot.nodes[i + typeAt]] === 'code' ? 'code' : 'other'] += snapshot.nodes[i + sizeAt];
  }
  return totals;
}

/** Least-squares slope of y over x. */
function slope(points) {
  const n = points.length;
  const mx = points.reduce((a, p) => a + p.x, 0) / n;
  const my = points.reduce((a, p) => a + p.y, 0) / n;
  const num = points.reduce((a, p) => a + (p.x - mx) * (p.y - my), 0);
  const den = points.reduce((a, p) => a + (p.x - mx) ** 2, 0);
  return den === 0 ? 0 : num / den;
}

/**
 * Retained heap over `calls` calls through one bridge on one page, in `blocks` blocks: after
 * each, every call log is confirmed, a full GC is forced through CDP and the used heap read.
 * Growth = after the last block − after warm-up; per call = the slope over the blocks.
 */
export function heap(browser, base, { store, calls, blocks, warmupCalls, tasks, snapshots = false }) {
  return inFreshPage(browser, `${base}bench/main.html`, async (page, context) => {
    const cdp = await context.newCDPSession(page);
    const empty = await settledHeap(cdp);
    await call(page, 'heapSetup', { store, warmupCalls });
    const kindsBefore = snapshots ? await heapByKind(cdp) : undefined;
    const before = await settledHeap(cdp);
    const points = [{ x: 0, y: before }];
    const runs = [];
    const size = Math.ceil(calls / blocks);
    for (let done = 0; done < calls; done += size) {
      const run = await call(page, 'heapRun', { calls: Math.min(size, calls - done), tasks });
      const used = await settledHeap(cdp);
      points.push({ x: done + Math.min(size, calls - done), y: used });
      runs.push({
        storedCalls: run.storedCalls,
        callsPerSecond: run.callsPerSecond,
        heap: used,
        pending: run.status.outbox.pending,
        dead: run.status.outbox.dead,
      });
    }
    const after = points[points.length - 1].y;
    const kindsAfter = snapshots ? await heapByKind(cdp) : undefined;
    const byKind = snapshots
      ? { code: kindsAfter.code - kindsBefore.code, other: kindsAfter.other - kindsBefore.other }
      : undefined;
    await call(page, 'heapDispose', {});
    const disposed = await settledHeap(cdp);
    return {
      store,
      calls,
      tasks,
      empty,
      before,
      after,
      disposed,
      growth: after - before,
      perCallSlope: slope(points),
      growthByKind: byKind,
      runs,
    };
  });
}

/** `runs` cold starts of the Salesforce bundle, each in a new context (empty cache and storage). */
export async function coldStart(browser, base, runs) {
  const samples = [];
  for (let i = 0; i < runs; i += 1) {
    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      await page.goto(`${base}bench/cold-start.html${COLD_QUERY}`);
      await page.waitForFunction(
        () => window.coldStart?.done === true || window.coldStart?.error !== undefined,
        undefined,
        { timeout: 10_000 },
      );
      const cold = await page.evaluate(() => window.coldStart);
      if (cold.error !== undefined) throw new Error(`cold start: load rejected with ${cold.error}`);
      samples.push(cold);
    } finally {
      await context.close();
    }
  }
  return samples;
}
