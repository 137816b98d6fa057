// Issue 16, "Every call still logged when the browser blocks storage": each CRM bundle runs in a
// frame of another site (the CRM page on 127.0.0.1 frames the bundle's page on localhost) in a
// Chromium profile that blocks third-party cookies and site data, as the setting "Block
// third-party cookies", an enterprise policy or an Incognito window does. The frame first proves
// the mode is real (IndexedDB and Web Locks refused), then places calls: each must be logged
// exactly once, and the bridge's status must say the storage is not durable, and why.
//
// Where the CRM lives outside the frame (HubSpot, Zendesk: their SDKs talk to window.parent, so
// their fakes answer from the page around it; the webhook: the reference receiver on the test
// server, another site, reached by the bundle's own fetch), the frame is then reloaded with calls
// the CRM has not taken yet: the calls already logged stay exactly once, and what is lost is
// exactly what the status said before the reload would not survive one (`memory`, with its reason).
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { createReceiver } from '../../../examples/webhook-receiver/server.mjs';
import { findChromium } from '../../../scripts/find-chromium.mjs';
import { CHROMIUM_ARGS } from '../lib/browser.mjs';
import { Checks, newLog, until } from '../lib/harness.mjs';

/**
 * A Chromium profile whose cookie controls block third-party cookies: `profile.cookie_controls_mode`
 * 1 (kBlockThirdParty) in the profile's Preferences, which is what chrome://settings/cookies writes
 * for "Block third-party cookies". Measured with Chromium 156: a cross-site frame then gets
 * SecurityError from localStorage and Web Locks and UnknownError from IndexedDB.
 */
async function blockingContext() {
  const found = findChromium();
  if (found === null) throw new Error('No Chromium found: run `node scripts/ensure-chromium.mjs` or set CHROME_PATH.');
  const profile = mkdtempSync(join(tmpdir(), 'softphone-bridge-blocked-'));
  mkdirSync(join(profile, 'Default'));
  writeFileSync(
    join(profile, 'Default', 'Preferences'),
    JSON.stringify({ profile: { cookie_controls_mode: 1, block_third_party_cookies: true } }),
  );
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: found.path,
    headless: true,
    args: CHROMIUM_ARGS,
  });
  return { context, close: async () => (await context.close(), rmSync(profile, { recursive: true, force: true })) };
}

/**
 * The five CRM bundles. `frame` is the bundle's page (on localhost); `top` the CRM page around it
 * (on 127.0.0.1) when the vendor's side must run there, else an empty page the scenario frames
 * it in. `reload`: the CRM outlives a reload of the frame, so the reload check runs.
 */
const CRMS = [
  {
    id: 'salesforce',
    frame: 'salesforce.html?mode=Lightning&sfdcIframeOrigin=http%3A%2F%2Facme.lightning.force.com',
    record: 'Task',
  },
  { id: 'webhook', frame: 'webhook.html', record: 'webhook record', receiver: true, reload: true },
  { id: 'dynamics', frame: 'dynamics.html', record: 'phone call' },
  { id: 'hubspot', top: 'hubspot-top.html', frame: 'hubspot.html', record: 'engagement', reload: true },
  { id: 'zendesk', top: 'zendesk-top.html', frame: 'zendesk.html', record: 'ticket', reload: true },
];
const CALLS = 6;
/** Calls placed while the CRM takes nothing, then lost by the reload. */
const QUEUED = 3;

/** The bundle's frame in `page`, once it is there. */
async function frameOf(page, url) {
  const found = await until(() => page.frames().some((f) => f.url().startsWith(url)), 5_000, 50);
  return found ? page.frames().find((f) => f.url().startsWith(url)) : undefined;
}

/**
 * Waits until the bridge of a document of `frame` started after `since` (its `timeOrigin`: a
 * reloaded frame is a new document) has loaded or failed to; resolves with that and the probe.
 */
