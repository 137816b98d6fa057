// The relay end to end with a real browser: the relay (dist/relay) on 127.0.0.1, the connectors'
// browser client (connectors/shared/relay-stream.ts, bundled with esbuild) in two tabs of the system
// Chromium on another origin, and the vendor's published pop-up phases posted to the relay's
// ingress. One stream serves both tabs; each tab gets every event once; when the leading tab
// closes, the other resumes after the last id without losing or repeating an event.
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import { findChromium } from '../../scripts/find-chromium.mjs';
import { fixtures, startRelay, token } from './relay-harness.mjs';

const AGENT = 'KGpK4iWq'; // the seed's extenUser
let relay;
let page;
let browser;

before(async () => {
  const client = await build({
    entryPoints: [fileURLToPath(new URL('../../connectors/shared/relay-stream.ts', import.meta.url))],
    bundle: true,
    format: 'iife',
    globalName: 'relayClient',
    write: false,
    target: 'es2022',
    logLevel: 'error',
  });
  const script = client.outputFiles[0].text;
  const server = createServer((req, res) => {
    if (req.url === '/client.js') return res.writeHead(200, { 'content-type': 'text/javascript' }).end(script);
    res
      .writeHead(200, {
        'content-type': 'text/html',
        'content-security-policy': "default-src 'self'; connect-src http://127.0.0.1:*",
      })
      .end('<!doctype html><title>agent tab</title><script src="/client.js"></script>');
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  page = { server, origin: `http://127.0.0.1:${server.address().port}` };
  relay = await startRelay({ env: { RELAY_ALLOWED_ORIGINS: page.origin } });
  const found = findChromium();
  browser = await chromium.launch({
    executablePath: found.path,
    headless: true,
    args: ['--no-sandbox', '--disable-dev-shm-usage', '--disable-gpu'],
  });
});

after(async () => {
  await browser?.close();
  await relay?.stop();
  page?.server.close();
});

/** Opens an agent tab that subscribes to the pop-up phases and records what it gets. */
async function agentTab(context) {
  const tab = await context.newPage();
  await tab.goto(`${page.origin}/`);
  await tab.evaluate(
    ({ url, agentId, token }) => {
      window.got = [];
      window.relayClient.subscribeRelay({ url, agentId, token }, ['voicenter.popup'], (event) =>
        window.got.push({ id: event.id, status: event.body.status }),
      );
    },
    { url: `${relay.base}/`, agentId: AGENT, token: token(AGENT) },
  );
  return tab;
}

const got = (tab) => tab.evaluate(() => window.got);
async function until(check, what, ms = 5_000) {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
const postPhase = (phase) =>
  fetch(`${relay.ingress}/voicenter/popup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(phase),
  });

test('two tabs share one stream; every phase reaches each tab once; the other tab resumes when the leader closes', async () => {
  const context = await browser.newContext();
  const [first, second] = [await agentTab(context), await agentTab(context)];
  await until(async () => (await metric('relay_agent_streams_open')) === 1, 'one open stream');
  assert.equal((await postPhase(fixtures.popup.ringing)).status, 200);
  await until(
    async () => (await got(first)).length === 1 && (await got(second)).length === 1,
    'the ringing phase in both tabs',
  );
  assert.equal((await postPhase(fixtures.popup.ringing)).status, 200, 'a repeat is acknowledged again');
  await new Promise((resolve) => setTimeout(resolve, 300));
  assert.equal((await got(second)).length, 1, 'the repeat was stored once, so no tab sees it twice');
  assert.equal(await metric('relay_agent_streams_open'), 1, 'one stream for the two tabs');

  // The first tab took the lock first, so it leads; closing it hands the stream to the second.
  await first.close();
  const other = second;
  await until(async () => (await metric('relay_agent_streams_open')) === 1, 'the second tab streaming');
  assert.equal((await postPhase(fixtures.popup.answer)).status, 200);
  await until(async () => (await got(other)).length === 2, 'the answer phase after the hand-over');
  const ids = (await got(other)).map((e) => e.id);
  assert.equal(new Set(ids).size, 2, 'no event twice');
  assert.deepEqual(
    (await got(other)).map((e) => e.status),
    [fixtures.popup.ringing.status, fixtures.popup.answer.status],
  );
  await context.close();
});

/** A gauge of the relay's /metrics. */
async function metric(name) {
  const text = await (await fetch(`${relay.base}/metrics`)).text();
  const line = text.split('\n').find((l) => l.startsWith(`${name} `));
  return line === undefined ? undefined : Number(line.split(' ')[1]);
}
