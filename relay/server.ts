import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { agentStream } from './agent-stream.js';
import type { ReadyRelayConfig } from './config.js';
import { MAX_BODY_BYTES } from './http/read-body.js';
import type { IngressContext } from './ingress/ingress-context.js';
import { isIngressToken } from './ingress/ingress-token.js';
import { sociomileWebhook } from './ingress/sociomile-webhook.js';
import { voicenterCdr } from './ingress/voicenter-cdr.js';
import { voicenterPopup } from './ingress/voicenter-popup.js';
import { silentLog, type RelayLog } from './log.js';
import { createMetrics, type RelayMetrics } from './metrics.js';
import { checkOrigin } from './origins.js';
import type { EventStore } from './store/event-store.js';

/** What {@link createRelay} takes. */
export interface RelayOptions {
  readonly config: ReadyRelayConfig;
  readonly store: EventStore;
  readonly log?: RelayLog;
  /** Interval of the agent stream's `: ping` (default 15,000 ms; the upper bound). */
  readonly heartbeatMs?: number;
  /** How long a vendor body may take to arrive (default 10,000 ms). */
  readonly bodyTimeoutMs?: number;
  /** How long the pop-up waits for the caller lookup (default 1,000 ms). */
  readonly lookupBudgetMs?: number;
  /** How long graceful shutdown waits for in-flight requests (default 10,000 ms). */
  readonly shutdownGraceMs?: number;
  /** The clock (epoch ms); tests move it. */
  readonly now?: () => number;
}

/** A relay: its Hono app (usable without a socket), and the HTTP server once listening. */
export interface Relay {
  readonly app: Hono;
  readonly metrics: RelayMetrics;
  /** Starts listening on `config.host`:`config.port`; resolves with the bound address. */
  listen(): Promise<{ readonly host: string; readonly port: number }>;
  /**
   * Graceful shutdown: stops accepting connections, lets in-flight requests finish (up to the
   * grace period), ends every agent stream (clients resume elsewhere or later), then closes the store.
   */
  close(): Promise<void>;
}

const VENDOR_ROUTES = [
  '/v1/in/:token/voicenter/popup',
  '/v1/in/:token/voicenter/cdr',
  '/v1/in/:token/sociomile/webhook',
] as const;

