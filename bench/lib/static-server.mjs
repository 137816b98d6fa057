// A tiny static server for the benchmark pages, on 127.0.0.1 only. Serves files from a few
// mounted roots (URL prefix → directory), with cross-origin isolation headers: only a
// cross-origin-isolated page gets a 5 µs `performance.now()` (100 µs otherwise), which the
// per-event figures need. It closes itself after `maxLifetimeMs` whatever happens.
import { createReadStream } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import { createServer } from 'node:http';
import { extname, isAbsolute, relative, resolve, sep } from 'node:path';

const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.map': 'application/json', '.json': 'application/json', '.svg': 'image/svg+xml' };

const HEADERS = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'X-Content-Type-Options': 'nosniff',
  'Cache-Control': 'no-store',
};

function inside(root, file) {
  const rel = relative(root, file);
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel));
}

/**
 * @param {Record<string, string>} mounts URL prefix (e.g. '/dist/') → absolute directory
 * @param {{ maxLifetimeMs?: number, extraHeaders?: Record<string, string> }} [options]
 * @returns {Promise<{ url: string, close(): Promise<void> }>}
 */
export async function startStaticServer(mounts, { maxLifetimeMs = 10 * 60_000, extraHeaders = {} } = {}) {
  const server = createServer(async (req, res) => {
    const fail = (status) => {
      res.writeHead(status, { ...HEADERS, 'Content-Type': 'text/plain' });
      res.end(String(status));
    };
    try {
      if (req.method !== 'GET') return fail(405);
      const path = decodeURIComponent(new URL(req.url ?? '/', 'http://127.0.0.1').pathname);
      const prefix = Object.keys(mounts).find((p) => path.startsWith(p));
      if (prefix === undefined || path.includes('\0')) return fail(404);
      const root = await realpath(mounts[prefix]);
      const file = resolve(root, path.slice(prefix.length));
      if (!inside(root, file)) return fail(404);
      const real = await realpath(file).catch(() => undefined);
      if (real === undefined || !inside(root, real) || !(await stat(real)).isFile()) return fail(404);
      res.writeHead(200, { ...HEADERS, ...extraHeaders, 'Content-Type': TYPES[extname(real)] ?? 'application/octet-stream' });
      createReadStream(real).on('error', () => res.destroy()).pipe(res);
    } catch {
      if (!res.headersSent) fail(500);
      else res.destroy();
    }
  });
  await new Promise((ok, ko) => {
    server.once('error', ko);
    server.listen(0, '127.0.0.1', ok);
  });
  let closed;
  const close = () => {
    closed ??= new Promise((ok) => {
      clearTimeout(timer);
      server.close(() => ok());
      server.closeAllConnections();
    });
    return closed;
  };
  const timer = setTimeout(close, maxLifetimeMs);
  timer.unref();
  return { url: `http://127.0.0.1:${server.address().port}/`, close };
}
