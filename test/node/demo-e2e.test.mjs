// The demo end to end, in the system Chromium (playwright-core, never a downloaded browser): the
// CRM console on one origin, the softphone in its utility bar on another, talking only through
// the remote transport. An inbound call and a click-to-dial call go through the softphone's UI;
// the console must show the screen pop and exactly one call log per call, keep both across a
// reload (IndexedDB), break no CSP rule on either origin and log no number or note to the console.
// The fault switch makes the CRM fail writes: the outbox retries until one log lands, and "Reset
// demo" empties both databases. The vendor switch gets one Sobot call, one Voicenter call whose
// pop-up phase and CDR go over HTTP through the demo's relay (dist/relay, in the demo server's
// process) and back on the agent stream, and one Sociomile click-to-dial whose webhook does the
// same; the relay's own stream and /metrics are read to show what went through it.
// Leaves its screenshot in test-results/demo.png (gitignored), so that `npm test` leaves the tree
// clean; with DEMO_SCREENSHOT=docs (`npm run screenshot`) it rewrites docs/demo.png, the
// README's picture, instead. Needs the build (`npm run build`).
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { startDemoServer } from '../../demo/server.mjs';
import { openStream } from './relay-harness.mjs';
import { demoEntries } from '../../scripts/build-entries.mjs';
import { findChromium } from '../../scripts/find-chromium.mjs';

/** Where the screenshot of the first test goes: the README's picture only when asked (D19). */
const SCREENSHOT = fileURLToPath(
  new URL(
    process.env.DEMO_SCREENSHOT === 'docs' ? '../../docs/demo.png' : '../../test-results/demo.png',
    import.meta.url,
  ),
);
const INBOUND_NOTES = 'Moved her booking to Friday; confirmation emailed.';
// Markup in notes must stay characters: as HTML, `<invoice 4417>` would be an element and vanish.
const OUTBOUND_NOTES = 'Left a voicemail about <invoice 4417> & the late fee.';
/** Waits are for conditions; this only bounds them. */
const WAIT_MS = 10_000;

let server;
let browser;

before(async () => {
  for (const output of [...demoEntries.map((e) => e.output), 'dist/softphone-bridge.remote.iife.js']) {
    assert.ok(
      existsSync(fileURLToPath(new URL(`../../${output}`, import.meta.url))),
      `${output} is missing: run \`npm run build\` first`,
    );
  }
  // `npm start`'s ports when free (or the next free ones), so that the screenshot shows the origins
  // the README names; any free ports when none of those is.
  server = await startDemoServer({ port: 8080 }).catch(() => startDemoServer({ port: 0 }));
  const found = findChromium();
  assert.ok(found, 'no Chromium found: set CHROME_PATH or run `node scripts/ensure-chromium.mjs`');
  // demo.example stands for a port-forwarded or proxied name: it reaches this server, but is not loopback.
  browser = await chromium.launch({
    executablePath: found.path,
    args: ['--no-sandbox', '--disable-dev-shm-usage', '--host-resolver-rules=MAP demo.example 127.0.0.1'],
  });
});

after(async () => {
  await browser?.close();
  await server?.close();
});

/** Installed in every frame before its scripts (outside the pages' CSP): reports each violation. */
function reportViolations() {
  document.addEventListener('securitypolicyviolation', (event) => {
    window.reportCspViolation({
      origin: location.origin,
      directive: event.effectiveDirective,
      blocked: event.blockedURI,
    });
  });
}

/** A fresh browser context (empty IndexedDB) on the console, with what the pages report collected. */
async function openConsole(url = server.url) {
  const context = await browser.newContext({ viewport: { width: 1360, height: 1160 }, colorScheme: 'light' });
  const seen = { violations: [], console: [], errors: [] };
  await context.exposeBinding('reportCspViolation', (_source, violation) => seen.violations.push(violation));
  await context.addInitScript(reportViolations);
  const page = await context.newPage();
  page.setDefaultTimeout(WAIT_MS);
  page.on('console', (message) => seen.console.push({ type: message.type(), text: message.text() }));
  page.on('pageerror', (error) => seen.errors.push(error.message));
  await page.goto(url);
  const phone = page.frameLocator('#softphone');
  // A vendor panel's buttons are named by the action, then the vendor event it makes the SDK emit.
  const button = (name) => phone.getByRole('button', { name: new RegExp(`^${name} `) });
  return { context, page, seen, phone, button };
}

