// A web-test-runner command for the layout test (test/ui/softphone-layout.test.ts): a screenshot of
// the test's page, written under test-results/ (gitignored) so that `npm test` never touches the
// tracked tree. Browser side: executeServerCommand('sb-screenshot', { name }).
import { mkdir } from 'node:fs/promises';
import path from 'node:path';

/** Where the screenshots go, relative to the directory `wtr` runs in (the repository root). */
export const SCREENSHOT_DIR = path.join('test-results', 'ui-layout');

/** @returns {import('@web/test-runner').TestRunnerPlugin} */
export function screenshotPlugin() {
  return {
    name: 'sb-screenshot',
    async executeCommand({ command, payload, session }) {
      if (command !== 'sb-screenshot') return undefined;
      const name = typeof payload?.name === 'string' ? payload.name : '';
      // The name becomes a file name: letters, digits, dashes and dots only, so it cannot leave the directory.
      if (!/^[\w.-]{1,80}$/.test(name) || name.startsWith('.'))
        throw new Error(`sb-screenshot: bad name ${JSON.stringify(name)}`);
      if (session.browser.type !== 'puppeteer') return false; // the project runs Chromium through puppeteer only
      await mkdir(SCREENSHOT_DIR, { recursive: true });
      const page = session.browser.getPage(session.id);
      await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`) });
      return true;
    },
  };
}