/** Builds the relay's HTTP surface (issue 13, "Public surface") on `store`. */
export function createRelay(options: RelayOptions): Relay {
  const { config, store } = options;
  const log = options.log ?? silentLog;
  const now = options.now ?? Date.now;
  const metrics = createMetrics();
  const openStreams = new Set<() => void>();
  let stopping = false;
  const ingress: IngressContext = {
    store,
    metrics,
    log,
    maxBodyBytes: MAX_BODY_BYTES,
    bodyTimeoutMs: options.bodyTimeoutMs ?? 10_000,
    lookupUrl: config.lookupUrl,
    lookupBudgetMs: options.lookupBudgetMs ?? 1_000,
    now,
  };

  const app = new Hono();
  // Requests whose handler has not answered yet: shutdown waits for these, not for open streams
  // (an agent stream's handler answers at once; its body goes on until the stream ends).
  let inFlight = 0;
  app.use('*', async (_c, next) => {
    inFlight++;
    try {
      await next();
    } finally {
      inFlight--;
    }
  });
  app.get('/healthz', (c) => c.json({ ok: true }));
  app.get('/readyz', async (c) => {
    if (stopping) return c.json({ ok: false, reason: 'shutting down' }, 503);
    const started = performance.now();
    try {
      await withTimeout(store.ping(), 2_000);
      metrics.storeLatency.observe({ operation: 'ping', outcome: 'ok' }, (performance.now() - started) / 1000);
      return c.json({ ok: true });
    } catch (error) {
      metrics.storeLatency.observe({ operation: 'ping', outcome: 'error' }, (performance.now() - started) / 1000);
      return c.json({ ok: false, reason: `store unreachable: ${(error as Error).message}` }, 503);
    }
  });
  app.get('/metrics', async (c) =>
    c.body(await metrics.registry.metrics(), 200, { 'content-type': metrics.registry.contentType }),
  );

  // A wrong ingress token answers 404, as if the path did not exist, before the body is read.
  for (const route of VENDOR_ROUTES) {
    app.use(route, async (c, next) => {
      if (!isIngressToken(config.ingressToken, c.req.param('token') ?? '')) {
        const [, , , , vendor = '', kind = ''] = new URL(c.req.url).pathname.split('/');
        metrics.rejected.inc({ vendor, kind: kind === 'webhook' ? 'call' : kind, reason: 'token' });
        return c.json({ error: 'not found' }, 404);
      }
      return next();
    });
  }
  app.on(['GET', 'POST'], VENDOR_ROUTES[0], (c) => voicenterPopup(ingress, c.req.raw));
  app.post(VENDOR_ROUTES[1], (c) => voicenterCdr(ingress, c.req.raw));
  app.post(VENDOR_ROUTES[2], (c) => sociomileWebhook(ingress, c.req.raw));

  const streamDeps = {
    store,
    metrics,
    log,
    secret: config.secret,
    allowedOrigins: config.allowedOrigins,
    heartbeatMs: Math.min(options.heartbeatMs ?? 15_000, 15_000),
    now,
    open: openStreams,
  };
  app.get('/v1/agents/:agentId/events', (c) => {
    if (stopping) return c.json({ error: 'shutting down' }, 503);
    return agentStream(streamDeps, c.req.raw, c.req.param('agentId'));
  });
  // Preflight for browsers that send the token in an Authorization header (fetch-based clients).
  app.options('/v1/agents/:agentId/events', (c) => {
    const origin = checkOrigin(c.req.header('origin') ?? null, config.allowedOrigins);
    if (!origin.ok) return c.body(null, 403);
    return c.body(null, 204, {
      ...origin.headers,
      'access-control-allow-methods': 'GET',
      'access-control-allow-headers': 'Authorization, Last-Event-ID',
      'access-control-max-age': '600',
    });
  });
  app.notFound((c) => c.json({ error: 'not found' }, 404));
  app.onError((error, c) => {
    // The ingress token is part of the path: never logged.
    log.error('unhandled error', {
      path: new URL(c.req.url).pathname.replace(/^\/v1\/in\/[^/]*/, '/v1/in/<token>'),
      error: error.message,
    });
    return c.json({ error: 'internal error' }, 500);
  });

  let server: Server | undefined;
  return {
    app,
    metrics,
    listen() {
      return new Promise((resolve, reject) => {
        const s = serve({ fetch: app.fetch, hostname: config.host, port: config.port }, (info: AddressInfo) =>
          resolve({ host: info.address, port: info.port }),
        ) as Server;
        s.once('error', reject);
        // Second fence behind readBody's deadline: Node itself drops requests whose headers or
        // body take too long. Agent streams are responses, which these limits do not cut.
        s.headersTimeout = 10_000;
        s.requestTimeout = 30_000;
        s.keepAliveTimeout = 5_000;
        server = s;
      });
    },
    async close() {
      if (stopping) return;
      stopping = true;
      for (const end of [...openStreams]) end();
      if (server !== undefined) {
        const s = server;
        await new Promise<void>((resolve) => {
          // Keep-alive connections go idle once their request is answered: close them as they do.
          // Once no handler is running, whatever is left (a stream a client stopped reading but
          // did not disconnect) is closed too.
          const sweep = setInterval(() => (inFlight === 0 ? s.closeAllConnections() : s.closeIdleConnections()), 50);
          const grace = setTimeout(() => {
            s.closeAllConnections();
            clearInterval(sweep);
            resolve();
          }, options.shutdownGraceMs ?? 10_000);
          s.close(() => {
            clearTimeout(grace);
            clearInterval(sweep);
            resolve();
          });
          s.closeIdleConnections();
        });
      }
      await store.close();
    },
  };
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return Promise.race([
    promise,
    new Promise<T>((_, reject) => (timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms))),
  ]).finally(() => clearTimeout(timer));
}