/** Neither origin broke a CSP rule, threw, or logged an error to the console. */
function assertCleanPages(seen) {
  assert.deepEqual(seen.violations, [], 'CSP violations');
  assert.deepEqual(seen.errors, [], 'page errors');
  assert.deepEqual(
    seen.console.filter((m) => m.type === 'error'),
    [],
    'errors in the browser console',
  );
}

/** Waits until the softphone shows `phase` (Idle, Ringing, Dialing, On call, Wrap-up). */
const phase = (phone, label) => phone.locator('.phase', { hasText: label }).waitFor();

/**
 * The agent's part of a call once it is answered (`answer`: the button that connects it): pick a
 * disposition (the codes came with the CRM's `disposition` callback), write notes, talk for at
 * least a second so the log has a duration to show, hang up, submit the wrap-up.
 */
async function talkAndWrapUp(phone, answer, disposition, notes) {
  await phone.getByRole('button', { name: answer }).click();
  await phase(phone, 'On call');
  await phone.locator('#disposition').selectOption(disposition);
  await phone.locator('#notes').fill(notes);
  await phone.locator('.timer', { hasNotText: '0:00' }).waitFor();
  await phone.getByRole('button', { name: 'Hang up' }).click();
  await phone.getByRole('button', { name: 'Submit notes' }).click();
  await phase(phone, 'Idle');
}

/**
 * Everything the demo's relay has pushed to the demo agent so far, as a second client of the agent
 * stream reads it from the start (`lastEventId=0`): `{ type, id, vendor, kind, agentId, body }`.
 * The token comes from the demo server, as the softphone page gets it.
 */
async function relayedEvents() {
  const session = await (await fetch(`${server.softphoneUrl}relay/session`)).json();
  const stream = await openStream(
    `${session.url}v1/agents/${session.agentId}/events?lastEventId=0&token=${encodeURIComponent(session.token)}`,
  );
  assert.equal(stream.response.status, 200, "the agent stream opens with the demo server's token");
  const events = [];
  try {
    // The retained events are replayed at once; a second of silence means there are no more.
    for (;;) {
      const item = await stream.nextEvent(1_000).catch(() => ({ end: true }));
      if (item.end) return events;
      events.push({ type: item.event, ...item.data });
    }
  } finally {
    stream.close();
  }
}

/** The relay's `relay_events_accepted_total` for `vendor` and `kind`, from its /metrics. */
async function acceptedByRelay(vendor, kind) {
  const text = await (await fetch(`${server.relayUrl}metrics`)).text();
  const line = text
    .split('\n')
    .find((l) => l.startsWith(`relay_events_accepted_total{vendor="${vendor}",kind="${kind}"}`));
  return line === undefined ? 0 : Number(line.split(' ').at(-1));
}

/** Waits until the bridge has written everything it queued, as `<sb-bridge-status>` shows it. */
const outboxDrained = (page) => page.locator('sb-bridge-status #pending', { hasText: /^0$/ }).waitFor();

/** The call-log rows as the agent reads them: one object per row, newest first. */
function logRows(page) {
  return page.locator('#call-log tr').evaluateAll((rows) =>
    rows.map((row) => {
      const cells = [...row.cells];
      return {
        contact: cells[0].firstElementChild?.textContent,
        direction: cells[1].textContent,
        outcome: cells[2].querySelector('.outcome')?.textContent,
        vendorOutcome: cells[2].querySelector('.vendor-outcome')?.textContent,
        duration: cells[3].textContent,
        disposition: cells[4].textContent,
        notes: cells[5].textContent,
        // One wrapper (the line clamp) holding text only: notes never become elements.
        notesAreText: cells[5].querySelectorAll('*').length === 1 && cells[5].firstElementChild.childElementCount === 0,
        record: cells[6].firstElementChild?.textContent,
        writes: cells[6].querySelector('.writes')?.textContent,
        recording: cells[6].querySelector('a.recording')?.getAttribute('href') ?? undefined,
      };
    }),
  );
}

