// The README's "Use it" block, as written (UX review D20: it did not compile or run). The test takes
// the block out of README.md itself, so README and code cannot drift apart: it typechecks it with
// the project's strict compiler options against the package's published types (package.json
// "exports" → dist/types), bundles it the way an integrator's bundler would (exports → dist), and
// runs it in the system Chromium on an http://127.0.0.1 page. It must deliver the callbacks it
// names, leave one call log in the fake CRM and get `start_call` to the softphone.
// Needs the build (`npm run build`).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { after, before, test } from 'node:test';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import { findChromium } from '../../scripts/find-chromium.mjs';
import { packageExportsPlugin, packageRoot } from './lib/package-resolve.mjs';
import { typecheck } from './lib/typecheck.mjs';

/** The first ```ts block under the heading `## Use it`. */
function readmeSnippet() {
  const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
  const section = readme.split(/^## /m).find((s) => s.startsWith('Use it\n'));
  assert.ok(section, 'README.md has no "## Use it" section');
  const block = /```ts\n([\s\S]*?)```/.exec(section);
  assert.ok(block, 'the "Use it" section has no ```ts block');
  return block[1];
}

/** Diagnostics of the block compiled as one module file at the repository root. */
function typecheckSnippet(source) {
  const file = `${packageRoot}readme-snippet.virtual.ts`;
  return typecheck([file], { [file]: source });
}

// Appended to the snippet for the browser run only: what it left behind, for the assertions.
const observer = `
for (let i = 0; i < 100 && crm.callLogs().length === 0; i += 1) {
  await bridge.flush();
  await new Promise((resolve) => setTimeout(resolve, 20));
}
const status = await bridge.status();
document.body.dataset.result = JSON.stringify({
  received: softphone.received,
  partnerId,
  logs: crm.callLogs().map((l) => ({ key: l.key, creates: l.creates, durationSeconds: l.call.durationSeconds, disposition: l.call.disposition, notes: l.call.notes })),
  status: { loaded: status.loaded, connected: status.connected, durability: status.durability, outbox: status.outbox },
  global: window.softphoneBridge === bridge,
});
`;

let server;
let browser;
let bundle;

before(async () => {
  const built = await build({
    stdin: {
      contents: readmeSnippet() + observer,
      loader: 'ts',
      resolveDir: packageRoot,
      sourcefile: 'readme-snippet.ts',
    },
    bundle: true,
    format: 'esm',
    target: 'es2022',
    platform: 'browser',
    write: false,
    logLevel: 'silent',
    plugins: [packageExportsPlugin],
  });
  bundle = built.outputFiles[0].text;
  server = createServer((req, res) => {
    if (req.url === '/snippet.js') {
      res.writeHead(200, { 'content-type': 'text/javascript' }).end(bundle);
      return;
    }
    res
      .writeHead(200, { 'content-type': 'text/html' })
      .end('<!doctype html><title>README snippet</title><script type="module" src="/snippet.js"></script>');
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const found = findChromium();
  assert.ok(found, 'no Chromium found: set CHROME_PATH or run `node scripts/ensure-chromium.mjs`');
  browser = await chromium.launch({ executablePath: found.path, args: ['--no-sandbox', '--disable-dev-shm-usage'] });
});

after(async () => {
  await browser?.close();
  await new Promise((resolve) => (server ? server.close(resolve) : resolve()));
});

test('the README "Use it" block typechecks strictly against the package types', () => {
  assert.deepEqual(typecheckSnippet(readmeSnippet()), []);
});

test('the README "Use it" block runs in Chromium: callbacks, one call log, start_call', async () => {
  const page = await browser.newPage();
  const errors = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(`http://127.0.0.1:${server.address().port}/`);
  await page.waitForFunction(() => document.body?.dataset.result !== undefined, undefined, { timeout: 10_000 });
  const result = JSON.parse(await page.evaluate(() => document.body.dataset.result));
  await page.close();
  assert.deepEqual(errors, []);
  assert.deepEqual(result.received, ['disposition', 'partner_config', 'start_call']);
  assert.equal(result.partnerId, 'partner-1');
  assert.equal(result.global, true);
  assert.deepEqual(result.logs, [
    {
      key: 'call-1001:callLog',
      creates: 1,
      durationSeconds: 125,
      disposition: 'resolved',
      notes: 'Moved the booking to Friday.',
    },
  ]);
  assert.deepEqual(result.status, {
    loaded: true,
    connected: true,
    durability: 'durable',
    outbox: result.status.outbox,
  });
  assert.equal(result.status.outbox.pending, 0);
});
