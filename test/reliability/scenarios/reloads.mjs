// T3/T4: real page reloads (page.reload()) at random points across calls, with the bridge on
// IndexedDB and the CRM outside the page: none lost, none doubled, no second screen pop.
import { planCalls } from '../lib/calls.mjs';
import { checkProbe, Checks, leakedSecrets, newLog, openPage, until } from '../lib/harness.mjs';
import { seeded } from '../lib/random.mjs';
import { checkLedger, ledgerComplete, settledOutbox, sleep } from './shared.mjs';

export const reloads = {
  name: 'page reloads at random points (between events, mid-event, mid-write, after the end) → none lost, none doubled',
  file: 'test/reliability/scenarios/reloads.mjs',
  params: { quick: { calls: 30 }, soak: { calls: 200 } },
  async run({ browser, server, seed, params }) {
    const checks = new Checks();
    const random = seeded(seed);
    const plan = planCalls(random, params.calls, 'reload');
    const run = `reloads-${seed}`;
    const ledger = server.ledger(run);
    // A little CRM latency, so that reloads catch writes in flight (its own generator: how many
    // writes happen depends on timing, and must not shift the scenario's own random choices).
    const latency = seeded(seed ^ 0x5bd1e995);
    ledger.holdFor = () => latency.int(0, 15);
    const context = await browser.newContext();
    const log = newLog();
    try {
      const page = await openPage(context, `${server.url}rel/tab.html?run=${run}&tab=A`, log);
      const ready = () => page.waitForFunction(() => window.relTab?.ready === true, undefined, { timeout: 20_000 });
      await ready();
      const reloads = { 'between events': 0, 'mid-event': 0, 'after the end': 0 };
      const reload = async (why) => {
        reloads[why] += 1;
        // A write in flight, or answered a moment ago, may come again as a create: that is the ambiguity the key absorbs.
        ledger.pageGoing(await page.evaluate(() => window.relTab.pageId));
        await page.reload();
        await ready();
      };
      const send = (event) =>
        page.evaluate(([method, payload]) => window.relTab.call(method, payload), [event.method, event.payload]);
      let resent = 0;
      for (const call of plan) {
        for (const event of call.events) {
          if (random.chance(0.05)) await reload('between events');
          if (random.chance(0.08)) {
            const answer = send(event).then(
              (code) => ({ code }),
              () => ({ lost: true }),
            );
            await sleep(random.int(0, 10));
            await reload('mid-event');
            const outcome = await answer;
            // No answer: the softphone sends the event again, as it would after a reload.
            if (outcome.lost) {
              resent += 1;
              checks.that(
                (await send(event)) === null,
                `${call.conversationId} ${event.method} rejected after a reload`,
              );
            } else
              checks.that(
                outcome.code === null,
                `${call.conversationId} ${event.method} rejected with ${outcome.code}`,
              );
          } else {
            const code = await send(event);
            checks.that(code === null, `${call.conversationId} ${event.method} rejected with ${code}`);
          }
        }
        if (random.chance(0.1)) await reload('after the end');
      }
      const complete = await ledgerComplete(ledger, plan, 30_000);
      checks.that(complete, 'the CRM did not reach the expected call logs within 30 s');
      const status = await settledOutbox(page);
      checks.that(
        status.outbox.pending === 0 && status.outbox.dead === 0,
        `outbox at the end: ${JSON.stringify(status.outbox)}; unsent: ${JSON.stringify(await page.evaluate(() => window.relTab.unsent()))}`,
      );
      checks.that(status.durability === 'durable', `store durability ${status.durability}`);
      checkLedger(checks, ledger, plan);
      // Issue 14: no CRM view of a page still open is left "On call" once every call ended.
      checks.that(
        await until(() => ledger.leftOnCall().length === 0, 5_000, 100),
        `CRM views left "On call": ${ledger.leftOnCall().slice(0, 3).join('; ')}`,
      );
      const leaks = leakedSecrets(
        log,
        plan.flatMap((c) => c.secrets),
      );
      checks.that(leaks.length === 0, `customer data in the console: ${leaks[0]}`);
      await checkProbe(checks, page, log, 'tab page');
      const total = Object.values(reloads).reduce((a, b) => a + b, 0);
      const absorbed = [...ledger.records.values()].reduce((a, r) => a + r.replayedCreates, 0);
      checks.note(
        `${plan.length} calls, ${total} reloads (${Object.entries(reloads)
          .map(([k, v]) => `${v} ${k}`)
          .join(
            ', ',
          )}), ${resent} events sent again, ${ledger.requests} CRM writes, ${absorbed} creates absorbed by the key`,
      );
      return checks.done();
    } finally {
      await context.close();
    }
  },
};