test(
  'the two-origin demo: inbound and click-to-dial calls through the softphone frame, logged once each, kept across a reload',
  { timeout: 60_000 },
  async () => {
    const { context, page, seen, phone } = await openConsole();
    try {
      await phase(phone, 'Idle');
      assert.equal(
        await page.locator('#softphone').getAttribute('src'),
        server.softphoneUrl,
        'the softphone comes from the second origin',
      );
      assert.notEqual(new URL(server.softphoneUrl).origin, new URL(server.url).origin);

      // Inbound: Maya calls; the CRM pops her record while it rings.
      await phone.locator('#caller').selectOption({ label: 'Maya Okafor (+14155550101)' });
      await phone.getByRole('button', { name: 'Simulate incoming call' }).click();
      await phase(phone, 'Ringing');
      await page.locator('#screen-pop[data-kind="record"] h3', { hasText: 'Maya Okafor' }).waitFor();
      await page.locator('#current-call[data-state="ringing"]', { hasText: 'Maya Okafor' }).waitFor();
      await talkAndWrapUp(phone, 'Accept', 'resolved', INBOUND_NOTES);
      await page.locator('#call-log tr .notes', { hasText: INBOUND_NOTES }).waitFor();
      await outboxDrained(page);
      const [inbound, ...others] = await logRows(page);
      assert.equal(others.length, 0, 'callEnded then callNotesSubmitted: still one call log');
      assert.equal(inbound.contact, 'Maya Okafor');
      assert.equal(inbound.direction, 'Inbound');
      assert.equal(inbound.outcome, 'Completed');
      assert.match(inbound.duration, /^0:0[1-9]$/);
      assert.equal(inbound.disposition, 'resolved');
      assert.equal(inbound.notes, INBOUND_NOTES);
      assert.equal(inbound.record, 'LOG-1');
      assert.match(inbound.writes, /^1 create · [01] updates?$/, 'created once, then at most updated');

      // Click-to-dial: the console asks (start_call), the softphone dials (outboundCallInitiated),
      // and the bridge links the call to the contact that was clicked.
      await page.getByRole('button', { name: 'Call +1 415 555 0117' }).click();
      await page.locator('#screen-pop h3', { hasText: 'Jonas Lindqvist' }).waitFor();
      await phase(phone, 'Dialing');
      await phone.locator('.party', { hasText: 'Outbound to +14155550117' }).waitFor();
      await page.locator('#current-call[data-state="dialing"]', { hasText: 'Outbound · Jonas Lindqvist' }).waitFor();
      await talkAndWrapUp(phone, 'They answered', 'voicemail', OUTBOUND_NOTES);
      await page.locator('#call-log tr').nth(1).waitFor();
      await page.locator('#call-log tr .notes', { hasText: OUTBOUND_NOTES }).waitFor();
      await outboxDrained(page);
      const rows = await logRows(page);
      assert.equal(rows.length, 2, 'one more call, one more call log');
      const [outbound] = rows;
      assert.equal(outbound.contact, 'Jonas Lindqvist');
      assert.equal(outbound.direction, 'Outbound');
      assert.equal(outbound.disposition, 'voicemail');
      assert.equal(outbound.notes, OUTBOUND_NOTES);
      assert.equal(outbound.record, 'LOG-2');
      assert.ok(outbound.notesAreText, 'notes are rendered as text, never as HTML');
      assert.deepEqual(rows[1], inbound);

      await page.screenshot({ path: SCREENSHOT });

      // The CRM keeps its records in IndexedDB: a reload shows the same log, and the softphone reconnects.
      await page.reload();
      await page.locator('#call-log tr').nth(1).waitFor();
      assert.deepEqual(await logRows(page), rows);
      await phase(phone, 'Idle');

      assertCleanPages(seen);
      const leaks = seen.console.filter((m) => /555\W?01|invoice|booking/i.test(m.text));
      assert.deepEqual(leaks, [], 'numbers or notes in the browser console');
    } finally {
      await context.close();
    }
  },
);

