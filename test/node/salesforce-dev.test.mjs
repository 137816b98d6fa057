// `npm run dev:salesforce` (examples/salesforce-dev, UX review D22): the built Salesforce bundle on an
// http://127.0.0.1 page, with the Open CTI stub served from that origin as Salesforce serves its
// script. In the system Chromium: load must connect (no CONFIG_INVALID about sfdcIframeOrigin),
// deliver the callbacks, and one call must reach Salesforce as a screen pop and one Task.
// Needs the build (`npm run build`).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { chromium } from 'playwright-core';
import { startSalesforceDev } from '../../examples/salesforce-dev/server.mjs';
import { findChromium } from '../../scripts/find-chromium.mjs';

let dev;
let browser;

before(async () => {
  dev = await startSalesforceDev({ port: 0 });
  const found = findChromium();
  assert.ok(found, 'no Chromium found: set CHROME_PATH or run `node scripts/ensure-chromium.mjs`');
  browser = await chromium.launch({ executablePath: found.path, args: ['--no-sandbox', '--disable-dev-shm-usage'] });
});

after(async () => {
  await browser?.close();
  await dev?.close();
});

test('the Salesforce bundle connects to the Open CTI stub on loopback and logs one Task per call', async () => {
  const page = await browser.newPage();
  const errors = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => message.type() === 'error' && errors.push(message.text()));
  page.setDefaultTimeout(10_000);
  await page.goto(dev.url);
  assert.match(page.url(), /\?mode=Lightning&sfdcIframeOrigin=http%3A%2F%2F127\.0\.0\.1%3A\d+$/);
  await page.waitForFunction(async () => (await window.softphoneBridge.status()).connected === true);
  assert.deepEqual(await page.locator('#callbacks li').allTextContents(), ['disposition', 'partner_config']);
  await page.click('#ring');
  await page.waitForFunction(() => window.openCtiStub.opencti.calls.some((c) => c.method === 'searchAndScreenPop'));
  await page.click('#accept');
  await page.click('#end');
  await page.waitForFunction(() => window.openCtiStub.org.tasks.size === 1);
  const task = await page.evaluate(() => [...window.openCtiStub.org.tasks.values()][0]);
  assert.ok(JSON.stringify(task).includes('Development call.'), 'the Task carries the notes');
  await page.waitForTimeout(300);
  assert.equal(await page.evaluate(() => window.openCtiStub.org.tasks.size), 1);
  assert.match(await page.locator('#status').textContent(), /connected true/);
  assert.deepEqual(errors, []);
  await page.close();
});
