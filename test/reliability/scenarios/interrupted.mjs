// Issue 14 / D4: calls the softphone loses. A reload of the CRM page (page.reload()) or of the
// softphone frame alone (a new softphone session: load() again) at a random moment of a live
// call; then the softphone either resumes the call (its next events arrive), never speaks of it
// again (the bridge must end it as interrupted after the grace period), or speaks of it only after
// it was interrupted (the late end must complete the same log). Every call ends in exactly one
// log, interrupted ones marked so, and no CRM view of a page still open is left "On call".
import { planCalls } from '../lib/calls.mjs';
import { checkProbe, Checks, leakedSecrets, newLog, openPage, until } from '../lib/harness.mjs';
import { seeded } from '../lib/random.mjs';
import { checkLedger, ledgerComplete, settledOutbox } from './shared.mjs';

/** The bridge's interruptedAfterMs in this scenario: short, but well above a reload on a busy machine. */
const GRACE_MS = 3000;

/** How many leading events keep the call live (ringing, dialing, connected): up to its first end. */
const liveLength = (events) => {
  const end = events.findIndex((e) => e.method === 'callEnded' || e.method === 'callRejected');
  return end === -1 ? events.length : end;
};

/** What the bridge knew of a call cut after `sent`: the last notes and disposition it was told. */
function knownBefore(sent) {
  let notes = null;
  let disposition = null;
  for (const { method, payload } of sent) {
    if (method !== 'callNotesSubmitted') continue;
    if (typeof payload.notes === 'string' && payload.notes !== '') notes = payload.notes;
    if (typeof payload.disposition === 'string' && payload.disposition !== '') disposition = payload.disposition;
  }
  return { notes, disposition };
}

export const interrupted = {
  name: 'reloads of either frame mid-call; lost calls end as interrupted → one log per call, none left "On call"',
  file: 'test/reliability/scenarios/interrupted.mjs',
  params: { quick: { calls: 40 }, soak: { calls: 200 } },
  async run({ browser, server, seed, params }) {
    const checks = new Checks();
    const random = seeded(seed);
    const plan = planCalls(random, params.calls, 'lost');
    const run = `interrupted-${seed}`;
    const ledger = server.ledger(run);
    const context = await browser.newContext();
    const log = newLog();
    try {
      const page = await openPage(context, `${server.url}rel/tab.html?run=${run}&tab=A&grace=${GRACE_MS}`, log);
      const ready = () => page.waitForFunction(() => window.relTab?.ready === true, undefined, { timeout: 20_000 });
      await ready();
      const send = async (event) => {
        const code = await page.evaluate(
          ([method, payload]) => window.relTab.call(method, payload),
          [event.method, event.payload],
        );
        checks.that(code === null, `${event.payload.conversationId} ${event.method} rejected with ${code}`);
      };
      const reload = async (which) => {
        if (which === 'softphone') return page.evaluate(() => window.relTab.reloadSoftphone());
        ledger.pageGoing(await page.evaluate(() => window.relTab.pageId));
        await page.reload();
        await ready();
      };
      const counts = { normal: 0, resumed: 0, abandoned: 0, late: 0, 'page reloads': 0, 'softphone reloads': 0 };
      const late = [];
      for (const call of plan) {
        const roll = random.next();
        if (roll >= 0.45) {
          counts.normal += 1;
          for (const event of call.events) await send(event);
          continue;
        }
        const cut = random.int(1, liveLength(call.events));
        const which = random.chance(0.5) ? 'page' : 'softphone';
        counts[`${which} reloads`] += 1;
        for (const event of call.events.slice(0, cut)) await send(event);
        await reload(which);
        const rest = call.events.slice(cut);
        if (roll < 0.1) {
          // The reloaded softphone restored the call: its next events arrive at once.
          counts.resumed += 1;
          for (const event of rest) await send(event);
        } else if (roll < 0.2 && !rest.some((e) => e.method === 'callRejected')) {
          // It speaks of the call again only after the bridge ended it: the same log is completed.
          counts.late += 1;
          late.push(rest);
        } else {
          counts.abandoned += 1;
          call.expected = {
            ...knownBefore(call.events.slice(0, cut)),
            durationSeconds: undefined,
            outcome: 'interrupted',
          };
        }
      }
      // Every lost call is interrupted once its grace period has passed; then the late ends arrive.
      const lateIds = new Set(late.map((rest) => rest[0].payload.conversationId));
      const interruptedFirst = await until(
        () => [...lateIds].every((id) => ledger.records.get(`${id}:callLog`)?.call.outcome === 'interrupted'),
        GRACE_MS * 4 + 10_000,
        100,
      );
      checks.that(
        interruptedFirst,
        `late calls not interrupted within the grace period: ${[...lateIds]
          .filter((id) => ledger.records.get(`${id}:callLog`)?.call.outcome !== 'interrupted')
          .slice(0, 3)
          .join(', ')}`,
      );
      for (const rest of late) for (const event of rest) await send(event);
      const complete = await ledgerComplete(ledger, plan, GRACE_MS * 4 + 30_000);
      checks.that(complete, 'the CRM did not reach the expected call logs in time');
      const status = await settledOutbox(page);
      checks.that(
        status.outbox.pending === 0 && status.outbox.dead === 0,
        `outbox at the end: ${JSON.stringify(status.outbox)}`,
      );
      checkLedger(checks, ledger, plan);
      const marked = plan.filter(
        (c) => ledger.records.get(`${c.conversationId}:callLog`)?.call.outcome === 'interrupted',
      ).length;
      checks.that(
        marked === counts.abandoned,
        `${marked} logs marked interrupted for ${counts.abandoned} abandoned calls`,
      );
      const cleared = await until(() => ledger.leftOnCall().length === 0, 10_000, 100);
      checks.that(cleared, `CRM views left "On call": ${ledger.leftOnCall().slice(0, 3).join('; ')}`);
      const leaks = leakedSecrets(
        log,
        plan.flatMap((c) => c.secrets),
      );
      checks.that(leaks.length === 0, `customer data in the console: ${leaks[0]}`);
      await checkProbe(checks, page, log, 'tab page');
      checks.note(
        `${plan.length} calls: ${Object.entries(counts)
          .map(([k, v]) => `${v} ${k}`)
          .join(', ')}; ${marked} logged as interrupted, ${ledger.requests} CRM writes`,
      );
      return checks.done();
    } finally {
      await context.close();
    }
  },
};