test(
  'D6: the console opened as http://localhost:<port>/ lands on the printed origin and its softphone loads',
  { timeout: 60_000 },
  async () => {
    const { port } = new URL(server.url);
    const { context, page, seen, phone } = await openConsole(`http://localhost:${port}/?softphone=builtin`);
    try {
      await phase(phone, 'Idle');
      assert.equal(page.url(), `${server.url}?softphone=builtin`, 'redirected to the URL npm start prints, query kept');
      assert.ok(await page.locator('#frame-notice').isHidden(), 'no notice when the softphone loads');
      assertCleanPages(seen);
    } finally {
      await context.close();
    }
  },
);

test(
  'D6: a console opened under a name the softphone does not allow says on the page why its phone is missing, and where to go',
  { timeout: 60_000 },
  async () => {
    const { port } = new URL(server.url);
    const { context, page } = await openConsole(`http://demo.example:${port}/`);
    try {
      const notice = page.locator('#frame-notice');
      await notice.waitFor();
      assert.match(
        await notice.innerText(),
        /cannot load here.*opened as http:\/\/demo\.example:\d+.*frame-ancestors/s,
      );
      assert.equal(await notice.getByRole('link').getAttribute('href'), server.url, 'it links the URL that works');
      assert.equal(
        await page.locator('sb-bridge-status').getByText('Waiting for the softphone').count(),
        1,
        'the phone really is blocked',
      );
    } finally {
      await context.close();
    }
  },
);

/** Rings the built-in softphone from `label` (the simulator's caller list) and waits until it rings. */
async function ring(phone, label) {
  await phone.locator('#caller').selectOption({ label });
  await phone.getByRole('button', { name: 'Simulate incoming call' }).click();
  await phase(phone, 'Ringing');
}

/** Rings the built-in softphone from `label` and accepts the call. */
async function answer(phone, label) {
  await ring(phone, label);
  await phone.getByRole('button', { name: 'Accept' }).click();
  await phase(phone, 'On call');
}

test(
  'D6: a softphone frame that never loads the bridge (here: its page does not load) is explained on the console after the grace period',
  { timeout: 60_000 },
  async () => {
    const context = await browser.newContext({ viewport: { width: 1360, height: 900 } });
    try {
      // The browser refuses the frame's page, as it does a frame-ancestors block: the console sees no load().
      await context.route(`${server.softphoneUrl}**`, (route) => route.abort('blockedbyclient'));
      const page = await context.newPage();
      await page.goto(server.url);
      const notice = page.locator('#frame-notice');
      assert.ok(await notice.isHidden(), 'no alarm before the grace period');
      await notice.waitFor({ timeout: 15_000 });
      assert.match(await notice.innerText(), /softphone has not answered.*did not load the bridge within 8 s/s);
    } finally {
      await context.close();
    }
  },
);

test(
  'D7: a shared-line pop lets the agent pick the caller ("This is the caller"), which links the call and its log to that contact',
  { timeout: 60_000 },
  async () => {
    const { context, page, seen, phone } = await openConsole();
    try {
      await phase(phone, 'Idle');
      await ring(phone, 'Priya Raman or Dev Raman (+14155550142)');
      const pop = page.locator('#screen-pop[data-kind="search"]');
      await pop.getByText('Which one is on the line?').waitFor();
      assert.equal(
        await pop.getByRole('button', { name: /is the caller$/ }).count(),
        2,
        'one choice per contact on the line',
      );
      await pop.getByRole('button', { name: 'Dev Raman is the caller' }).click();
      await page.locator('#screen-pop[data-kind="record"] h3', { hasText: 'Dev Raman' }).waitFor();
      await page.locator('#pop-reason', { hasText: 'caller picked' }).waitFor();
      // The bridge has the link: the console's call line names him while the phone still rings.
      await page.locator('#current-call[data-state="ringing"]', { hasText: 'Dev Raman' }).waitFor();
      await phase(phone, 'Ringing');
      await talkAndWrapUp(phone, 'Accept', 'resolved', INBOUND_NOTES);
      await page.locator('#call-log tr .notes', { hasText: INBOUND_NOTES }).waitFor();
      await outboxDrained(page);
      const rows = await logRows(page);
      assert.equal(rows.length, 1);
      assert.equal(rows[0].contact, 'Dev Raman', 'logged against the contact the agent picked');
      assert.equal(await page.locator('#call-log tr .sub', { hasText: 'not linked' }).count(), 0);
      assertCleanPages(seen);
    } finally {
      await context.close();
    }
  },
);

