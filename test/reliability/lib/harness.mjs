// What the scenarios share: pages that record their console and errors, a check list that
// collects every failed expectation before failing, and the log scan for customer data.

/** Opens `url` in `context`, recording console messages, uncaught page errors and CSP reports in `log`. */
export async function openPage(context, url, log) {
  const page = await context.newPage();
  page.on('console', (message) => log.console.push({ type: message.type(), text: message.text() }));
  page.on('pageerror', (error) => log.pageErrors.push(error.message));
  await page.goto(url);
  return page;
}

export function newLog() {
  return { console: [], pageErrors: [] };
}

/** Collects failed expectations; `done()` throws them all at once, or returns quietly. */
export class Checks {
  failures = [];
  facts = [];
  that(condition, message) {
    if (!condition) this.failures.push(message);
    return condition;
  }
  note(fact) {
    this.facts.push(fact);
  }
  done() {
    if (this.failures.length > 0) {
      const error = new Error(
        this.failures.slice(0, 12).join('\n') +
          (this.failures.length > 12 ? `\n… and ${this.failures.length - 12} more` : ''),
      );
      error.facts = this.facts;
      throw error;
    }
    return this.facts;
  }
}

/** Console lines that contain any of `secrets` (phone numbers, notes), for T24. */
export function leakedSecrets(log, secrets) {
  const found = [];
  for (const { text } of log.console) {
    const secret = secrets.find((s) => s !== '' && text.includes(s));
    if (secret !== undefined) found.push(`${text.slice(0, 140)}`);
  }
  return found;
}

/** Polls `check` until it returns true; false after `ms`. */
export async function until(check, ms, every = 50) {
  const end = Date.now() + ms;
  for (;;) {
    if (await check()) return true;
    if (Date.now() > end) return false;
    await new Promise((resolve) => setTimeout(resolve, every));
  }
}

/** Checks common to every page: no uncaught error, no unhandled rejection. */
export async function checkProbe(checks, page, log, what) {
  checks.that(log.pageErrors.length === 0, `${what}: uncaught page errors: ${log.pageErrors.slice(0, 3).join(' | ')}`);
  const probe = await page.evaluate(() => window.relProbe).catch(() => undefined);
  if (probe !== undefined)
    checks.that(
      probe.unhandled.length === 0,
      `${what}: unhandled rejections: ${probe.unhandled.slice(0, 3).join(' | ')}`,
    );
  return probe;
}
