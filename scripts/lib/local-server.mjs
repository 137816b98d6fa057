// What the benchmark, reliability and demo servers share: files served from mounted roots without
// letting a path escape them, and an HTTP server on 127.0.0.1 only that closes itself after a
// lifetime whatever happens (a test run that crashes must not leave it listening).
import { realpath, stat } from 'node:fs/promises';
import { extname, isAbsolute, relative, resolve, sep } from 'node:path';

/** Content types of the files the test, benchmark and demo pages load. */
export const CONTENT_TYPES = Object.freeze({
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.map': 'application/json',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
});

/** The content type for `file`, by extension. */
export function contentTypeOf(file) {
  return CONTENT_TYPES[extname(file)] ?? 'application/octet-stream';
}

function inside(root, file) {
  const rel = relative(root, file);
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel));
}

/**
 * The real path of the file that `path` (decoded) names under `mounts` (URL prefix → directory),
 * or undefined when it names none: not mounted, outside its root (also through symlinks), not a
 * regular file.
 * @param {Record<string, string>} mounts
 * @param {string} path
 * @returns {Promise<string | undefined>}
 */
export async function resolveMounted(mounts, path) {
  const prefix = Object.keys(mounts).find((p) => path.startsWith(p));
  if (prefix === undefined || path.includes('\0')) return undefined;
  const root = await realpath(mounts[prefix]);
  const file = resolve(root, path.slice(prefix.length));
  if (!inside(root, file)) return undefined;
  const real = await realpath(file).catch(() => undefined);
  if (real === undefined || !inside(root, real) || !(await stat(real)).isFile()) return undefined;
  return real;
}

/**
 * Listens on 127.0.0.1 at a free port and closes the server after `maxLifetimeMs`.
 * @param {import('node:http').Server} server
 * @param {number} maxLifetimeMs
 * @returns {Promise<{ url: string, close(): Promise<void> }>}
 */
export async function listenLocally(server, maxLifetimeMs) {
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
