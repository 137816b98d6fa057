// The reliability suite's server, on 127.0.0.1 only: the built test pages (/rel/), the built
// library (/dist/), and the fake CRM over HTTP (/crm/<run>/log, /crm/<run>/pop) whose ledger
// lives here, outside any page, so it survives reloads and is shared by tabs. Every static
// response carries a strict Content-Security-Policy (script-src 'self', no unsafe-*). The server
// closes itself after `maxLifetimeMs` whatever happens.
import { createReadStream } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import { createServer } from 'node:http';
import { extname, isAbsolute, relative, resolve, sep } from 'node:path';
import { CrmLedger } from './crm-ledger.mjs';

export const STRICT_CSP = "default-src 'self'; script-src 'self'; style-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";
/** The same, and DOM XSS sinks closed by Trusted Types (reliability.md T14). */
export const TRUSTED_TYPES_CSP = `${STRICT_CSP}; require-trusted-types-for 'script'; trusted-types 'none'`;

const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.map': 'application/json', '.json': 'application/json' };
const MAX_BODY = 1024 * 1024;

function inside(root, file) {
  const rel = relative(root, file);
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel));
}

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

  async function serveStatic(req, res, path) {
    const prefix = Object.keys(mounts).find((p) => path.startsWith(p));
    if (prefix === undefined || path.includes('\0')) return send(res, 404, 'not found');
    const root = await realpath(mounts[prefix]);
    const file = resolve(root, path.slice(prefix.length));
    const real = inside(root, file) ? await realpath(file).catch(() => undefined) : undefined;
    if (real === undefined || !inside(root, real) || !(await stat(real)).isFile()) return send(res, 404, 'not found');
    const csp = path.includes('/tt/') ? TRUSTED_TYPES_CSP : STRICT_CSP;
    res.writeHead(200, { 'Content-Type': TYPES[extname(real)] ?? 'application/octet-stream', 'Content-Security-Policy': csp, 'X-Content-Type-Options': 'nosniff', 'Cache-Control': 'no-store' });
    createReadStream(real).on('error', () => res.destroy()).pipe(res);
  }

  async function serveCrm(req, res, run, action) {
    const book = ledger(run);
    const body = JSON.parse(await readBody(req));
    if (action === 'pop') {
      book.pop(body);
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
    const crm = /^\/crm\/([\w-]{1,80})\/(log|pop)$/.exec(path);
    const work = crm !== null && req.method === 'POST' ? serveCrm(req, res, crm[1], crm[2]) : req.method === 'GET' ? serveStatic(req, res, path) : Promise.resolve(send(res, 405, 'method not allowed'));
    work.catch(() => {
      if (!res.headersSent) send(res, 500, 'error');
      else res.destroy();
    });
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
  return { url: `http://127.0.0.1:${server.address().port}/`, ledger, close };
}

function send(res, status, text) {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(text);
}

function sendJson(res, status, body) {
  res.writeHead(status, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });
  res.end(JSON.stringify(body));
}
