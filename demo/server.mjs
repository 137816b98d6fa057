// The demo's static server: `npm start` builds, then runs this file. No dependencies (node:http).
//
// Serves, on 127.0.0.1 only:
//   /            demo/index.html
//   /<name>.css  demo/<name>.css (and /<name>.svg, the favicon)
//   /dist/...    files under dist/ (the bundle is dist/demo/demo.js)
// Everything else is 404. Paths are decoded, resolved and checked to stay inside their root
// (after following symlinks), so `..` in any spelling cannot reach other files.
import { createReadStream, existsSync, realpathSync } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import { createServer } from 'node:http';
import { extname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const HOST = '127.0.0.1';
const DEFAULT_PORT = 8080;
/** How many ports above the wanted one to try when it is taken. */
const PORT_ATTEMPTS = 20;

const repoRoot = fileURLToPath(new URL('..', import.meta.url));
const demoRoot = join(repoRoot, 'demo');
const distRoot = join(repoRoot, 'dist');
const bundlePath = join(distRoot, 'demo', 'demo.js');

export const SECURITY_HEADERS = Object.freeze({
  'Content-Security-Policy': "default-src 'self'; script-src 'self'; style-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'",
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  // A development server: always serve what the last build produced.
  'Cache-Control': 'no-store',
});

const CONTENT_TYPES = Object.freeze({
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.ts': 'text/plain; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
});

/** The message printed when the demo bundle has not been built. */
export const MISSING_BUNDLE_MESSAGE = 'softphone-bridge demo: dist/demo/demo.js is missing; run `npm run build` (or `npm start`, which builds first) and reload the page.';

/**
 * Maps a request path to a file: `{ root, rel }` where `rel` is relative to `root`, or undefined
 * when the path is not one the server serves. Does not touch the file system.
 */
function route(pathname) {
  if (pathname === '/' || pathname === '/index.html') return { root: demoRoot, rel: 'index.html' };
  if (pathname.startsWith('/dist/')) return { root: distRoot, rel: pathname.slice('/dist/'.length) };
  // Stylesheets and icons directly in demo/: one plain segment, no further slashes or dots.
  if (/^\/[A-Za-z0-9_-]+\.(?:css|svg)$/.test(pathname)) return { root: demoRoot, rel: pathname.slice(1) };
  return undefined;
}

/** True when `candidate` is `root` itself or inside it. Both must be absolute and normalized. */
function inside(root, candidate) {
  const rel = relative(root, candidate);
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel));
}

/**
 * Resolves a request to an absolute file path inside an allowed root, or returns an HTTP status
 * (400 for a malformed path, 404 otherwise: the server does not say whether a forbidden file exists).
 */
async function resolveFile(rawUrl) {
  let pathname;
  try {
    // Only the path matters; the base is a placeholder. The URL parser already folds `.`/`..`
    // segments (including `%2e%2e`), the checks below catch what it leaves, like `..%2f`.
    pathname = decodeURIComponent(new URL(rawUrl ?? '/', 'http://localhost').pathname);
  } catch {
    return 400;
  }
  if (pathname.includes('\0') || pathname.includes('\\')) return 400;
  const target = route(pathname);
  if (target === undefined) return 404;
  const root = resolve(target.root);
  const file = resolve(root, target.rel);
  if (!inside(root, file)) return 404;
  let real;
  let realRoot;
  try {
    [real, realRoot] = await Promise.all([realpath(file), realpath(root)]);
    if (!inside(realRoot, real)) return 404;
    const info = await stat(real);
    if (!info.isFile()) return 404;
  } catch {
    return 404;
  }
  return real;
}

function send(res, status, body, extraHeaders = {}) {
  res.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8', 'Content-Length': Buffer.byteLength(body), ...extraHeaders });
  res.end(res.req.method === 'HEAD' ? undefined : body);
}

async function handle(req, res) {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    send(res, 405, 'Method Not Allowed\n', { Allow: 'GET, HEAD' });
    return;
  }
  const file = await resolveFile(req.url);
  if (typeof file === 'number') {
    const hint = file === 404 && req.url?.startsWith('/dist/demo/demo.js') ? `${MISSING_BUNDLE_MESSAGE}\n` : '';
    send(res, file, `${file === 400 ? 'Bad Request' : 'Not Found'}\n${hint}`);
    return;
  }
  const info = await stat(file);
  res.writeHead(200, {
    ...SECURITY_HEADERS,
    'Content-Type': CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream',
    'Content-Length': info.size,
  });
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  const stream = createReadStream(file);
  stream.on('error', () => res.destroy());
  stream.pipe(res);
}

function listen(server, port) {
  return new Promise((resolvePromise, reject) => {
    const onError = (error) => {
      server.off('listening', onListening);
      reject(error);
    };
    const onListening = () => {
      server.off('error', onError);
      resolvePromise();
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen(port, HOST);
  });
}

/**
 * Starts the demo server on 127.0.0.1. With `port: 0` the system picks a free port; otherwise
 * a taken port makes it try the next ones, up to {@link PORT_ATTEMPTS} above.
 *
 * @param {{ port?: number }} [options] default: `PORT` from the environment, else 8080
 * @returns {Promise<{ url: string, port: number, close(): Promise<void> }>}
 */
export async function startDemoServer({ port = portFromEnv() } = {}) {
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new RangeError(`startDemoServer: port must be an integer from 0 to 65535, got ${port}`);
  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) send(res, 500, 'Internal Server Error\n');
      else res.destroy();
    });
  });
  const last = port === 0 ? 0 : Math.min(65535, port + PORT_ATTEMPTS);
  for (let candidate = port; ; candidate += 1) {
    try {
      await listen(server, candidate);
      break;
    } catch (error) {
      if (error?.code !== 'EADDRINUSE' || candidate >= last) throw error;
    }
  }
  const address = server.address();
  const actual = typeof address === 'object' && address !== null ? address.port : port;
  return {
    url: `http://${HOST}:${actual}/`,
    port: actual,
    close: () =>
      new Promise((resolvePromise, reject) => {
        server.close((error) => (error ? reject(error) : resolvePromise()));
        server.closeAllConnections();
      }),
  };
}

function portFromEnv() {
  const text = process.env.PORT;
  if (text === undefined || text.trim() === '') return DEFAULT_PORT;
  const port = Number(text);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new RangeError(`PORT must be an integer from 0 to 65535, got "${text}"`);
  return port;
}

function isMain() {
  const entry = process.argv[1];
  if (entry === undefined) return false;
  try {
    return pathToFileURL(realpathSync(entry)).href === pathToFileURL(realpathSync(fileURLToPath(import.meta.url))).href;
  } catch {
    return false;
  }
}

if (isMain()) {
  try {
    if (!existsSync(bundlePath)) console.error(MISSING_BUNDLE_MESSAGE);
    const { url, close } = await startDemoServer();
    console.log(`softphone-bridge demo: ${url}`);
    const stop = () => {
      close().finally(() => process.exit(0));
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  } catch (error) {
    console.error(`softphone-bridge demo: could not start: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  }
}