test(
  'D8: a click-to-dial during a call is refused in the CRM, where the agent sees it, and the pop stays on the live caller',
  { timeout: 60_000 },
  async () => {
    const { context, page, seen, phone } = await openConsole();
    try {
      await phase(phone, 'Idle');
      await answer(phone, 'Maya Okafor (+14155550101)');
      await page.locator('#current-call[data-state="connected"]', { hasText: 'Maya Okafor' }).waitFor();

      await page.getByRole('button', { name: 'Call +1 415 555 0117' }).click();
      const notice = page.locator('#pop-notice');
      await notice.waitFor();
      assert.match(
        await notice.innerText(),
        /Jonas Lindqvist was not dialed: the call with Maya Okafor is still in progress/,
      );
      assert.equal(await page.locator('#screen-pop h3').innerText(), 'Maya Okafor', 'the pop stays on the live caller');
      assert.equal(await page.locator('#current-call').innerText(), 'Inbound · Maya Okafor · On call');
      await phase(phone, 'On call');
      // Nothing reached the softphone: it would have announced a refused start_call.
      assert.equal(await phone.getByText('The CRM asked to dial').count(), 0, 'no start_call was sent');

      await phone.getByRole('button', { name: 'Hang up' }).click();
      await phone.getByRole('button', { name: 'Submit notes' }).click();
      await phase(phone, 'Idle');
      await page.locator('#call-log tr').first().waitFor();
      await outboxDrained(page);
      const rows = await logRows(page);
      assert.equal(rows.length, 1, 'one call, one log: no phantom dial');
      assert.equal(rows[0].contact, 'Maya Okafor');
      assertCleanPages(seen);
    } finally {
      await context.close();
    }
  },
);

test(
  'D9: a click-to-dial over an unsubmitted wrap-up asks first; going back keeps the typed notes, which are then logged',
  { timeout: 60_000 },
  async () => {
    const { context, page, seen, phone } = await openConsole();
    try {
      await phase(phone, 'Idle');
      await answer(phone, 'Maya Okafor (+14155550101)');
      await phone.locator('#disposition').selectOption('callback-requested');
      await phone.locator('#notes').fill(INBOUND_NOTES);
      await phone.getByRole('button', { name: 'Hang up' }).click();
      await phase(phone, 'Wrap-up');

      await page.getByRole('button', { name: 'Call +1 415 555 0117' }).click();
      const notice = page.locator('#pop-notice');
      await notice.waitFor();
      assert.match(await notice.innerText(), /call with Maya Okafor has ended, but its wrap-up .* is not submitted/);
      assert.equal(await page.locator('#screen-pop h3').innerText(), 'Maya Okafor');
      await phase(phone, 'Wrap-up');
      assert.equal(await phone.locator('#notes').inputValue(), INBOUND_NOTES, 'the typed notes are still there');

      await notice.getByRole('button', { name: 'Back to the wrap-up' }).click();
      assert.ok(await notice.isHidden(), 'the agent chose: the notice goes');
      await phone.getByRole('button', { name: 'Submit notes' }).click();
      await phase(phone, 'Idle');
      await page.locator('#call-log tr .notes', { hasText: INBOUND_NOTES }).waitFor();
      await outboxDrained(page);
      const [row, ...others] = await logRows(page);
      assert.equal(others.length, 0);
      assert.equal(row.disposition, 'callback-requested');
      assert.equal(row.notes, INBOUND_NOTES);

      // Wrap-up submitted: the next click dials at once.
      await page.getByRole('button', { name: 'Call +1 415 555 0117' }).click();
      await phase(phone, 'Dialing');
      assert.ok(await notice.isHidden());
      assertCleanPages(seen);
    } finally {
      await context.close();
    }
  },
);

