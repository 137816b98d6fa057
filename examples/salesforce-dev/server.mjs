// `npm run dev:salesforce`: the Salesforce bundle off Salesforce (docs/salesforce-deploy.md,
// "Develop without an org"). One origin on 127.0.0.1 plays both parts: the softphone page (the call
// center's adapter URL, opened with the `mode` and `sfdcIframeOrigin` parameters Salesforce adds)
// and "Salesforce", which serves the Open CTI stub where the real org serves opencti_min.js. The
// bundle accepts that loopback origin only because the page itself is on loopback over http
// (adapters/salesforce/load-open-cti.ts). Needs the build (`npm run build`).
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const here = (path) => fileURLToPath(new URL(path, import.meta.url));
const BUNDLE = here('../../dist/softphone-bridge.salesforce.iife.js');
/** Where Salesforce serves the Lightning Open CTI script; any API version is answered with the stub. */
const OPEN_CTI_SCRIPT = /^\/support\/api\/\d+\.\d+\/lightning\/opencti_min\.js$/;

/**
 * Starts the development server on 127.0.0.1 (`port` 0: any free one). Resolves with its `url`
 * (the page, with Salesforce's parameters) and `close()`.
 */
export async function startSalesforceDev({ port = 8090 } = {}) {
  if (!existsSync(BUNDLE))
    throw new Error('dist/softphone-bridge.salesforce.iife.js is missing: run `npm run build` first');
  const stub = (
    await build({
      entryPoints: [here('opencti-stub.ts')],
      bundle: true,
      format: 'iife',
      target: 'es2022',
      write: false,
      logLevel: 'silent',
    })
  ).outputFiles[0].text;
  const files = {
    '/': ['text/html; charset=utf-8', readFileSync(here('page.html'))],
    '/page.js': ['text/javascript; charset=utf-8', readFileSync(here('page.js'))],
    '/dist/softphone-bridge.salesforce.iife.js': ['text/javascript; charset=utf-8', readFileSync(BUNDLE)],
  };
  let origin = '';
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', origin);
    // The adapter URL as Salesforce opens it: add the parameters when they are missing.
    if (url.pathname === '/' && !url.searchParams.has('sfdcIframeOrigin')) {
      res.writeHead(302, { location: `/?mode=Lightning&sfdcIframeOrigin=${encodeURIComponent(origin)}` }).end();
      return;
    }
    if (url.pathname === '/favicon.ico') {
      res.writeHead(204).end();
      return;
    }
    const file = OPEN_CTI_SCRIPT.test(url.pathname) ? ['text/javascript; charset=utf-8', stub] : files[url.pathname];
    if (file === undefined) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    // No inline code anywhere on the page: the same CSP a vendor's softphone page can send.
    res
      .writeHead(200, {
        'content-type': file[0],
        'content-security-policy': "default-src 'self'; script-src 'self'; object-src 'none'; base-uri 'none'",
        'cache-control': 'no-store',
      })
      .end(file[1]);
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  origin = `http://127.0.0.1:${server.address().port}`;
  return { url: `${origin}/`, close: () => new Promise((resolve) => server.close(resolve)) };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const port = process.env.PORT === undefined ? undefined : Number(process.env.PORT);
  const dev = await startSalesforceDev(port === undefined ? {} : { port });
  console.log(`Salesforce bundle, development mode: ${dev.url} (Open CTI stub on the same origin; Ctrl+C stops)`);
}
