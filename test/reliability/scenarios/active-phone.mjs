// Issue 14 / D5: one active phone per browser. Two and three tabs of one CRM (pages of one browser
// context: shared IndexedDB, Web Locks, BroadcastChannel); only the active phone's softphone gets
// the calls, the other tabs are views. One tab is the phone at every moment; a view takes the
// phone over; the phone's tab closes in the middle of a call, the browser hands the phone to a
// waiting tab, which ends the lost call as interrupted. One log per call, every open tab's CRM
// view saw each call end, none is left "On call".
import { planCalls } from '../lib/calls.mjs';
import { checkProbe, Checks, leakedSecrets, newLog, openPage, until } from '../lib/harness.mjs';
import { seeded } from '../lib/random.mjs';
import { checkLedger, ledgerComplete, settledOutbox } from './shared.mjs';

const LABELS = ['A', 'B', 'C'];
const GRACE_MS = 3000;
const FINAL = new Set(['ended', 'wrapped', 'rejected']);

function activePhoneScenario(count) {
  return {
    name: `${count} tabs, one active phone: views stay live, takeover moves the phone, the phone's tab closes mid-call → the call ends interrupted, one log per call`,
    file: 'test/reliability/scenarios/active-phone.mjs',
    params: { quick: { calls: 12 }, soak: { calls: 60 } },
    async run({ browser, server, seed, params }) {
      const checks = new Checks();
      const random = seeded(seed);
      const plan = planCalls(random, params.calls, `phone${count}`);
      const run = `phone${count}-${seed}`;
      const ledger = server.ledger(run);
      const context = await browser.newContext();
      const log = newLog();
      try {
        const tabs = [];
        for (const label of LABELS.slice(0, count)) {
          const page = await openPage(
            context,
            `${server.url}rel/tab.html?run=${run}&tab=${label}&grace=${GRACE_MS}`,
            log,
          );
          await page.waitForFunction(() => window.relTab?.ready === true, undefined, { timeout: 20_000 });
          tabs.push({ label, page, pageId: await page.evaluate(() => window.relTab.pageId) });
        }
        /** The tabs that are the phone now (status() without activeElsewhere). */
        const phones = async () => {
          const here = await Promise.all(
            tabs.map((t) => t.page.evaluate(() => window.relTab.status()).then((s) => s.activeElsewhere !== true)),
          );
          return tabs.filter((_, i) => here[i]);
        };
        const onePhone = async (why) => {
          let found = [];
          const ok = await until(async () => (found = await phones()).length === 1, 10_000, 100);
          checks.that(ok, `${why}: ${found.length} tabs are the phone (${found.map((t) => t.label).join(', ')})`);
          return found[0] ?? tabs[0];
        };
        let phone = await onePhone('at start');
        const send = async (event) => {
          const code = await phone.page.evaluate(
            ([method, payload]) => window.relTab.call(method, payload),
            [event.method, event.payload],
          );
          checks.that(
            code === null,
            `${event.payload.conversationId} ${event.method} rejected by tab ${phone.label}: ${code}`,
          );
        };
        const takeoverAt = Math.floor(plan.length / 3);
        const closeAt = Math.floor((2 * plan.length) / 3);
        const facts = [`tab ${phone.label} the phone at start`];
        for (const [i, call] of plan.entries()) {
          if (i === takeoverAt) {
            const view = tabs.find((t) => t !== phone);
            await view.page.evaluate(() => window.relTab.takeOver());
            const now = await onePhone('after the takeover');
            checks.that(now === view, `tab ${view.label} took over, but tab ${now.label} is the phone`);
            facts.push(`tab ${view.label} took the phone over from tab ${phone.label}`);
            phone = now;
          }
          if (i !== closeAt) {
            for (const event of call.events) await send(event);
            continue;
          }
          // The phone's tab closes in the middle of this call: nobody speaks of it again.
          const cut = Math.max(
            1,
            call.events.findIndex((e) => e.method === 'callEnded' || e.method === 'callRejected'),
          );
          for (const event of call.events.slice(0, cut)) await send(event);
          await until(
            () => tabs.every((t) => t === phone || ledger.views.get(t.pageId)?.has(call.conversationId)),
            5_000,
            50,
          );
          const gone = phone;
          tabs.splice(tabs.indexOf(gone), 1);
          ledger.pageGoing(gone.pageId);
          await gone.page.close();
          phone = await onePhone(`after tab ${gone.label} closed`);
          facts.push(`tab ${gone.label} closed mid-call; tab ${phone.label} became the phone`);
          const sent = call.events
            .slice(0, cut)
            .filter((e) => e.method === 'callNotesSubmitted')
            .at(-1)?.payload;
          call.expected = {
            notes: sent?.notes ?? null,
            disposition: sent?.disposition ?? null,
            durationSeconds: undefined,
            outcome: 'interrupted',
          };
        }
        checks.that(
          await ledgerComplete(ledger, plan, GRACE_MS * 4 + 30_000),
          'the CRM did not reach the expected call logs in time',
        );
        for (const tab of tabs) {
          const status = await settledOutbox(tab.page);
          checks.that(
            status.outbox.pending === 0 && status.outbox.dead === 0,
            `tab ${tab.label} outbox at the end: ${JSON.stringify(status.outbox)}`,
          );
        }
        checkLedger(checks, ledger, plan);
        // Live views: every tab still open saw every call end, though only the phone got its events.
        const seenEnded = (tab) =>
          plan.filter((c) => FINAL.has(ledger.views.get(tab.pageId)?.get(c.conversationId)?.state)).length;
        const live = await until(() => tabs.every((t) => seenEnded(t) === plan.length), 10_000, 100);
        checks.that(
          live,
          `views not live: ${tabs.map((t) => `tab ${t.label} saw ${seenEnded(t)} of ${plan.length} calls end`).join(', ')}`,
        );
        checks.that(
          ledger.leftOnCall().length === 0,
          `CRM views left "On call": ${ledger.leftOnCall().slice(0, 3).join('; ')}`,
        );
        await onePhone('at the end');
        const leaks = leakedSecrets(
          log,
          plan.flatMap((c) => c.secrets),
        );
        checks.that(leaks.length === 0, `customer data in the console: ${leaks[0]}`);
        for (const tab of tabs) await checkProbe(checks, tab.page, log, `tab ${tab.label}`);
        checks.note(`${plan.length} calls × ${count} tabs: ${facts.join('; ')}; ${ledger.requests} CRM writes`);
        return checks.done();
      } finally {
        await context.close();
      }
    },
  };
}

export const activePhoneTwoTabs = activePhoneScenario(2);
export const activePhoneThreeTabs = activePhoneScenario(3);
