// T15: presence changes in both directions, each side echoing what it is told after a random
// delay, with genuine changes on both sides: no echo loop (writes and update_presence bounded
// by the genuine changes, silence once changes stop); spaced changes converge.
import { Checks, checkProbe, newLog, openPage } from '../lib/harness.mjs';

function presenceScenario({ spaced }) {
  return {
    name: spaced
      ? 'presence, changes spaced beyond the echo round-trip → both sides end on the last change'
      : 'presence changes in both directions with random echo delays → no echo loop',
    file: 'test/reliability/scenarios/presence.mjs',
    params: spaced
      ? { quick: { changes: 8, maxDelayMs: 20 }, soak: { changes: 60, maxDelayMs: 40 } }
      : { quick: { changes: 40, maxDelayMs: 25 }, soak: { changes: 400, maxDelayMs: 60 } },
    async run({ browser, server, seed, params }) {
      const checks = new Checks();
      const context = await browser.newContext();
      const log = newLog();
      try {
        const page = await openPage(context, `${server.url}rel/presence.html`, log);
        await page.waitForFunction(() => 'relPresence' in window);
        const report = await page.evaluate((options) => window.relPresence(options), {
          seed,
          changes: params.changes,
          maxDelayMs: params.maxDelayMs,
          spaced,
          quietMs: 500,
        });
        checks.that(
          report.writes <= report.genuineSoftphone,
          `${report.writes} presence writes to the CRM for ${report.genuineSoftphone} changes on the softphone`,
        );
        checks.that(
          report.updates <= report.genuineCrm,
          `${report.updates} update_presence to the softphone for ${report.genuineCrm} changes in the CRM`,
        );
        checks.that(
          report.afterQuiet.writes === 0 && report.afterQuiet.updates === 0,
          `still talking after the changes stopped: ${JSON.stringify(report.afterQuiet)}`,
        );
        if (
          spaced &&
          !checks.that(
            report.final.softphone === report.final.crm,
            `the sides disagree at the end: softphone ${report.final.softphone}, CRM ${report.final.crm}`,
          )
        ) {
          checks.note(`last steps (ms, what): ${report.trace.slice(-14).join(' · ')}`);
        }
        await checkProbe(checks, page, log, 'presence page');
        checks.note(
          `${report.genuineSoftphone} softphone + ${report.genuineCrm} CRM changes → ${report.writes} writes, ${report.updates} update_presence; ${report.echoes.softphone} + ${report.echoes.crm} echoes absorbed; at the end softphone ${report.final.softphone}, CRM ${report.final.crm}`,
        );
        return checks.done();
      } finally {
        await context.close();
      }
    },
  };
}

export const presenceRace = presenceScenario({ spaced: false });
export const presenceSpaced = presenceScenario({ spaced: true });

export const presenceCoalesced = {
  name: 'presence: a softphone status the outbox coalesced away, then picked in the CRM → the softphone is told',
  file: 'test/reliability/scenarios/presence.mjs',
  params: { quick: { writeMs: 60 }, soak: { writeMs: 60 } },
  async run({ browser, server, params }) {
    const checks = new Checks();
    const context = await browser.newContext();
    const log = newLog();
    try {
      const page = await openPage(context, `${server.url}rel/presence.html`, log);
      await page.waitForFunction(() => 'relPresenceCoalesced' in window);
      const report = await page.evaluate((options) => window.relPresenceCoalesced(options), params);
      checks.note(
        `softphone picked available, away, busy; the CRM got ${report.crmWrites.join(', ')}; the agent then picked away in the CRM; update_presence sent: [${report.toSoftphone.join(', ')}]`,
      );
      checks.that(report.toSoftphone.includes('away'), 'the CRM change to "away" never reached the softphone');
      checks.that(
        report.final.softphone === report.final.crm,
        `the sides disagree: softphone ${report.final.softphone}, CRM ${report.final.crm}`,
      );
      await checkProbe(checks, page, log, 'presence page');
      return checks.done();
    } finally {
      await context.close();
    }
  },
};
