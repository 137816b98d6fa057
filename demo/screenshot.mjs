// `npm run screenshot`: rewrites docs/demo.png, the README's picture, from the demo's end-to-end
// test (its first test, in the system Chromium). `npm test` runs the same test but leaves its
// screenshot in test-results/, so that a test run never modifies a tracked file; run this when
// the demo changed visibly, look at the picture, and commit it.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const test = fileURLToPath(new URL('../test/node/demo-e2e.test.mjs', import.meta.url));
const run = spawnSync(process.execPath, ['--test', '--test-name-pattern=^the two-origin demo', test], {
  stdio: 'inherit',
  env: { ...process.env, DEMO_SCREENSHOT: 'docs' },
});
if (run.status === 0) console.log('docs/demo.png rewritten: check it, then commit it.');
process.exitCode = run.status ?? 1;
