// T1/T2: calls through the bridge while 30 % of the CRM's writes fail, half of them after
// committing (the reply is lost). Exactly one call log per call, no duplicate, every note.
import { planCalls, logDifferences } from '../lib/calls.mjs';
import { checkProbe, Checks, leakedSecrets, newLog, openPage } from '../lib/harness.mjs';
import { seeded } from '../lib/random.mjs';

export const faults = {
  name: 'CRM faults: 30 % of writes fail, half after committing (reply lost) → exactly one log per call',
  file: 'test/reliability/scenarios/faults.mjs',
  params: { quick: { calls: 150 }, soak: { calls: 1000 } },
  async run({ browser, server, seed, params }) {
    const checks = new Checks();
    const plan = planCalls(seeded(seed), params.calls, 'faults');
    const context = await browser.newContext();
    try {
      const log = newLog();
      const page = await openPage(context, `${server.url}rel/faults.html`, log);
      await page.waitForFunction(() => 'relFaults' in window);
      const report = await page.evaluate((run) => window.relFaults(run), {
        calls: plan.map((c) => ({ conversationId: c.conversationId, events: c.events })),
        faultRate: 0.3,
        seed,
        store: 'indexeddb',
        settleMs: 30_000,
      });
      const logs = new Map(report.logs.map((l) => [l.key, l]));
      checks.that(report.logs.length === plan.length, `${report.logs.length} call logs for ${plan.length} calls`);
      checks.that(new Set(report.logs.map((l) => l.id)).size === report.logs.length, 'two keys share one CRM record');
      for (const call of plan) {
        const entry = logs.get(`${call.conversationId}:callLog`);
        if (!checks.that(entry !== undefined, `${call.conversationId} (${call.variant}): no call log`)) continue;
        const diff = logDifferences(entry, call.expected);
        checks.that(diff.length === 0, `${call.conversationId} (${call.variant}): ${diff.join('; ')}`);
        checks.that(entry.creates === 1, `${call.conversationId}: created ${entry.creates} times`);
      }
      // A create sent again although the CRM already had the record is only allowed after a lost reply.
      const unexplained = report.replays.filter((r) => r.replayedCreates > r.lostReplies);
      checks.that(
        unexplained.length === 0,
        `creates replayed without a lost reply: ${JSON.stringify(unexplained.slice(0, 3))}`,
      );
      checks.that(
        report.rejectedEvents.length === 0,
        `valid events rejected: ${report.rejectedEvents.slice(0, 3).join(' | ')}`,
      );
      checks.that(
        report.outbox.pending === 0 && report.outbox.dead === 0,
        `outbox not empty at the end: ${JSON.stringify(report.outbox)}`,
      );
      checks.that(report.faults.after > 0 && report.faults.before > 0, 'no faults were injected');
      checks.that(
        leakedSecrets(
          log,
          plan.flatMap((c) => c.secrets),
        ).length === 0,
        `customer data in the console: ${
          leakedSecrets(
            log,
            plan.flatMap((c) => c.secrets),
          )[0]
        }`,
      );
      await checkProbe(checks, page, log, 'faults page');
      const replayed = report.replays.reduce((a, r) => a + r.replayedCreates, 0);
      checks.note(
        `${plan.length} calls, ${report.attempts} write attempts, faults ${report.faults.before} before / ${report.faults.after} after commit, ${replayed} creates absorbed by the key after lost replies, ${(report.ms / 1000).toFixed(1)} s in the page`,
      );
      return checks.done();
    } finally {
      await context.close();
    }
  },
};
