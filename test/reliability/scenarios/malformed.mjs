// T11/T24: random malformed payloads against every contract method, mixed with valid calls,
// with the default console logger: no synchronous throw, no unhandled rejection, every
// rejection a BridgeError with a code, nothing hostile echoed into the console, every valid
// call still logged.
import { Checks, checkProbe, leakedSecrets, newLog, openPage } from '../lib/harness.mjs';

const CANARY = 'CANARY';

export const malformed = {
  name: 'malformed payloads → no throw, no unhandled rejection, BridgeErrors with codes, no input in logs',
  file: 'test/reliability/scenarios/malformed.mjs',
  params: { quick: { count: 10_000 }, soak: { count: 100_000 } },
  async run({ browser, server, seed, params }) {
    const checks = new Checks();
    const context = await browser.newContext();
    const log = newLog();
    try {
      const page = await openPage(context, `${server.url}rel/fuzz.html`, log);
      await page.waitForFunction(() => 'relFuzz' in window);
      const report = await page.evaluate((options) => window.relFuzz(options), {
        count: params.count,
        seed,
        validEvery: 100,
      });
      checks.that(
        report.syncThrows.length === 0,
        `${report.syncThrows.length} synchronous throws: ${report.syncThrows.slice(0, 3).join(' | ')}`,
      );
      checks.that(report.notPromises === 0, `${report.notPromises} calls returned something else than a Promise`);
      checks.that(
        report.notBridgeErrors.length === 0,
        `rejections that are not BridgeErrors with a catalog code: ${report.notBridgeErrors.slice(0, 3).join(' | ')}`,
      );
      checks.that(
        report.resolved + report.rejected + report.syncThrows.length + report.notPromises === report.calls,
        `${report.calls - report.resolved - report.rejected} calls never settled`,
      );
      checks.that(
        report.echoed.length === 0,
        `hostile input echoed in error messages: ${report.echoed.slice(0, 3).join(' | ')}`,
      );
      checks.that(report.prototypeChanged.length === 0, `prototype pollution: ${report.prototypeChanged.join(' | ')}`);
      checks.that(
        report.validLogged === report.validCalls,
        `valid calls among them: ${report.validLogged} of ${report.validCalls} logged (${report.validWrong.slice(0, 3).join(' | ')})`,
      );
      // The console: no hostile string (load's identifier names aside, quoted on purpose), no valid call's customer data.
      const echoedInConsole = log.console.filter(
        (m) => m.text.includes(CANARY) && !/no global function named "[\w$.]+"/.test(m.text),
      );
      checks.that(
        echoedInConsole.length === 0,
        `hostile input in the console: ${echoedInConsole
          .slice(0, 2)
          .map((m) => m.text.slice(0, 140))
          .join(' | ')}`,
      );
      const leaks = leakedSecrets(log, report.validSecrets);
      checks.that(leaks.length === 0, `customer data of valid calls in the console: ${leaks[0]}`);
      await checkProbe(checks, page, log, 'fuzz page');
      const codes = Object.entries(report.codes)
        .sort((a, b) => b[1] - a[1])
        .map(([c, n]) => `${c} ${n}`)
        .join(', ');
      checks.note(
        `${report.calls} malformed calls: ${report.rejected} rejected (${codes}), ${report.resolved} accepted as valid; ${report.validCalls} valid calls between them all logged; ${log.console.length} console lines, ${report.loadNameEchoes} quoting a load() callback name; ${(report.ms / 1000).toFixed(1)} s in the page`,
      );
      return checks.done();
    } finally {
      await context.close();
    }
  },
};

/**
 * Design rule 2 (DESIGN.md): bad input "rejects with a BridgeError whose message names the method
 * and the offending fields; it is also emitted as an event". Checked apart from the scenario above
 * so that a failure here names the rule.
 */
export const malformedContractErrors = {
  name: 'malformed payloads → each rejected as bad input (CONTRACT_* / CALLBACK_INVALID) with a contract.rejected event',
  file: 'test/reliability/scenarios/malformed.mjs',
  params: { quick: { count: 1500 }, soak: { count: 20_000 } },
  async run({ browser, server, seed, params }) {
    const checks = new Checks();
    const context = await browser.newContext();
    try {
      const page = await openPage(context, `${server.url}rel/fuzz.html`, newLog());
      await page.waitForFunction(() => 'relFuzz' in window);
      const report = await page.evaluate((options) => window.relFuzz(options), {
        count: params.count,
        seed,
        validEvery: 1000,
      });
      checks.that(
        report.offContractCount === 0,
        `${report.offContractCount} rejections of bad input with another code, e.g. ${report.offContractCodes.join(' | ')}`,
      );
      checks.that(
        report.missingEvents === 0,
        `${report.missingEvents} rejections of bad input without a contract.rejected event`,
      );
      checks.note(`${report.rejected} rejections checked`);
      return checks.done();
    } finally {
      await context.close();
    }
  },
};