async function bridgeReady(frame, since = 0) {
  await until(
    () =>
      frame
        .evaluate(
          (t) =>
            window.relBlocked !== undefined &&
            window.relBlocked.timeOrigin > t &&
            (window.relBlocked.ready || window.relBlocked.error !== undefined),
          since,
        )
        .catch(() => false),
    20_000,
    50,
  );
  return frame
    .evaluate(() => ({
      ready: window.relBlocked?.ready === true,
      error: window.relBlocked?.error,
      probe: window.relBlocked?.probe,
      timeOrigin: window.relBlocked?.timeOrigin,
    }))
    .catch((error) => ({ ready: false, error: String(error) }));
}

const place = (frame, ids) => frame.evaluate((list) => window.relBlocked.place(list), ids);
const statusOf = (frame) => frame.evaluate(() => window.relBlocked.status());

/** The CRM as the scenario reads it, from the page that holds its fake (`window.relCrm`, pages/blocked/crm.ts). */
const pageSide = (target) => ({
  records: (ids) => target.evaluate((list) => window.relCrm.records(list), ids),
  settled: (ids) => target.evaluate((list) => window.relCrm.settled(list), ids),
  hold: (on) => target.evaluate((value) => window.relCrm.hold(value), on),
  held: () => target.evaluate(() => window.relCrm.held),
  violations: () => target.evaluate(() => window.relViolations?.() ?? []),
});

/**
 * The reference webhook receiver (examples/webhook-receiver/server.mjs, unchanged: signature,
 * timestamp window, CORS for the frame's exact origin, upsert by Idempotency-Key) on the test
 * server at 127.0.0.1, under /hook/. While held, a gateway in front of it answers 503 (with the
 * CORS headers, so the bundle sees the status) and nothing reaches the receiver.
 */
function webhookReceiver(server, port) {
  const secret = randomBytes(24).toString('hex');
  const frameOrigin = `http://localhost:${port}`;
  const { handler, store } = createReceiver({ secret, allowedOrigins: [frameOrigin] });
  let holding = false;
  let held = 0;
  server.route('/hook/', (req, res) => {
    if (holding && req.method === 'POST') {
      held += 1;
      req.resume();
      res.writeHead(503, {
        'Content-Type': 'application/json',
        'Access-Control-Allow-Origin': frameOrigin,
        Vary: 'Origin',
        'Retry-After': '1',
      });
      return void res.end(JSON.stringify({ error: 'unavailable' }));
    }
    req.url = '/calls';
    handler(req, res);
  });
  const recordsFor = (id) => [...store.values()].filter((r) => r.payload?.call?.conversationId === id);
  return {
    query: `?hook=${encodeURIComponent(`http://127.0.0.1:${port}/hook/calls`)}&secret=${secret}`,
    side: {
      records: async (ids) => ids.map((id) => recordsFor(id).length),
      settled: async (ids) => ids.every((id) => recordsFor(id).some((r) => r.payload.call.notes === notesOf(id))),
      hold: async (on) => void (holding = on),
      held: async () => held,
      violations: async () => [],
    },
    close: () => server.unroute('/hook/'),
  };
}

/** The notes calls.ts gives a call (pages/blocked/crm.ts `notesOf`). */
const notesOf = (id) => `notes of ${id}`;

/** Until the CRM holds every call with its notes and the bridge's outbox has nothing left. */
async function settle(frame, side, ids, ms = 10_000) {
  return until(async () => (await side.settled(ids)) && (await statusOf(frame)).outbox.pending === 0, ms, 50);
}

/** The mode is real, or the test proves nothing: the frame's own probe shows its storage refused. */
function checkBlocked(checks, crm, probe, when) {
  checks.that(
    probe !== undefined &&
      probe.indexedDB !== 'ok' &&
      probe.locks === 'SecurityError' &&
      probe.localStorage === 'SecurityError',
    `${crm.id}: storage was not blocked in the frame ${when}: ${JSON.stringify(probe)}`,
  );
}

/** What `status()` must say in this mode: memory, with the reason, and the page's own drain lock. */
function checkMemoryStatus(checks, crm, status, when) {
  checks.that(
    status?.durability === 'memory' && status?.drainLock === 'local',
    `${crm.id}: status ${when} ${JSON.stringify(status)}`,
  );
  checks.that(
    typeof status?.durabilityReason === 'string' && /IndexedDB/.test(status.durabilityReason),
    `${crm.id}: no durability reason in the status ${when}`,
  );
}

