// The reliability suite's server, on 127.0.0.1 only: the built test pages (/rel/), the built
// library (/dist/), and the fake CRM over HTTP (/crm/<run>/log, /pop, /view) whose ledger
// lives here, outside any page, so it survives reloads and is shared by tabs. Every static
// response carries a strict Content-Security-Policy (script-src 'self', no unsafe-*). The server
// closes itself after `maxLifetimeMs` whatever happens.
import { createReadStream } from 'node:fs';
import { createServer } from 'node:http';
import { contentTypeOf, listenLocally, resolveMounted } from '../../../scripts/lib/local-server.mjs';
import { CrmLedger } from './crm-ledger.mjs';

export const STRICT_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";
/** The same, and DOM XSS sinks closed by Trusted Types (reliability.md T14). */
export const TRUSTED_TYPES_CSP = `${STRICT_CSP}; require-trusted-types-for 'script'; trusted-types 'none'`;

/**
 * The strict policy for a page on 127.0.0.1 that frames localhost, and for the framed page: exact
 * origins, never '*'. The frame may also reach 127.0.0.1 (another site): the webhook bundle posts
 * to a receiver there (see `route`).
 */
export const crossSiteFrameCsp = (port) =>
  `${STRICT_CSP.replace("default-src 'self';", `default-src 'self'; connect-src 'self' http://127.0.0.1:${port};`).replace("frame-ancestors 'none'", `frame-ancestors http://127.0.0.1:${port}`)}; frame-src http://localhost:${port}`;

const MAX_BODY = 1024 * 1024;

function readBody(req) {
  return new Promise((ok, ko) => {
    const chunks = [];
    let size = 0;
    req.on('data', (chunk) => {
      size += chunk.length;
      if (size > MAX_BODY) {
        ko(new Error('body too large'));
        req.destroy();
      } else chunks.push(chunk);
    });
    req.on('end', () => ok(Buffer.concat(chunks).toString('utf8')));
    req.on('error', ko);
  });
}

/**
 * @param {{ pagesDir: string, distDir: string, maxLifetimeMs?: number }} options
 */
export async function startReliabilityServer({ pagesDir, distDir, maxLifetimeMs = 15 * 60_000 }) {
  const ledgers = new Map();
  const ledger = (run) => {
    if (!ledgers.has(run)) ledgers.set(run, new CrmLedger());
    return ledgers.get(run);
  };
  const mounts = { '/rel/': pagesDir, '/dist/': distDir };
  /** Handlers a scenario adds under a path prefix (e.g. a webhook receiver), tried first. */
  const routes = new Map();

  async function serveStatic(req, res, path) {
    const real = await resolveMounted(mounts, path);
    if (real === undefined) return send(res, 404, 'not found');
    const port = req.socket.localPort;
    // The blocked-storage pages: the CRM page on 127.0.0.1 frames the bundle's page on localhost (another site).
    const csp = path.includes('/tt/')
      ? TRUSTED_TYPES_CSP
      : path.includes('/blocked/')
        ? crossSiteFrameCsp(port)
        : STRICT_CSP;
    res.writeHead(200, {
      'Content-Type': contentTypeOf(real),
      'Content-Security-Policy': csp,
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'no-store',
    });
    createReadStream(real)
      .on('error', () => res.destroy())
      .pipe(res);
  }

  async function serveCrm(req, res, run, action) {
    const book = ledger(run);
    const body = JSON.parse(await readBody(req));
    if (action === 'pop') {
      book.pop(body);
      return sendJson(res, 200, {});
    }
    if (action === 'view') {
      book.view(body);
      return sendJson(res, 200, {});
    }
    if (action !== 'log') return send(res, 404, 'not found');
    const outcome = book.write(body);
    let finished = false;
    res.on('finish', () => {
      finished = true;
      book.settled(outcome.seq, true);
    });
    // The page went away (reload, closed tab) before it had the reply of a committed write.
    res.on('close', () => {
      if (!finished) book.settled(outcome.seq, false);
    });
    if (outcome.fault === 'after') {
      res.destroy(); // committed, and the reply is lost
      return;
    }
    const reply = () => {
      if (!res.destroyed) sendJson(res, outcome.status, outcome.body);
    };
    if (outcome.holdMs > 0) setTimeout(reply, outcome.holdMs);
    else reply();
  }

  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://127.0.0.1').pathname);
    const routed = [...routes].find(([prefix]) => path.startsWith(prefix));
    if (routed !== undefined) return void routed[1](req, res);
    const crm = /^\/crm\/([\w-]{1,80})\/(log|pop|view)$/.exec(path);
    const work =
      crm !== null && req.method === 'POST'
        ? serveCrm(req, res, crm[1], crm[2])
        : req.method === 'GET'
          ? serveStatic(req, res, path)
          : Promise.resolve(send(res, 405, 'method not allowed'));
    work.catch(() => {
      if (!res.headersSent) send(res, 500, 'error');
      else res.destroy();
    });
  });
  const { url, close } = await listenLocally(server, maxLifetimeMs);
  /** Serves requests under `prefix` with `handler(req, res)` until `unroute(prefix)`. */
  const route = (prefix, handler) => routes.set(prefix, handler);
  const unroute = (prefix) => routes.delete(prefix);
  return { url, ledger, route, unroute, close };
}

function send(res, status, text) {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(text);
}

function sendJson(res, status, body) {
  res.writeHead(status, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });
  res.end(JSON.stringify(body));
}
