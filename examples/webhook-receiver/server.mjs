// A dependency-free receiver for the softphone-bridge webhook adapter (Node 20+).
//
//   WEBHOOK_SECRET=... PORT=8787 node examples/webhook-receiver/server.mjs
//
// It checks the signature and the timestamp window, then upserts the call log by its
// Idempotency-Key: a repeated or older revision is acknowledged without a change, so a retry
// after a lost reply never makes a second record. Records live in memory; replace `store` with
// your CRM call. See README.md beside this file.
import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import { createServer } from 'node:http';
import { pathToFileURL } from 'node:url';

const SIGNATURE = 'x-softphonebridge-signature';
const TIMESTAMP = 'x-softphonebridge-timestamp';
const IDEMPOTENCY = 'idempotency-key';

/**
 * Checks `sha256=<hex>` against HMAC-SHA256(secret, "<timestamp>.<raw body>") and the timestamp
 * against the clock. Returns `null` when the request is authentic, else why not.
 */
export function verifyRequest({ secret, signature, timestamp, body, nowSeconds, toleranceSeconds }) {
  if (typeof signature !== 'string' || typeof timestamp !== 'string') return 'missing signature or timestamp header';
  if (!/^\d{1,12}$/.test(timestamp)) return 'malformed timestamp';
  // Checked before the MAC so that a stale request costs no HMAC; both answers are 401 anyway.
  if (Math.abs(nowSeconds - Number(timestamp)) > toleranceSeconds) return 'timestamp outside the allowed window';
  const expected = Buffer.from(
    `sha256=${createHmac('sha256', secret).update(`${timestamp}.`).update(body).digest('hex')}`,
  );
  const given = Buffer.from(signature);
  // timingSafeEqual needs equal lengths; the length of a valid signature is public anyway.
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return 'signature mismatch';
  return null;
}

/**
 * The request handler. Options: `secret` (required), `toleranceSeconds` (default 300),
 * `allowedOrigins` (browser origins allowed by CORS, default none), `maxBodyBytes` (default
 * 256 KiB), `now` (ms clock), `store` (a Map of key → { recordId, revision, payload }).
 */
export function createReceiver({
  secret,
  toleranceSeconds = 300,
  allowedOrigins = [],
  maxBodyBytes = 256 * 1024,
  now = Date.now,
  store = new Map(),
}) {
  if (typeof secret !== 'string' || secret.length < 32)
    throw new Error('createReceiver: secret must be at least 32 characters');
  const origins = new Set(allowedOrigins);

  const reply = (res, status, body, origin) => {
    const headers = { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' };
    if (origin !== undefined && origins.has(origin))
      Object.assign(headers, { 'Access-Control-Allow-Origin': origin, Vary: 'Origin' });
    res.writeHead(status, headers).end(JSON.stringify(body));
  };

  const handler = (req, res) => {
    const origin = req.headers.origin;
    const path = new URL(req.url ?? '/', 'http://receiver').pathname;
    if (path !== '/calls') return reply(res, 404, { error: 'not found' }, origin);
    if (req.method === 'OPTIONS') {
      // The adapter's custom headers make browsers send a preflight first.
      if (origin === undefined || !origins.has(origin)) return reply(res, 403, { error: 'origin not allowed' }, origin);
      res.writeHead(204, {
        'Access-Control-Allow-Origin': origin,
        'Access-Control-Allow-Methods': 'POST',
        'Access-Control-Allow-Headers': `Content-Type, ${SIGNATURE}, ${TIMESTAMP}, ${IDEMPOTENCY}`,
        'Access-Control-Max-Age': '600',
        Vary: 'Origin',
      });
      return res.end();
    }
    if (req.method !== 'POST') return reply(res, 405, { error: 'method not allowed' }, origin);
    if (origin !== undefined && !origins.has(origin)) return reply(res, 403, { error: 'origin not allowed' }, origin);
    if (!/^application\/json\b/i.test(req.headers['content-type'] ?? ''))
      return reply(res, 415, { error: 'expected application/json' }, origin);

    const chunks = [];
    let size = 0;
    req.on('data', (chunk) => {
      size += chunk.length;
      if (size > maxBodyBytes) {
        reply(res, 413, { error: 'body too large' }, origin);
        req.destroy();
      } else chunks.push(chunk);
    });
    req.on('end', () => {
      if (res.writableEnded) return;
      const body = Buffer.concat(chunks);
      const problem = verifyRequest({
        secret,
        signature: req.headers[SIGNATURE],
        timestamp: req.headers[TIMESTAMP],
        body,
        nowSeconds: Math.floor(now() / 1000),
        toleranceSeconds,
      });
      if (problem !== null) return reply(res, 401, { error: problem }, origin);
      let payload;
      try {
        payload = JSON.parse(body.toString('utf8'));
      } catch {
        return reply(res, 400, { error: 'body is not JSON' }, origin);
      }
      const key = req.headers[IDEMPOTENCY];
      if (typeof key !== 'string' || key === '' || payload?.key !== key)
        return reply(res, 400, { error: 'Idempotency-Key must equal the body key' }, origin);
      const revision = Number(payload?.call?.revision);
      if (payload?.type !== 'call.log' || !Number.isInteger(revision))
        return reply(res, 422, { error: 'not a call.log payload' }, origin);

      const existing = store.get(key);
      if (existing === undefined) {
        const record = { recordId: randomUUID(), revision, payload };
        store.set(key, record);
        return reply(res, 201, { recordId: record.recordId }, origin);
      }
      // Same key: the same record. An equal or older revision is a replay or a late duplicate.
      if (revision <= existing.revision)
        return reply(res, 200, { recordId: existing.recordId, duplicate: true }, origin);
      store.set(key, { ...existing, revision, payload });
      return reply(res, 200, { recordId: existing.recordId, updated: true }, origin);
    });
  };
  return { handler, store };
}

/** Starts a receiver on `host:port` (port 0 picks a free one); resolves with its URL and `close()`. */
export async function startReceiver({ port = 0, host = '127.0.0.1', ...options }) {
  const { handler, store } = createReceiver(options);
  const server = createServer(handler);
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, resolve);
  });
  const address = server.address();
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${address.port}/calls`;
  return { url, store, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const secret = process.env.WEBHOOK_SECRET ?? '';
  const allowedOrigins = (process.env.ALLOWED_ORIGINS ?? '')
    .split(',')
    .map((o) => o.trim())
    .filter(Boolean);
  startReceiver({
    secret,
    port: Number(process.env.PORT ?? 8787),
    host: process.env.HOST ?? '127.0.0.1',
    allowedOrigins,
  }).then(
    ({ url }) => console.log(`webhook receiver listening on ${url}`),
    (error) => {
      console.error(error.message);
      process.exit(1);
    },
  );
}
