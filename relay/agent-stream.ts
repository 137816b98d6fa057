import type { RelayLog } from './log.js';
import { labelsOf, type RelayMetrics } from './metrics.js';
import { checkOrigin } from './origins.js';
import type { EventStore, RelayEvent } from './store/event-store.js';
import { isAgentId, verifyToken } from './tokens.js';

/** Events read from the store per page while replaying. */
const REPLAY_PAGE = 500;
/** Bytes a slow client may leave unread before its stream is closed (it resumes from its last id). */
const MAX_UNREAD_BYTES = 1024 * 1024;
/** Resume ids as stores give them (embedded: digits; Redis: `ms-seq`). */
const EVENT_ID = /^[0-9A-Za-z._:-]{1,64}$/;

/** What the agent stream needs. */
export interface AgentStreamDeps {
  readonly store: EventStore;
  readonly metrics: RelayMetrics;
  readonly log: RelayLog;
  readonly secret: string;
  readonly allowedOrigins: readonly string[];
  /** Interval of the `: ping` comment (≤ 15 s). */
  readonly heartbeatMs: number;
  readonly now: () => number;
  /** The open streams, each with how to end it (graceful shutdown ends them all). */
  readonly open: Set<() => void>;
}

/** The JSON of one SSE `data:` line (issue 13). */
export interface AgentStreamData {
  readonly id: string;
  readonly vendor: string;
  readonly kind: string;
  readonly agentId: string | null;
  readonly receivedAt: number;
  readonly body: unknown;
}

/** The SSE message of one event: `id:`, `event:`, one `data:` line of JSON. */
export function sseMessage(event: RelayEvent): string {
  const data: AgentStreamData = {
    id: event.id,
    ...labelsOf(event.type),
    agentId: event.agentId,
    receivedAt: event.receivedAt,
    body: event.body,
  };
  return `id: ${event.id}\nevent: ${event.type}\ndata: ${JSON.stringify(data)}\n\n`;
}

/**
 * `GET /v1/agents/<agentId>/events`: the agent's events as Server-Sent Events. Checks the origin
 * (403), the token (401 missing/forged/expired, 403 another agent's), then replays what the store
 * holds after `Last-Event-ID` (or `?lastEventId=`; none = only new events) and goes on live. The
 * live subscription starts before the replay, and events it brings during the replay are sent after
 * it, skipping those the replay already sent: no gap, no duplicate. A `: ping` comment is sent every
 * `heartbeatMs`.
 */
export async function agentStream(deps: AgentStreamDeps, request: Request, agentId: string): Promise<Response> {
  const origin = checkOrigin(request.headers.get('origin'), deps.allowedOrigins);
  if (!origin.ok)
    return Response.json({ error: 'this browser origin is not in RELAY_ALLOWED_ORIGINS' }, { status: 403 });
  const json = (status: number, error: string, extra: Record<string, string> = {}): Response =>
    Response.json({ error }, { status, headers: { ...origin.headers, ...extra } });
  if (!isAgentId(agentId)) return json(404, 'no such agent id (letters, digits, ".", "_", "@", "+", "-"; at most 128)');
  const url = new URL(request.url);
  const bearer = /^Bearer\s+(\S+)$/i.exec(request.headers.get('authorization') ?? '')?.[1];
  const check = verifyToken(deps.secret, bearer ?? url.searchParams.get('token') ?? undefined, agentId, deps.now());
  if (!check.ok) return json(check.status, check.reason, check.status === 401 ? { 'www-authenticate': 'Bearer' } : {});
  const resume = request.headers.get('last-event-id') ?? url.searchParams.get('lastEventId') ?? undefined;
  if (resume !== undefined && !EVENT_ID.test(resume))
    return json(400, 'Last-Event-ID is not an event id of this relay');
  // Well formed but another store's (a relay moved from the embedded store to Redis, or a client
  // that kept the id of another relay): refused here, before the 200, not by a stream that opens
  // and closes at once, which EventSource would retry with the same id forever.
  if (resume !== undefined && !deps.store.isEventId(resume)) {
    return json(
      400,
      "Last-Event-ID is not an event id of this relay's store (an id from another relay or store?): reconnect without it for new events, or with lastEventId=0 for every retained one",
    );
  }

  const encoder = new TextEncoder();
  let end: () => void = () => undefined;
  const stream = new ReadableStream<Uint8Array>(
    {
      start(controller) {
        let closed = false;
        let live = false;
        const buffered: RelayEvent[] = [];
        const sent = new Set<string>();
        const write = (text: string): void => {
          if (closed) return;
          if ((controller.desiredSize ?? 0) < -MAX_UNREAD_BYTES) {
            deps.log.warn('agent stream closed: the client is not reading', { agentId });
            end();
            return;
          }
          controller.enqueue(encoder.encode(text));
        };
        const unsubscribe = deps.store.subscribe(agentId, (event) => {
          if (live) write(sseMessage(event));
          else buffered.push(event);
        });
        const heartbeat = setInterval(() => write(': ping\n\n'), deps.heartbeatMs);
        end = () => {
          if (closed) return;
          closed = true;
          clearInterval(heartbeat);
          unsubscribe();
          deps.open.delete(end);
          deps.metrics.openStreams.dec();
          try {
            controller.close();
          } catch {
            // Already closed by the client going away.
          }
        };
        deps.open.add(end);
        deps.metrics.openStreams.inc();
        write('retry: 3000\n: connected\n\n');
        void (async () => {
          try {
            if (resume !== undefined) {
              let after: string | undefined = resume;
              for (;;) {
                const page = await deps.store.readAfter(agentId, after, REPLAY_PAGE);
                for (const event of page) {
                  sent.add(event.id);
                  write(sseMessage(event));
                }
                if (page.length < REPLAY_PAGE || closed) break;
                after = page[page.length - 1]?.id;
              }
            }
            for (const event of buffered) if (!sent.has(event.id)) write(sseMessage(event));
            buffered.length = 0;
            sent.clear();
            live = true;
          } catch (error) {
            deps.log.error('agent stream replay failed; closing it (the client resumes)', {
              agentId,
              error: (error as Error).message,
            });
            end();
          }
        })();
      },
      cancel() {
        end();
      },
    },
    new ByteLengthQueuingStrategy({ highWaterMark: 64 * 1024 }),
  ); // desiredSize in bytes: the unread-bytes bound above
  request.signal.addEventListener('abort', () => end(), { once: true });
  return new Response(stream, {
    status: 200,
    headers: {
      ...origin.headers,
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      'x-accel-buffering': 'no',
    },
  });
}