test(
  'the fault switch: the CRM fails the next 3 writes, the outbox retries until one call log lands; Reset demo empties the log',
  { timeout: 60_000 },
  async () => {
    const { context, page, seen, phone } = await openConsole();
    try {
      await phase(phone, 'Idle');
      const faultSwitch = page.getByLabel('CRM fails the next 3 writes');
      await faultSwitch.check();
      await page.locator('#fault-note', { hasText: '3 to go' }).waitFor();
      assert.ok(await faultSwitch.isDisabled(), 'armed: the switch waits until its faults are used up');

      await phone.locator('#caller').selectOption({ label: 'Maya Okafor (+14155550101)' });
      await phone.getByRole('button', { name: 'Simulate incoming call' }).click();
      await talkAndWrapUp(phone, 'Accept', 'resolved', INBOUND_NOTES);
      // Three failed attempts with backoff (about 0.5–1 s, 1–2 s, 2–4 s), then the write that lands.
      // D11: the faults running out is not the recovery: the note says the outbox still retries, and
      // the bridge status shows the failure, until the write lands; then both clear by themselves.
      await page.locator('#fault-note', { hasText: 'the outbox is retrying' }).waitFor({ timeout: 20_000 });
      const lastError = page.locator('sb-bridge-status .error p');
      assert.match(
        await lastError.innerText(),
        /ADAPTER_WRITE_FAILED/,
        'the failure is shown while the write is pending',
      );
      assert.equal(await page.locator('#call-log tr').count(), 0, 'retrying: nothing has landed yet');
      await page.locator('#call-log tr .notes', { hasText: INBOUND_NOTES }).waitFor({ timeout: 20_000 });
      await page.locator('#fault-note', { hasText: /^$/ }).waitFor({ state: 'attached' });
      await outboxDrained(page);
      await lastError.waitFor({ state: 'detached' });
      assert.ok(await faultSwitch.isEnabled(), 'faults used up: the switch can be armed again');
      assert.equal(await faultSwitch.isChecked(), false);

      const rows = await logRows(page);
      assert.equal(rows.length, 1, 'three failures and the retry that succeeded: still one call log');
      assert.equal(rows[0].notes, INBOUND_NOTES);
      assert.match(rows[0].writes, /^1 create · [01] updates?$/, 'the failed attempts created nothing');
      assert.deepEqual(seen.errors, [], 'page errors');
      const leaks = seen.console.filter((m) => /555\W?01|booking/i.test(m.text));
      assert.deepEqual(leaks, [], 'failures are logged without the number or the notes');

      // Reset demo deletes the CRM's records and the bridge's outbox, then reloads into a fresh demo.
      await page.getByRole('button', { name: 'Reset demo' }).click();
      await page.waitForEvent('load');
      await phase(phone, 'Idle');
      await page.getByRole('button', { name: 'Call +1 415 555 0117' }).waitFor();
      assert.equal(await page.locator('#call-log tr').count(), 0, 'the call log is empty after the reset');
      assert.deepEqual(seen.violations, [], 'CSP violations');
    } finally {
      await context.close();
    }
  },
);

