// T14: the built Salesforce bundle under a strict Content-Security-Policy (script-src 'self', no
// unsafe-eval, no unsafe-inline): a whole call, and zero `securitypolicyviolation` events. The
// demo's two origins are held to the same in test/node/demo-e2e.test.mjs, which runs its calls.
import { Checks, newLog, openPage, until } from '../lib/harness.mjs';

/** Installed before any page script (CDP, outside the page's CSP): records every violation. */
function recordViolations() {
  window.relViolations = [];
  document.addEventListener('securitypolicyviolation', (event) => {
    window.relViolations.push({
      directive: event.effectiveDirective,
      blocked: event.blockedURI,
      source: event.sourceFile,
      line: event.lineNumber,
      sample: event.sample,
    });
  });
}

const cspConsole = (log) =>
  log.console.filter((m) =>
    /Content Security Policy|Refused to (execute|load|evaluate|apply)|Trusted Type/i.test(m.text),
  );

function salesforceCsp({ trustedTypes }) {
  return {
    name: trustedTypes
      ? "the Salesforce bundle under script-src 'self' plus require-trusted-types-for 'script' → zero violations"
      : "the Salesforce bundle under a strict CSP (script-src 'self'): a whole call, presence, click-to-dial → zero CSP violations",
    file: 'test/reliability/scenarios/csp.mjs',
    params: { quick: {}, soak: {} },
    async run({ browser, server }) {
      const checks = new Checks();
      const context = await browser.newContext();
      const log = newLog();
      try {
        await context.addInitScript(recordViolations);
        const query = '?mode=Lightning&sfdcIframeOrigin=http%3A%2F%2Facme.lightning.force.com';
        const page = await openPage(context, `${server.url}rel/${trustedTypes ? 'tt/' : ''}sf.html${query}`, log);
        const finished = await until(() => page.evaluate(() => window.relSf?.done === true), 20_000, 50);
        const state = await page.evaluate(() => window.relSf);
        checks.that(finished && state?.error === undefined, `the call did not finish: ${state?.error ?? 'timed out'}`);
        checks.that(state?.tasks === 1, `${state?.tasks} Tasks for the call`);
        checks.that(
          ['disposition', 'partner_config', 'start_call'].every((t) => state?.received.includes(t)),
          `callbacks received: ${state?.received.join(', ')}`,
        );
        const violations = await page.evaluate(() => window.relViolations);
        checks.that(violations.length === 0, `CSP violations: ${JSON.stringify(violations.slice(0, 3))}`);
        checks.that(
          cspConsole(log).length === 0,
          `CSP messages in the console: ${cspConsole(log)
            .map((m) => m.text.slice(0, 160))
            .join(' | ')}`,
        );
        checks.that(log.pageErrors.length === 0, `page errors: ${log.pageErrors.join(' | ')}`);
        return checks.done();
      } finally {
        await context.close();
      }
    },
  };
}

export const cspSalesforce = salesforceCsp({ trustedTypes: false });
export const cspTrustedTypes = salesforceCsp({ trustedTypes: true });
