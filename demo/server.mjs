// The demo's static server: `npm start` builds, then runs this file. No dependencies (node:http).
//
// One process, two origins, both on 127.0.0.1 only, so that the softphone really is cross-origin:
//   console   (PORT, default 8080)            /  → demo/console.html, the CRM console hosting the bridge
//   softphone (SOFTPHONE_PORT, default +1)    /  → demo/softphone.html, framed by the console
// Each origin also serves /dist/… (the build) and /<name>.css|svg from demo/; everything else is
// 404. Paths are decoded and resolved inside their root, symlinks followed, so `..` in any
// spelling cannot reach other files. The pages learn each other's origin from the server, which
// fills `{{consoleOrigin}}` and `{{softphoneOrigin}}` in them: taken ports move both, and nothing
// ever needs '*'. Headers per origin: demo/security-headers.mjs. Another loopback name for the same
// port (`http://localhost:8080/`) is redirected to the printed origin (see canonicalLocation).
// The relay runs in the same process (demo/demo-relay.mjs: embedded store in a temporary folder,
// per-run secrets, its agent stream open to the softphone origin only); the softphone origin also
// answers /relay/session and POST /vendor-cloud/… for the Voicenter and Sociomile simulators.
import { createReadStream, existsSync, realpathSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { demoEntries, iifeEntries } from '../scripts/build-entries.mjs';
import { contentTypeOf, resolveMounted } from '../scripts/lib/local-server.mjs';
import { DEMO_AGENT_ID, handleRelayRoute, startDemoRelay } from './demo-relay.mjs';
import { consoleHeaders, softphoneHeaders } from './security-headers.mjs';

const HOST = '127.0.0.1';
const DEFAULT_PORT = 8080;
/** How many ports above the wanted one to try when it is taken. */
const PORT_ATTEMPTS = 20;

const repoRoot = fileURLToPath(new URL('..', import.meta.url));
const demoRoot = join(repoRoot, 'demo');
const distRoot = join(repoRoot, 'dist');

/** What the pages load from dist/: the two demo bundles and the softphone frame's remote client. */
const BUNDLES = [
  ...demoEntries.map((e) => e.output),
  iifeEntries.find((e) => e.input === 'src/remote/iife.ts')?.output ?? 'dist/softphone-bridge.remote.iife.js',
];

/** The message printed (and sent with a 404) when the build is missing. */
export const MISSING_BUNDLE_MESSAGE = `softphone-bridge demo: the build is missing (${BUNDLES.join(', ')}); run \`npm run build\` (or \`npm start\`, which builds first) and reload the page.`;

/**
 * The file a request names on an origin whose page is `page`: `/` is the page, `/dist/…` the
 * build, `/<name>.css|svg` a stylesheet or the icon directly in demo/ (one plain segment).
 * Resolves to `{ file, page }`, or to 400 for a malformed path and 404 for anything else (the
 * server does not say whether a forbidden file exists).
 */
async function resolveRequest(rawUrl, page) {
  let pathname;
  try {
    // Only the path matters; the base is a placeholder. The URL parser already folds `.`/`..`
    // segments (including `%2e%2e`); resolveMounted catches what it leaves, like `..%2f`.
    pathname = decodeURIComponent(new URL(rawUrl ?? '/', 'http://localhost').pathname);
  } catch {
    return 400;
  }
  if (pathname.includes('\0') || pathname.includes('\\')) return 400;
  const isPage = pathname === '/' || pathname === '/index.html';
  let file;
  try {
    if (isPage) file = await resolveMounted({ '/': demoRoot }, `/${page}`);
    else if (/^\/[A-Za-z0-9_-]+\.(?:css|svg)$/.test(pathname)) file = await resolveMounted({ '/': demoRoot }, pathname);
    else if (pathname.startsWith('/dist/')) file = await resolveMounted({ '/dist/': distRoot }, pathname);
  } catch {
    // No dist/ yet, a file that vanished between checks: nothing to serve.
  }
  return file === undefined ? 404 : { file, page: isPage };
}

/** `&`, `<`, `>`, `"` escaped: what goes into an attribute of the page. */
function escapeHtml(text) {
  return text.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** The page with the origins filled in. */
async function renderPage(file, origins) {
  const text = await readFile(file, 'utf8');
  return Buffer.from(text.replace(/\{\{(consoleOrigin|softphoneOrigin)\}\}/g, (_, name) => escapeHtml(origins[name])));
}

function send(req, res, status, body, headers) {
  res.writeHead(status, {
    ...headers,
    'Content-Type': 'text/plain; charset=utf-8',
    'Content-Length': Buffer.byteLength(body),
  });
  res.end(req.method === 'HEAD' ? undefined : body);
}

/** 127.0.0.0/8, `localhost` and its subdomains (RFC 6761), `[::1]`: names that reach this server from this machine. */
function isLoopbackName(hostname) {
  const name = hostname.toLowerCase().replace(/\.$/, '');
  return name === 'localhost' || name.endsWith('.localhost') || name === '[::1]' || /^127(?:\.\d{1,3}){3}$/.test(name);
}

/**
 * Where a request that reached `origin` under another loopback name (`localhost:8080` for
 * `127.0.0.1:8080`) belongs, or undefined when it used the origin's own name. The two pages name
 * each other by origin (CSP frame-src and frame-ancestors, the remote transport's allowed
 * origins), so a console opened as `localhost` could frame nothing: it is sent to the printed URL
 * instead. A name that is not loopback (a port forward) is served as is; the console page then
 * says why its softphone cannot load (demo/console/frame-watchdog.ts).
 */
function canonicalLocation(req, origin) {
  const expected = new URL(origin);
  let asked;
  try {
    asked = new URL(`http://${req.headers.host ?? ''}`);
  } catch {
    return undefined;
  }
  if (asked.host === expected.host || asked.port !== expected.port || !isLoopbackName(asked.hostname)) return undefined;
  // The path only, never an absolute URL from the request: the redirect cannot leave the origin.
  return `${origin}${req.url?.startsWith('/') ? req.url : '/'}`;
}

async function handle(req, res, site, { origins, relay }) {
  const headers = site.headers(origins);
  const location = canonicalLocation(req, origins[site.origin]);
  if (location !== undefined && (req.method === 'GET' || req.method === 'HEAD')) {
    send(req, res, 307, `This demo runs at ${location}\n`, { ...headers, Location: location });
    return;
  }
  if (site.relayRoutes && (await handleRelayRoute(req, res, relay, origins[site.origin], headers))) return;
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    send(req, res, 405, 'Method Not Allowed\n', { ...headers, Allow: 'GET, HEAD' });
    return;
  }
  const found = await resolveRequest(req.url, site.page);
  if (typeof found === 'number') {
    const hint =
      found === 404 && BUNDLES.some((b) => req.url?.startsWith(`/${b}`)) ? `${MISSING_BUNDLE_MESSAGE}\n` : '';
    send(req, res, found, `${found === 400 ? 'Bad Request' : 'Not Found'}\n${hint}`, headers);
    return;
  }
  if (found.page) {
    const body = await renderPage(found.file, origins);
    res.writeHead(200, { ...headers, 'Content-Type': contentTypeOf(found.file), 'Content-Length': body.length });
    res.end(req.method === 'HEAD' ? undefined : body);
    return;
  }
  const info = await stat(found.file);
  res.writeHead(200, { ...headers, 'Content-Type': contentTypeOf(found.file), 'Content-Length': info.size });
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  const stream = createReadStream(found.file);
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

/** Listens on `port`, or on the next free one of the {@link PORT_ATTEMPTS} above it; 0 lets the system pick. Resolves to the port. */
async function listenFrom(server, port) {
  const last = port === 0 ? 0 : Math.min(65535, port + PORT_ATTEMPTS);
  for (let candidate = port; ; candidate += 1) {
    try {
      await listen(server, candidate);
      return server.address().port;
    } catch (error) {
      if (error?.code !== 'EADDRINUSE' || candidate >= last) throw error;
    }
  }
}

function close(server) {
  return new Promise((resolvePromise, reject) => {
    if (!server.listening) return resolvePromise();
    server.close((error) => (error ? reject(error) : resolvePromise()));
    server.closeAllConnections();
  });
}

/** A server for one site; requests wait until both origins and the relay are known. */
function siteServer(site, ready) {
  return createServer((req, res) => {
    ready
      .then((state) => handle(req, res, site, state))
      .catch(() => {
        if (!res.headersSent) send(req, res, 500, 'Internal Server Error\n', {});
        else res.destroy();
      });
  });
}

function checkPort(name, port) {
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new RangeError(`startDemoServer: ${name} must be an integer from 0 to 65535, got ${port}`);
}

/**
 * Starts the demo on 127.0.0.1: the CRM console on `port`, the softphone on `softphonePort`
 * (default: the console's port + 1), and the relay on `relayPort` (default: any free port). A
 * taken console or softphone port makes it try the next ones, up to {@link PORT_ATTEMPTS} above;
 * with `port: 0` the system picks both. `close()` stops all three and removes the relay's
 * temporary folder.
 *
 * @param {{ port?: number, softphonePort?: number, relayPort?: number }} [options] defaults: `PORT`, `SOFTPHONE_PORT` and `DEMO_RELAY_PORT` from the environment, else 8080, the console's + 1 and 0
 * @returns {Promise<{ url: string, port: number, softphoneUrl: string, softphonePort: number, relayUrl: string, relayDataDir: string, agentId: string, close(): Promise<void> }>} `url` is the console's
 */
export async function startDemoServer({
  port = portFromEnv('PORT') ?? DEFAULT_PORT,
  softphonePort = portFromEnv('SOFTPHONE_PORT'),
  relayPort = portFromEnv('DEMO_RELAY_PORT') ?? 0,
} = {}) {
  checkPort('port', port);
  if (softphonePort !== undefined) checkPort('softphonePort', softphonePort);
  checkPort('relayPort', relayPort);
  let start;
  const ready = new Promise((resolvePromise) => (start = resolvePromise));
  const consoleServer = siteServer(
    { page: 'console.html', origin: 'consoleOrigin', headers: (o) => consoleHeaders(o.softphoneOrigin) },
    ready,
  );
  const softphoneServer = siteServer(
    {
      page: 'softphone.html',
      origin: 'softphoneOrigin',
      headers: (o) => softphoneHeaders(o.consoleOrigin, o.relayOrigin),
      relayRoutes: true,
    },
    ready,
  );
  let relay;
  const closeAll = async () => {
    await Promise.all([close(consoleServer), close(softphoneServer)]);
    await relay?.close();
  };
  try {
    const consolePort = await listenFrom(consoleServer, port);
    const phonePort = await listenFrom(
      softphoneServer,
      softphonePort ?? (port === 0 ? 0 : Math.min(65535, consolePort + 1)),
    );
    const softphoneOrigin = `http://${HOST}:${phonePort}`;
    // The softphone page opens the agent stream: its origin, exactly, is the relay's one allowed origin.
    relay = await startDemoRelay({ allowedOrigin: softphoneOrigin, port: relayPort });
    const origins = { consoleOrigin: `http://${HOST}:${consolePort}`, softphoneOrigin, relayOrigin: relay.origin };
    start({ origins, relay });
    return {
      url: `${origins.consoleOrigin}/`,
      port: consolePort,
      softphoneUrl: `${softphoneOrigin}/`,
      softphonePort: phonePort,
      relayUrl: `${relay.origin}/`,
      relayDataDir: relay.dataDir,
      agentId: DEMO_AGENT_ID,
      close: closeAll,
    };
  } catch (error) {
    await closeAll();
    throw error;
  }
}

/** A port from the environment, or undefined when the variable is not set. */
function portFromEnv(name) {
  const text = process.env[name];
  if (text === undefined || text.trim() === '') return undefined;
  const port = Number(text);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new RangeError(`${name} must be an integer from 0 to 65535, got "${text}"`);
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
    if (!BUNDLES.every((b) => existsSync(join(repoRoot, b)))) console.error(MISSING_BUNDLE_MESSAGE);
    const { url, softphoneUrl, relayUrl, close: stop } = await startDemoServer();
    console.log(`softphone-bridge demo: ${url}`);
    console.log(`  (the CRM console; its softphone panel is served from ${softphoneUrl} as a second origin)`);
    console.log(
      `  relay: ${relayUrl} (in this process, embedded store in a temporary folder; the Voicenter and Sociomile`,
    );
    console.log(`  simulators post to it: ${url}?softphone=voicenter, ${url}?softphone=sociomile)`);
    const quit = () => {
      console.log('softphone-bridge demo: stopping (relay shut down, its temporary folder removed)');
      stop().then(
        () => process.exit(0),
        (error) => {
          console.error(
            `softphone-bridge demo: could not stop cleanly: ${error instanceof Error ? error.message : String(error)}`,
          );
          process.exit(1);
        },
      );
    };
    process.once('SIGINT', quit);
    process.once('SIGTERM', quit);
  } catch (error) {
    console.error(`softphone-bridge demo: could not start: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  }
}