test(
  'the vendor switch: ?softphone=sobot runs the frame through the fake Sobot SDK and its connector, and the console logs the call once',
  { timeout: 60_000 },
  async () => {
    const { context, page, seen, phone, button } = await openConsole(`${server.url}?softphone=sobot`);
    try {
      await button('Ring').waitFor();
      assert.equal(await phone.locator('sb-softphone').count(), 0, 'the vendor panel replaces <sb-softphone>');

      await button('Ring').click(); // Maya Okafor's number, the panel's default caller
      await page.locator('#screen-pop[data-kind="record"] h3', { hasText: 'Maya Okafor' }).waitFor();
      await button('Answer').click();
      await phone.getByText('On call with Maya Okafor').waitFor();
      // The connector measures the duration from answer to release on the real clock.
      await page.waitForTimeout(1_100);
      await button('Hang up').click();
      await page.locator('#call-log tr').first().waitFor();
      // D15: the panel takes the notes no Sobot screen has, and sends them with the call.
      await phone.getByLabel('Notes').fill(INBOUND_NOTES);
      await button('Send notes').click();
      await page.locator('#call-log tr .notes', { hasText: INBOUND_NOTES }).waitFor();
      await outboxDrained(page);

      const rows = await logRows(page);
      assert.equal(rows.length, 1, 'one Sobot call, one call log');
      assert.equal(rows[0].notes, INBOUND_NOTES);
      assert.ok(rows[0].notesAreText);
      assert.equal(rows[0].contact, 'Maya Okafor');
      assert.equal(rows[0].direction, 'Inbound');
      assert.equal(rows[0].outcome, 'Completed');
      assert.match(rows[0].duration, /^0:0[1-9]$/);
      // The trace in the frame shows the path vendor event → contract call → the bridge's answer.
      await phone.getByText('EventReleased').first().waitFor();
      await phone.getByText('callEnded').first().waitFor();

      assertCleanPages(seen);
    } finally {
      await context.close();
    }
  },
);

test(
  'the vendor switch: ?softphone=voicenter runs a web-phone call whose pop-up phase and CDR go over HTTP through the relay and its agent stream, logged once with what the relay carried',
  { timeout: 60_000 },
  async () => {
    const { context, page, seen, phone, button } = await openConsole(`${server.url}?softphone=voicenter`);
    const before = {
      popup: await acceptedByRelay('voicenter', 'popup'),
      cdr: await acceptedByRelay('voicenter', 'cdr'),
    };
    try {
      await button('Incoming call').and(phone.locator(':enabled')).waitFor();

      // The web-phone never says who calls: the pop-up screen phase, posted by the (simulated)
      // Voicenter cloud to the relay and pushed back on the agent stream, adds the number to the
      // ringing call, and the record pops once the call connects (a ring pop happens only when the
      // first event already has the number).
      await button('Incoming call').click();
      await page.locator('#current-call[data-state="ringing"]', { hasText: '+1 415 555 0101' }).waitFor();
      await phone.getByText('Relay stream · voicenter.popup').first().waitFor();
      await button('Answer').click();
      await page.locator('#screen-pop[data-kind="record"] h3', { hasText: 'Maya Okafor' }).waitFor();
      await page.locator('#current-call[data-state="connected"]', { hasText: 'Maya Okafor' }).waitFor();
      await page.waitForTimeout(1_100);
      await button('Hang up').click();
      await page.locator('#call-log tr').first().waitFor();
      // Voicenter's CDR comes later through the relay: the same log gains the recording.
      await button('CDR arrived').click();
      await phone.getByText('POST relay …/voicenter/cdr · 200').first().waitFor();
      await phone.getByText('Relay stream · voicenter.cdr').first().waitFor();
      await page.locator('#call-log tr a.recording').first().waitFor();
      await outboxDrained(page);

      const rows = await logRows(page);
      assert.equal(rows.length, 1, 'the hang-up and the late CDR: one call log');
      assert.equal(rows[0].contact, 'Maya Okafor');
      assert.equal(rows[0].direction, 'Inbound');
      assert.equal(rows[0].outcome, 'Completed');
      assert.match(rows[0].writes, /^1 create · [0-9]+ updates?$/);
      // D15: what the CDR added is visible: Voicenter's own status and the recording link.
      assert.equal(rows[0].vendorOutcome, 'Voicenter: ANSWER');
      assert.match(rows[0].recording ?? '', /^https:\/\/recordings\.example\.com\/voicenter\/.+\.mp3$/);
      await phone.getByText('onCallEnd').first().waitFor();
      await phone.getByText('callNotesSubmitted').first().waitFor();

      // What went through the relay: its stream holds this call's pop-up phase and CDR, once each,
      // routed to the demo agent, and they are what the CRM shows (the caller, the recording link).
      const cdrs = (await relayedEvents()).filter(
        (e) => e.type === 'voicenter.cdr' && e.body.record === rows[0].recording,
      );
      assert.equal(cdrs.length, 1, 'the CDR with the logged recording link, on the agent stream once');
      const ivrId = cdrs[0].body.ivruniqueid;
      assert.deepEqual(
        { agentId: cdrs[0].agentId, targetextension: cdrs[0].body.targetextension, status: cdrs[0].body.status },
        { agentId: server.agentId, targetextension: server.agentId, status: 'ANSWER' },
      );
      const popups = (await relayedEvents()).filter((e) => e.type === 'voicenter.popup' && e.body.ivrid === ivrId);
      assert.equal(popups.length, 1, "this call's Ringing phase, on the agent stream once");
      assert.deepEqual(
        { agentId: popups[0].agentId, phone: popups[0].body.phone, status: popups[0].body.status },
        { agentId: server.agentId, phone: '+14155550101', status: 'Ringing' },
      );
      assert.deepEqual(
        { popup: await acceptedByRelay('voicenter', 'popup'), cdr: await acceptedByRelay('voicenter', 'cdr') },
        { popup: before.popup + 1, cdr: before.cdr + 1 },
        "the relay's /metrics counted one pop-up phase and one CDR",
      );

      assertCleanPages(seen);
    } finally {
      await context.close();
    }
  },
);

