// The relay inside `npm start` (issue 13): the built relay (dist/relay/index.js) on its embedded
// store in a fresh temporary folder, on 127.0.0.1, with secrets generated for this run only. The
// demo server answers two kinds of requests of the softphone page with it:
//   GET  /relay/session                 the agent's stream: { url, agentId, token } (a fresh token)
//   POST /vendor-cloud/<vendor>/<kind>  the body, unchanged, posted to the relay's ingress
// The second plays the vendor's cloud: Voicenter and Sociomile post to "your server" server to
// server (no CORS, a secret path token), so the page cannot post to the ingress itself; the
// demo server does it for the page, and the page hears the event back on its agent stream.
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The demo's one agent: the Voicenter extension user and the Sociomile `extra_params.agent`. */
export const DEMO_AGENT_ID = 'demo-agent';

/** The ingress paths the page may have posted for it (the relay's own, after `/v1/in/<token>/`). */
export const VENDOR_CLOUD_PATHS = Object.freeze(['voicenter/popup', 'voicenter/cdr', 'sociomile/webhook']);

/** Agent tokens handed to the page live this long; the page asks again when the relay refuses one. */
const TOKEN_TTL_MS = 8 * 60 * 60 * 1000;
/** The relay refuses bodies over 256 KiB with 413; the demo server stops reading a little later. */
const MAX_FORWARD_BYTES = 256 * 1024 + 1;

/**
 * Starts the relay for the demo. `allowedOrigin` is the one page origin that opens the agent
 * stream (the softphone's), never '*'. `port` 0 takes any free port.
 *
 * @param {{ allowedOrigin: string, port?: number }} options
 * @returns {Promise<{ origin: string, dataDir: string, agentToken(): string, forward(path: string, body: Buffer, contentType: string | undefined): Promise<Response>, close(): Promise<void> }>}
 */
export async function startDemoRelay({ allowedOrigin, port = 0 }) {
  // Imported here, not at the top, so that a missing build is said in one sentence.
  const { createRelay, createStore, loadConfig, mintToken, silentLog } = await import('../dist/relay/index.js').catch(
    (error) => {
      throw new Error(
        `the relay build is missing (dist/relay/index.js: ${error.code ?? error.message}); run \`npm run build\` (or \`npm start\`, which builds first)`,
      );
    },
  );
  const dataDir = await mkdtemp(join(tmpdir(), 'sb-demo-relay-'));
  let relay;
  try {
    const config = loadConfig({
      RELAY_HOST: '127.0.0.1',
      RELAY_PORT: String(port),
      RELAY_DATA_DIR: dataDir,
      // Per run, never printed: the page gets tokens from the demo server, the vendor cloud is the demo server.
      RELAY_SECRET: randomBytes(32).toString('base64url'),
      RELAY_INGRESS_TOKEN: randomBytes(24).toString('base64url'),
      RELAY_ALLOWED_ORIGINS: allowedOrigin,
    });
    const store = await createStore(config, silentLog);
    relay = createRelay({ config, store, log: silentLog, shutdownGraceMs: 2_000 });
    const address = await relay.listen();
    const origin = `http://127.0.0.1:${address.port}`;
    const ingress = `${origin}/v1/in/${config.ingressToken}/`;
    return {
      origin,
      dataDir,
      agentToken: () => mintToken(config.secret, DEMO_AGENT_ID, Date.now() + TOKEN_TTL_MS),
      forward: (path, body, contentType) =>
        fetch(new URL(path, ingress), {
          method: 'POST',
          body,
          headers: contentType === undefined ? {} : { 'content-type': contentType },
          signal: AbortSignal.timeout(5_000),
        }),
      async close() {
        await relay.close();
        await rm(dataDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await relay?.close().catch(() => undefined);
    await rm(dataDir, { recursive: true, force: true });
    throw error;
  }
}

/**
 * Answers the softphone origin's relay routes (see the top of this file); resolves to false for
 * any other request, which the static server then handles.
 *
 * @param {import('node:http').IncomingMessage} req
 * @param {import('node:http').ServerResponse} res
 * @param {Awaited<ReturnType<typeof startDemoRelay>>} relay
 * @param {string} pageOrigin the softphone's origin: the only one whose posts are forwarded
 * @param {Record<string, string>} headers the origin's security headers
 */
export async function handleRelayRoute(req, res, relay, pageOrigin, headers) {
  const path = new URL(req.url ?? '/', 'http://localhost').pathname;
  if (path === '/relay/session') {
    if (req.method !== 'GET') return reply(res, 405, { error: 'GET only' }, { ...headers, Allow: 'GET' });
    return reply(res, 200, { url: `${relay.origin}/`, agentId: DEMO_AGENT_ID, token: relay.agentToken() }, headers);
  }
  const vendorPath = path.startsWith('/vendor-cloud/') ? path.slice('/vendor-cloud/'.length) : undefined;
  if (vendorPath === undefined) return false;
  if (!VENDOR_CLOUD_PATHS.includes(vendorPath)) return reply(res, 404, { error: 'not found' }, headers);
  if (req.method !== 'POST') return reply(res, 405, { error: 'POST only' }, { ...headers, Allow: 'POST' });
  // Only the demo's own page: a post from elsewhere (a form on another site) is not the vendor.
  if (req.headers.origin !== pageOrigin)
    return reply(res, 403, { error: 'posts come from the softphone page only' }, headers);
  const body = await readBody(req);
  if (body === undefined) return reply(res, 413, { error: 'body too large' }, headers);
  let answer;
  try {
    answer = await relay.forward(vendorPath, body, req.headers['content-type']);
  } catch (error) {
    return reply(
      res,
      502,
      { error: `the relay did not answer: ${error instanceof Error ? error.message : 'unknown error'}` },
      headers,
    );
  }
  // The relay's answer, as the vendor cloud would receive it: status, type and body unchanged.
  const text = Buffer.from(await answer.arrayBuffer());
  res.writeHead(answer.status, {
    ...headers,
    'Content-Type': answer.headers.get('content-type') ?? 'text/plain; charset=utf-8',
    'Content-Length': text.length,
  });
  res.end(text);
  return true;
}

/** The request body, or undefined once it passes {@link MAX_FORWARD_BYTES}. */
async function readBody(req) {
  const chunks = [];
  let size = 0;
  for await (const chunk of req) {
    size += chunk.length;
    if (size > MAX_FORWARD_BYTES) return undefined;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

function reply(res, status, value, headers) {
  const body = JSON.stringify(value);
  res.writeHead(status, {
    ...headers,
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(body),
  });
  res.end(body);
  return true;
}