/** Opens the CRM page and its cross-site frame; `side` reads the CRM (its fake's page, or the receiver). */
async function openCrm(context, server, port, crm, log) {
  const page = await context.newPage();
  page.on('pageerror', (error) => log.pageErrors.push(`${crm.id}: ${error.message}`));
  const receiver = crm.receiver ? webhookReceiver(server, port) : undefined;
  const src = `http://localhost:${port}/rel/blocked/${crm.frame}${receiver?.query ?? ''}`;
  await page.goto(`http://127.0.0.1:${port}/rel/blocked/${crm.top ?? 'top.html'}`);
  if (crm.top === undefined) {
    await page.evaluate((url) => {
      const frame = document.createElement('iframe');
      frame.src = url;
      document.body.append(frame);
    }, src);
  }
  const frame = await frameOf(page, src.split('?')[0]);
  const side = receiver?.side ?? pageSide(crm.top === undefined ? frame : page);
  return { page, frame, side, close: async () => (receiver?.close(), await page.close()) };
}

/**
 * The reload check: calls placed while the CRM refuses every call-log write (the receiver's
 * gateway and Zendesk answer 503, HubSpot CREATE_ENGAGEMENT_FAILED) stay queued in memory; the status says memory before
 * the reload; the reload loses exactly those, the logged ones stay once, and the reloaded bridge
 * logs the next call once the CRM takes writes again.
 */
async function reloadCheck(checks, crm, { frame, side }, logged) {
  const queued = Array.from({ length: QUEUED }, (_, i) => `blocked-${crm.id}-queued-${i}`);
  await side.hold(true);
  await place(frame, queued);
  const refused = await until(
    async () => (await side.held()) >= 1 && (await statusOf(frame)).outbox.pending === QUEUED,
    5_000,
    50,
  );
  checks.that(
    refused,
    `${crm.id}: the CRM refused no write while held, or the outbox did not queue the ${QUEUED} calls`,
  );
  const before = await statusOf(frame);
  const written = await frame.evaluate(() => [...window.relBlocked.written]);
  const unlogged = [...logged, ...queued].filter((id) => !written.includes(id));
  // What the status says will not survive a reload: the store is memory, and these writes are pending.
  checkMemoryStatus(checks, crm, before, 'before the reload');
  checks.that(
    before.outbox.pending === QUEUED && unlogged.length === QUEUED && unlogged.every((id) => queued.includes(id)),
    `${crm.id}: before the reload, pending ${before.outbox.pending} and unlogged ${JSON.stringify(unlogged)}, expected the ${QUEUED} queued calls`,
  );
  checks.that(
    (await side.records(queued)).every((n) => n === 0),
    `${crm.id}: the CRM took a write while it was held`,
  );

  const old = await frame.evaluate(() => window.relBlocked.timeOrigin);
  await frame.evaluate(() => void setTimeout(() => location.reload(), 0));
  const again = await bridgeReady(frame, old);
  await side.hold(false);
  if (!checks.that(again.ready, `${crm.id}: the reloaded frame's bridge did not load: ${again.error ?? 'timed out'}`))
    return;
  checkBlocked(checks, crm, again.probe, 'after the reload');
  const after = await statusOf(frame);
  checkMemoryStatus(checks, crm, after, 'after the reload');
  const kept = await frame.evaluate((ids) => window.relBlocked.known(ids), [...logged, ...queued]);
  checks.that(
    after.outbox.pending === 0 && kept.every((k) => !k),
    `${crm.id}: memory kept something across the reload: pending ${after.outbox.pending}, known ${JSON.stringify(kept)}`,
  );

  // The CRM takes writes again: the next call is logged, and nothing of before the reload comes back.
  const next = [`blocked-${crm.id}-after-reload`];
  await place(frame, next);
  checks.that(await settle(frame, side, next), `${crm.id}: the call after the reload was not logged`);
  const counts = {
    logged: await side.records(logged),
    queued: await side.records(queued),
    next: await side.records(next),
  };
  checks.that(
    counts.logged.every((n) => n === 1),
    `${crm.id}: ${crm.record}s of the calls logged before the reload: ${JSON.stringify(counts.logged)}`,
  );
  checks.that(
    counts.queued.every((n) => n === 0),
    `${crm.id}: ${crm.record}s of the calls lost in the reload: ${JSON.stringify(counts.queued)}`,
  );
  checks.that(
    counts.next.length === 1 && counts.next[0] === 1,
    `${crm.id}: ${crm.record}s of the call after the reload: ${JSON.stringify(counts.next)}`,
  );
  const violations = await side.violations();
  checks.that(violations.length === 0, `${crm.id}: protocol violations: ${violations.slice(0, 3).join(' | ')}`);
  checks.note(
    `${crm.id} reload: status before it ${before.durability}, ${before.outbox.pending} pending (${QUEUED} calls the CRM refused ${await side.held()} times); after it ${kept.filter(Boolean).length} calls known, ${after.outbox.pending} pending; ${crm.record}s: logged ${counts.logged.join(',')}, lost ${counts.queued.join(',')}, next ${counts.next.join(',')}`,
  );
}