test(
  'the vendor switch: ?softphone=sociomile dials a contact clicked in the console through the widget queue, and its webhook, through the relay, logs the call',
  { timeout: 60_000 },
  async () => {
    const { context, page, seen, phone, button } = await openConsole(`${server.url}?softphone=sociomile`);
    const before = await acceptedByRelay('sociomile', 'call');
    try {
      await button('Load widget script').waitFor();

      // start_call crosses to the frame, where the connector queues the widget's dial command.
      await page.getByRole('button', { name: 'Call +1 415 555 0117' }).click();
      await page.locator('#screen-pop h3', { hasText: 'Jonas Lindqvist' }).waitFor();
      await phone.getByText('start_call').first().waitFor();
      await button('Load widget script').click(); // the queued dial runs now
      await page.locator('#current-call[data-state="dialing"]', { hasText: 'Jonas Lindqvist' }).waitFor();
      await button('Call finished').click(); // ANSWERED, 42 s of talk, a recording link
      await phone.getByText('POST relay …/sociomile/webhook · 200').first().waitFor();
      await phone.getByText('Relay stream · sociomile.call').first().waitFor();
      await page.locator('#call-log tr').first().waitFor();
      await outboxDrained(page);

      const rows = await logRows(page);
      assert.equal(rows.length, 1, 'one dialled call, one call log');
      assert.equal(rows[0].contact, 'Jonas Lindqvist');
      assert.equal(rows[0].direction, 'Outbound');
      assert.equal(rows[0].duration, '0:42', "the webhook's talk time");
      // D15: the webhook's disposition and recording link show in the log.
      assert.equal(rows[0].vendorOutcome, 'Sociomile: ANSWERED');
      assert.match(rows[0].recording ?? '', /^https:\/\//);

      // What went through the relay: one webhook on the agent stream, routed by the agent the
      // connector put in the dial's params, carrying what the CRM logged.
      const webhooks = (await relayedEvents()).filter((e) => e.type === 'sociomile.call');
      assert.equal(webhooks.length, 1, 'one Sociomile webhook on the agent stream');
      const data = webhooks[0].body.data;
      assert.deepEqual(
        {
          agentId: webhooks[0].agentId,
          extra: data.extra_params,
          phone: data.phone,
          talktime: data.talktime,
          recordingurl: data.recordingurl,
        },
        {
          agentId: server.agentId,
          extra: { agent: server.agentId },
          phone: '+14155550117',
          talktime: '42',
          recordingurl: rows[0].recording,
        },
      );
      assert.equal(await acceptedByRelay('sociomile', 'call'), before + 1, "the relay's /metrics counted the webhook");
      assertCleanPages(seen);
    } finally {
      await context.close();
    }
  },
);
