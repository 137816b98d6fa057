// The demo's static server (demo/server.mjs): what it serves, with which headers, and what it
// refuses. Started on port 0 so it never collides with a running `npm start`.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { request } from 'node:http';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { startDemoServer } from '../../demo/server.mjs';

const root = fileURLToPath(new URL('../../', import.meta.url));
const packageJson = readFileSync(`${root}package.json`, 'utf8');
const bundleExists = existsSync(`${root}dist/demo/demo.js`);

let server;

before(async () => {
  server = await startDemoServer({ port: 0 });
});

after(async () => {
  await server?.close();
});

/**
 * Sends `path` byte for byte (no client-side normalisation of `..` or percent escapes, which
 * `fetch` would do) and resolves to `{ status, headers, body }`.
 */
function rawGet(path, method = 'GET') {
  const { hostname, port } = new URL(server.url);
  return new Promise((resolve, reject) => {
    const req = request({ host: hostname, port, path, method }, (res) => {
      const chunks = [];
      res.on('data', (chunk) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

function assertSecurityHeaders(headers) {
  const csp = headers['content-security-policy'];
  assert.ok(typeof csp === 'string' && csp.length > 0, 'Content-Security-Policy header is missing');
  for (const directive of ["default-src 'self'", "script-src 'self'", "style-src 'self'", "object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'"]) {
    assert.ok(csp.includes(directive), `CSP lacks ${directive}: ${csp}`);
  }
  assert.ok(!csp.includes('unsafe-inline'), `CSP allows 'unsafe-inline': ${csp}`);
  assert.ok(!csp.includes('unsafe-eval'), `CSP allows 'unsafe-eval': ${csp}`);
  assert.equal(headers['x-content-type-options'], 'nosniff');
}

test('the server listens on 127.0.0.1 and reports its URL', () => {
  assert.match(server.url, /^http:\/\/127\.0\.0\.1:\d+\/$/);
  assert.notEqual(server.port, 0);
});

test('GET / serves demo/index.html as HTML with a strict CSP', async () => {
  const res = await fetch(server.url);
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-type') ?? '', /^text\/html\b/);
  const headers = Object.fromEntries(res.headers);
  assertSecurityHeaders(headers);
  const html = await res.text();
  assert.equal(html, readFileSync(`${root}demo/index.html`, 'utf8'));
  assert.match(html, /<script type="module" src="\/dist\/demo\/demo\.js"><\/script>/);
  // The CSP forbids inline code and styles, so the page must not have any.
  assert.doesNotMatch(html, /<script(?![^>]*\ssrc=)[^>]*>/i, 'inline <script>');
  assert.doesNotMatch(html, /\sstyle=|<style/i, 'inline style');
  assert.doesNotMatch(html, /\son[a-z]+=/i, 'inline event handler');
});

test('GET /demo.css serves the stylesheet as text/css', async () => {
  const res = await fetch(new URL('demo.css', server.url));
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-type') ?? '', /^text\/css\b/);
  assertSecurityHeaders(Object.fromEntries(res.headers));
  assert.equal(await res.text(), readFileSync(`${root}demo/demo.css`, 'utf8'));
});

test(`GET /dist/demo/demo.js is ${bundleExists ? '200 JavaScript (the bundle exists)' : '404 (no bundle: run npm run build)'}`, async () => {
  const res = await fetch(new URL('dist/demo/demo.js', server.url));
  if (bundleExists) {
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /^(text|application)\/javascript\b/);
    assertSecurityHeaders(Object.fromEntries(res.headers));
    assert.equal(Number(res.headers.get('content-length')), readFileSync(`${root}dist/demo/demo.js`).length);
  } else {
    assert.equal(res.status, 404);
    assert.match(await res.text(), /npm run build/);
  }
});

test('HEAD works like GET without a body; other methods are 405', async () => {
  const head = await rawGet('/', 'HEAD');
  assert.equal(head.status, 200);
  assert.equal(head.body, '');
  assertSecurityHeaders(head.headers);
  const post = await rawGet('/', 'POST');
  assert.equal(post.status, 405);
  assert.equal(post.headers.allow, 'GET, HEAD');
});

test('paths outside the served files are 404, with the security headers', async () => {
  for (const path of ['/package.json', '/demo/server.mjs', '/server.mjs', '/main.ts', '/demo/index.html', '/src/index.ts', '/dist', '/dist/', '/dist/demo/', '/nope.css']) {
    const res = await rawGet(path);
    assert.equal(res.status, 404, `${path} → ${res.status}`);
    assertSecurityHeaders(res.headers);
  }
});

test('directory traversal never reaches a file outside the allowed roots', async () => {
  const attempts = [
    '/dist/../package.json',
    '/%2e%2e/package.json',
    '/dist/%2e%2e/package.json',
    '/dist/..%2fpackage.json',
    '/dist/%2e%2e%2fpackage.json',
    '/dist/%2E%2E%2F%2E%2E%2Fmain%2Fpackage.json',
    '/dist/demo/..%2f..%2fpackage.json',
    '/dist/..%5cpackage.json',
    '/dist/....//package.json',
    '/..%2fpackage.json',
    '/demo.css/../../package.json',
    '/dist/%252e%252e/package.json',
    '/dist/..%00/package.json',
    '/dist/%c0%ae%c0%ae/package.json',
    '//etc/passwd',
    '/dist//etc/passwd',
    '/dist/%2fetc%2fpasswd',
  ];
  for (const path of attempts) {
    const res = await rawGet(path);
    assert.ok([400, 403, 404].includes(res.status), `${path} → ${res.status}`);
    assert.ok(!res.body.includes('"name": "softphone-bridge"'), `${path} leaked package.json`);
    assert.ok(!res.body.includes(packageJson.slice(0, 200)), `${path} leaked package.json`);
    assert.ok(!/root:.*:0:0:/.test(res.body), `${path} leaked /etc/passwd`);
  }
});

test('startDemoServer moves to the next port when the wanted one is taken', async () => {
  const taken = server.port;
  const second = await startDemoServer({ port: taken });
  try {
    assert.ok(second.port > taken && second.port <= taken + 20, `got ${second.port}`);
    assert.equal((await fetch(second.url)).status, 200);
  } finally {
    await second.close();
  }
});
