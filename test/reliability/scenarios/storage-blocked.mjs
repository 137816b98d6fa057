// Issue "Every call still logged when the browser blocks storage": each bundle runs in a frame of
// another site (the CRM page on 127.0.0.1 frames the bundle's page on localhost) in a Chromium
// profile that blocks third-party cookies and site data, as the setting "Block third-party
// cookies", an enterprise policy or an Incognito window does. The frame first proves the mode is
// real (IndexedDB and Web Locks refused), then places calls: each must be logged exactly once,
// and the bridge's status must say the storage is not durable, and why.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { findChromium } from '../../../scripts/find-chromium.mjs';
import { CHROMIUM_ARGS } from '../lib/browser.mjs';
import { Checks, newLog, until } from '../lib/harness.mjs';

/**
 * A Chromium profile whose cookie controls block third-party cookies: `profile.cookie_controls_mode`
 * 1 (kBlockThirdParty) in the profile's Preferences, which is what chrome://settings/cookies writes
 * for "Block third-party cookies". Measured with Chromium 156: a cross-site frame then gets
 * SecurityError from localStorage and Web Locks and UnknownError from IndexedDB.
 */
async function blockingContext() {
  const found = findChromium();
  if (found === null) throw new Error('No Chromium found: run `node scripts/ensure-chromium.mjs` or set CHROME_PATH.');
  const profile = mkdtempSync(join(tmpdir(), 'softphone-bridge-blocked-'));
  mkdirSync(join(profile, 'Default'));
  writeFileSync(join(profile, 'Default', 'Preferences'), JSON.stringify({ profile: { cookie_controls_mode: 1, block_third_party_cookies: true } }));
  const context = await chromium.launchPersistentContext(profile, { executablePath: found.path, headless: true, args: CHROMIUM_ARGS });
  return { context, close: async () => (await context.close(), rmSync(profile, { recursive: true, force: true })) };
}

const CRMS = [
  { id: 'salesforce', query: '?mode=Lightning&sfdcIframeOrigin=http%3A%2F%2Facme.lightning.force.com', record: 'Task' },
  { id: 'webhook', query: '', record: 'webhook record' },
];

export const storageBlocked = {
  name: 'a cross-site frame with third-party storage blocked (Salesforce and webhook bundles) → storage refused, every call logged once, status says memory only',
  file: 'test/reliability/scenarios/storage-blocked.mjs',
  params: { quick: {}, soak: {} },
  async run({ server }) {
    const checks = new Checks();
    const { context, close } = await blockingContext();
    const log = newLog();
    try {
      const port = new URL(server.url).port;
      for (const crm of CRMS) {
        const page = await context.newPage();
        page.on('pageerror', (error) => log.pageErrors.push(error.message));
        await page.goto(`http://127.0.0.1:${port}/rel/blocked/top.html`);
        const src = `http://localhost:${port}/rel/blocked/${crm.id}.html${crm.query}`;
        await page.evaluate((url) => {
          const frame = document.createElement('iframe');
          frame.src = url;
          document.body.append(frame);
        }, src);
        const frame = await (async () => {
          for (let i = 0; i < 100; i += 1) {
            const found = page.frames().find((f) => f.url().startsWith(src.split('?')[0]));
            if (found !== undefined) return found;
            await new Promise((resolve) => setTimeout(resolve, 50));
          }
          return undefined;
        })();
        if (!checks.that(frame !== undefined, `${crm.id}: the cross-site frame did not load`)) continue;
        const finished = await until(() => frame.evaluate(() => window.relBlocked?.done === true).catch(() => false), 30_000, 50);
        const run = await frame.evaluate(() => window.relBlocked);
        const records = await frame.evaluate(() => window.relRecords());
        checks.that(finished && run?.error === undefined, `${crm.id}: the calls did not finish: ${run?.error ?? 'timed out'}`);
        // The mode is real, or the test proves nothing.
        checks.that(run?.probe?.indexedDB !== 'ok' && run?.probe?.locks === 'SecurityError' && run?.probe?.localStorage === 'SecurityError', `${crm.id}: storage was not blocked in the frame: ${JSON.stringify(run?.probe)}`);
        checks.that(records.length === run?.conversations.length && records.length > 0 && records.every((n) => n === 1), `${crm.id}: ${crm.record}s per call: ${JSON.stringify(records)}`);
        checks.that(run?.status?.durability === 'memory' && run?.status?.drainLock === 'local', `${crm.id}: status ${JSON.stringify(run?.status)}`);
        checks.that(typeof run?.status?.durabilityReason === 'string' && /IndexedDB/.test(run.status.durabilityReason), `${crm.id}: no durability reason in the status`);
        checks.that(run?.status?.outbox?.pending === 0 && run?.status?.outbox?.dead === 0, `${crm.id}: outbox ${JSON.stringify(run?.status?.outbox)}`);
        checks.note(`${crm.id}: frame storage ${JSON.stringify(run?.probe)}; ${records.length} calls, ${records.reduce((a, b) => a + b, 0)} ${crm.record}s; status ${run?.status?.durability}/${run?.status?.drainLock} (${run?.status?.durabilityReason})`);
        await page.close();
      }
      checks.that(log.pageErrors.length === 0, `page errors: ${log.pageErrors.slice(0, 3).join(' | ')}`);
      return checks.done();
    } finally {
      await close();
    }
  },
};
