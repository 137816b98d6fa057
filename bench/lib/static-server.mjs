// A tiny static server for the benchmark pages, on 127.0.0.1 only. Serves files from a few
// mounted roots (URL prefix → directory), with cross-origin isolation headers: only a
// cross-origin-isolated page gets a 5 µs `performance.now()` (100 µs otherwise), which the
// per-event figures need. It closes itself after `maxLifetimeMs` whatever happens.
import { createReadStream } from 'node:fs';
import { createServer } from 'node:http';
import { contentTypeOf, listenLocally, resolveMounted } from '../../scripts/lib/local-server.mjs';

const HEADERS = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'X-Content-Type-Options': 'nosniff',
  'Cache-Control': 'no-store',
};

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
      const real = await resolveMounted(
        mounts,
        decodeURIComponent(new URL(req.url ?? '/', 'http://127.0.0.1').pathname),
      );
      if (real === undefined) return fail(404);
      res.writeHead(200, { ...HEADERS, ...extraHeaders, 'Content-Type': contentTypeOf(real) });
      createReadStream(real)
        .on('error', () => res.destroy())
        .pipe(res);
    } catch {
      if (!res.headersSent) fail(500);
      else res.destroy();
    }
  });
  return listenLocally(server, maxLifetimeMs);
}
