// The demo's static server (demo/server.mjs): two origins from one process, what each serves,
// with which headers (who may frame whom), and what both refuse. Started on port 0 so it never
// collides with a running `npm start`.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { request } from 'node:http';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { demoEntries } from '../../scripts/build-entries.mjs';
import { startDemoServer } from '../../demo/server.mjs';

const root = fileURLToPath(new URL('../../', import.meta.url));
const packageJson = readFileSync(`${root}package.json`, 'utf8');

let server;
/** `{ console, softphone }`: each origin's base URL. */
let sites;

before(async () => {
  server = await startDemoServer({ port: 0 });
  sites = { console: server.url, softphone: server.softphoneUrl };
});

after(async () => {
  await server?.close();
});

const originOf = (url) => new URL(url).origin;

/**
 * Sends `path` byte for byte to `base` (no client-side normalisation of `..` or percent escapes,
 * which `fetch` would do) and resolves to `{ status, headers, body }`.
 */
function rawGet(base, path, method = 'GET', headers = {}) {
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    const req = request({ host: hostname, port, path, method, headers }, (res) => {
      const chunks = [];
      res.on('data', (chunk) => chunks.push(chunk));
      res.on('end', () =>
        resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }),
      );
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

/** The CSP's directives as a map: name → list of sources. */
function directives(csp) {
  return new Map(
    csp
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((d) => d[0])
      .map(([name, ...sources]) => [name, sources]),
  );
}

/** The strict policy both origins share, plus who may frame whom on `site`. */
function assertSecurityHeaders(headers, site) {
  const csp = headers['content-security-policy'];
  assert.ok(typeof csp === 'string' && csp.length > 0, 'Content-Security-Policy header is missing');
  const policy = directives(csp);
  for (const [name, sources] of [
    ['default-src', ["'self'"]],
    ['script-src', ["'self'"]],
    ['style-src', ["'self'"]],
    ['object-src', ["'none'"]],
    ['base-uri', ["'none'"]],
  ]) {
    assert.deepEqual(policy.get(name), sources, `${name} in ${csp}`);
  }
  assert.ok(!/unsafe-|\*/.test(csp), `CSP allows unsafe sources or wildcards: ${csp}`);
  assert.equal(headers['x-content-type-options'], 'nosniff');
  if (site === 'console') {
    assert.deepEqual(policy.get('frame-ancestors'), ["'none'"], 'nobody frames the console');
    assert.deepEqual(
      policy.get('frame-src'),
      [originOf(sites.softphone)],
      'the console frames exactly the softphone origin',
    );
    assert.equal(headers['x-frame-options'], 'DENY');
  } else {
    assert.deepEqual(policy.get('frame-ancestors'), [originOf(sites.console)], 'only the console frames the softphone');
    assert.deepEqual(policy.get('frame-src'), ["'none'"]);
    // DENY or SAMEORIGIN would block the console (another port); CSP frame-ancestors is the rule.
    assert.equal(headers['x-frame-options'], undefined, 'the softphone sends no X-Frame-Options');
  }
}

/** The CSP forbids inline code and styles, so a page must not have any. */
function assertNoInlineCode(html) {
  assert.doesNotMatch(html, /<script(?![^>]*\ssrc=)[^>]*>/i, 'inline <script>');
  assert.doesNotMatch(html, /\sstyle=|<style/i, 'inline style');
  assert.doesNotMatch(html, /\son[a-z]+=/i, 'inline event handler');
}

test('both origins listen on 127.0.0.1, on two ports', () => {
  assert.match(server.url, /^http:\/\/127\.0\.0\.1:\d+\/$/);
  assert.match(server.softphoneUrl, /^http:\/\/127\.0\.0\.1:\d+\/$/);
  assert.notEqual(server.port, 0);
  assert.notEqual(server.softphonePort, server.port);
});

test("GET / on the console origin serves demo/console.html naming the softphone's actual origin", async () => {
  const res = await fetch(sites.console);
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-type') ?? '', /^text\/html\b/);
  assertSecurityHeaders(Object.fromEntries(res.headers), 'console');
  const html = await res.text();
  const source = readFileSync(`${root}demo/console.html`, 'utf8');
  assert.equal(
    html,
    source
      .replace('{{softphoneOrigin}}', originOf(sites.softphone))
      .replace('{{consoleOrigin}}', originOf(sites.console)),
  );
  assert.match(
    html,
    /<meta name="console-origin" content="http:\/\/127\.0\.0\.1:\d+" ?\/?>/,
    'the page knows where it must be opened',
  );
  assert.match(html, /<meta name="softphone-origin" content="http:\/\/127\.0\.0\.1:\d+" ?\/?>/);
  assert.match(html, /<script type="module" src="\/dist\/demo\/console\.js"><\/script>/);
  assertNoInlineCode(html);
});

test("GET / on the softphone origin serves demo/softphone.html, its remote client allowing exactly the console's origin", async () => {
  const res = await fetch(sites.softphone);
  assert.equal(res.status, 200);
  assertSecurityHeaders(Object.fromEntries(res.headers), 'softphone');
  const html = await res.text();
  assert.equal(
    html,
    readFileSync(`${root}demo/softphone.html`, 'utf8').replace('{{consoleOrigin}}', originOf(sites.console)),
  );
  assert.ok(
    html.includes(
      `<script src="/dist/softphone-bridge.remote.iife.js" data-host-origins="${originOf(sites.console)}"></script>`,
    ),
    'the remote client names the console origin',
  );
  assert.match(html, /<script type="module" src="\/dist\/demo\/softphone\.js"><\/script>/);
  assert.doesNotMatch(html, /\{\{/, 'no placeholder left');
  assertNoInlineCode(html);
});

test('the stylesheets are served as text/css on both origins', async () => {
  for (const [site, base] of Object.entries(sites)) {
    for (const name of ['theme.css', 'console.css', 'softphone.css']) {
      const res = await fetch(new URL(name, base));
      assert.equal(res.status, 200, `${site} ${name}`);
      assert.match(res.headers.get('content-type') ?? '', /^text\/css\b/);
      assertSecurityHeaders(Object.fromEntries(res.headers), site);
      assert.equal(await res.text(), readFileSync(`${root}demo/${name}`, 'utf8'));
    }
  }
});

for (const { output } of [...demoEntries, { output: 'dist/softphone-bridge.remote.iife.js' }]) {
  const built = existsSync(`${root}${output}`);
  test(`GET /${output} is ${built ? '200 JavaScript (it is built)' : '404 with a hint (run npm run build)'}`, async () => {
    const res = await fetch(new URL(output, sites.softphone));
    if (built) {
      assert.equal(res.status, 200);
      assert.match(res.headers.get('content-type') ?? '', /^(text|application)\/javascript\b/);
      assert.equal(Number(res.headers.get('content-length')), readFileSync(`${root}${output}`).length);
    } else {
      assert.equal(res.status, 404);
      assert.match(await res.text(), /npm run build/);
    }
  });
}

test('D6: another loopback name for either port (localhost, [::1], 127.0.0.2) is redirected to the printed origin, path and query kept', async () => {
  for (const [site, base] of Object.entries(sites)) {
    const { port } = new URL(base);
    for (const name of ['localhost', 'LOCALHOST', 'localhost.', 'demo.localhost', '[::1]', '127.0.0.2']) {
      for (const method of ['GET', 'HEAD']) {
        const res = await rawGet(base, '/?softphone=sobot', method, { Host: `${name}:${port}` });
        assert.equal(res.status, 307, `${site} ${method} as ${name}`);
        assert.equal(res.headers.location, `${originOf(base)}/?softphone=sobot`, `${site} as ${name}`);
        assertSecurityHeaders(res.headers, site);
      }
    }
    // The printed name itself is served, not redirected in a loop.
    assert.equal((await rawGet(base, '/', 'GET', { Host: new URL(base).host })).status, 200);
  }
});

test('D6: the redirect keeps to the origin: an absolute or scheme-relative request target cannot send the browser elsewhere', async () => {
  const { port } = new URL(sites.console);
  for (const path of ['//evil.example/', 'http://evil.example/']) {
    const res = await rawGet(sites.console, path, 'GET', { Host: `localhost:${port}` });
    assert.equal(res.status, 307);
    assert.ok(res.headers.location.startsWith(`${originOf(sites.console)}/`), `${path} → ${res.headers.location}`);
    assert.equal(new URL(res.headers.location).origin, originOf(sites.console));
  }
});

test('D6: a name that is not loopback (a port forward) is served as is, so that the page itself can say why its softphone is blocked', async () => {
  const { port } = new URL(sites.console);
  const res = await rawGet(sites.console, '/', 'GET', { Host: `demo.example:${port}` });
  assert.equal(res.status, 200);
  assert.ok(res.body.includes(`<meta name="console-origin" content="${originOf(sites.console)}" />`));
  assert.ok(res.body.includes('id="frame-notice"'), 'the page has the notice that explains a blocked frame');
});

test('HEAD works like GET without a body; other methods are 405', async () => {
  for (const [site, base] of Object.entries(sites)) {
    const head = await rawGet(base, '/', 'HEAD');
    assert.equal(head.status, 200);
    assert.equal(head.body, '');
    assertSecurityHeaders(head.headers, site);
    const post = await rawGet(base, '/', 'POST');
    assert.equal(post.status, 405);
    assert.equal(post.headers.allow, 'GET, HEAD');
    assertSecurityHeaders(post.headers, site);
  }
});

test('paths outside the served files are 404 on both origins, with their security headers', async () => {
  for (const [site, base] of Object.entries(sites)) {
    for (const path of [
      '/package.json',
      '/demo/server.mjs',
      '/server.mjs',
      '/security-headers.mjs',
      '/console.html',
      '/softphone.html',
      '/demo/console.html',
      '/console/main.ts',
      '/src/index.ts',
      '/dist',
      '/dist/',
      '/dist/demo/',
      '/nope.css',
    ]) {
      const res = await rawGet(base, path);
      assert.equal(res.status, 404, `${site} ${path} → ${res.status}`);
      assertSecurityHeaders(res.headers, site);
    }
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
    '/theme.css/../../package.json',
    '/dist/%252e%252e/package.json',
    '/dist/..%00/package.json',
    '/dist/%c0%ae%c0%ae/package.json',
    '//etc/passwd',
    '/dist//etc/passwd',
    '/dist/%2fetc%2fpasswd',
  ];
  for (const base of Object.values(sites)) {
    for (const path of attempts) {
      const res = await rawGet(base, path);
      assert.ok([400, 403, 404].includes(res.status), `${path} → ${res.status}`);
      assert.ok(!res.body.includes('"name": "softphone-bridge"'), `${path} leaked package.json`);
      assert.ok(!res.body.includes(packageJson.slice(0, 200)), `${path} leaked package.json`);
      assert.ok(!/root:.*:0:0:/.test(res.body), `${path} leaked /etc/passwd`);
    }
  }
});

test('taken ports move both origins up, and each page names the ports actually used', async () => {
  // The running server holds two ports: ask for the console's, then for the softphone's.
  const second = await startDemoServer({ port: server.port, softphonePort: server.softphonePort });
  try {
    assert.ok(second.port > server.port && second.port <= server.port + 20, `console on ${second.port}`);
    assert.notEqual(second.softphonePort, server.softphonePort);
    assert.notEqual(second.softphonePort, second.port);
    const html = await (await fetch(second.url)).text();
    assert.ok(
      html.includes(`content="${originOf(second.softphoneUrl)}"`),
      'the console frames the softphone where it really is',
    );
    const csp = (await fetch(second.softphoneUrl)).headers.get('content-security-policy') ?? '';
    assert.deepEqual(directives(csp).get('frame-ancestors'), [originOf(second.url)]);
  } finally {
    await second.close();
  }
});

test('without a softphone port, the softphone takes the port after the console', async () => {
  const third = await startDemoServer({ port: server.port });
  try {
    assert.ok(
      third.softphonePort > third.port && third.softphonePort <= third.port + 21,
      `console ${third.port}, softphone ${third.softphonePort}`,
    );
  } finally {
    await third.close();
  }
});