/** The calls of one bundle in its blocked frame: the mode is real, each call is logged once, the status says memory. */
async function checkCrm(checks, crm, opened) {
  const { frame, side } = opened;
  if (!checks.that(frame !== undefined, `${crm.id}: the cross-site frame did not load`)) return;
  const loaded = await bridgeReady(frame);
  checkBlocked(checks, crm, loaded.probe, 'before any call');
  if (!checks.that(loaded.ready, `${crm.id}: the bridge did not load: ${loaded.error ?? 'timed out'}`)) return;
  const ids = Array.from({ length: CALLS }, (_, i) => `blocked-${crm.id}-${i}`);
  await place(frame, ids);
  checks.that(await settle(frame, side, ids), `${crm.id}: the calls were not all logged with their notes within 10 s`);
  const counts = await side.records(ids);
  const status = await statusOf(frame);
  // Not asserted: the bundle's bridge announces its fallbacks while it starts, which can be before
  // the next script on the page listens; status() is what says it for sure (noted for src/).
  const limited = await frame.evaluate(() => window.relBlocked.limited);
  checks.that(
    counts.length === CALLS && counts.every((n) => n === 1),
    `${crm.id}: ${crm.record}s per call: ${JSON.stringify(counts)}`,
  );
  checkMemoryStatus(checks, crm, status, 'after the calls');
  checks.that(
    status?.outbox?.pending === 0 && status?.outbox?.dead === 0,
    `${crm.id}: outbox ${JSON.stringify(status?.outbox)}`,
  );
  checks.note(
    `${crm.id}: frame storage ${JSON.stringify(loaded.probe)}; ${counts.length} calls, ${counts.reduce((a, b) => a + b, 0)} ${crm.record}s; status ${status?.durability}/${status?.drainLock} (${status?.durabilityReason}); storage.limited heard after the bundle: ${JSON.stringify(limited)}`,
  );
  if (crm.reload) await reloadCheck(checks, crm, opened, ids);
}

export const storageBlocked = {
  name: 'a cross-site frame with third-party storage blocked (Salesforce, webhook, Dynamics, HubSpot, Zendesk bundles) → storage refused, every call logged once, status says memory only; a reload loses only the unlogged calls',
  file: 'test/reliability/scenarios/storage-blocked.mjs',
  params: { quick: {}, soak: {} },
  async run({ server }) {
    const checks = new Checks();
    const { context, close } = await blockingContext();
    const log = newLog();
    try {
      const port = new URL(server.url).port;
      for (const crm of CRMS) {
        const opened = await openCrm(context, server, port, crm, log);
        try {
          await checkCrm(checks, crm, opened);
        } finally {
          await opened.close();
        }
      }
      checks.that(log.pageErrors.length === 0, `page errors: ${log.pageErrors.slice(0, 3).join(' | ')}`);
      return checks.done();
    } finally {
      await close();
    }
  },
};
