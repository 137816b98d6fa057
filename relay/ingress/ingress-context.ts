import type { RelayLog } from '../log.js';
import { labelsOf, type RelayMetrics } from '../metrics.js';
import type { EventStore, NewRelayEvent, RelayEvent, RelayEventType } from '../store/event-store.js';

/** What every ingress handler works with. */
export interface IngressContext {
  readonly store: EventStore;
  readonly metrics: RelayMetrics;
  readonly log: RelayLog;
  /** Largest body taken (bytes). */
  readonly maxBodyBytes: number;
  /** How long a body may take to arrive (ms). */
  readonly bodyTimeoutMs: number;
  /** `RELAY_LOOKUP_URL`, if set. */
  readonly lookupUrl: string | undefined;
  /** How long the pop-up waits for the lookup (ms), within Voicenter's 1.5 s. */
  readonly lookupBudgetMs: number;
  /** The clock (epoch ms). */
  readonly now: () => number;
}

/** The outcome of {@link storeEvent}. */
export type StoreOutcome =
  { readonly ok: true; readonly event: RelayEvent; readonly duplicate: boolean } | { readonly ok: false };

/**
 * Appends one vendor event and counts it (accepted, duplicate, unrouted, or rejected because the
 * store is down). Resolves only after the store says it is durable: the caller acknowledges on
 * `ok: true` and answers 503 on `ok: false`.
 */
export async function storeEvent(ctx: IngressContext, event: NewRelayEvent): Promise<StoreOutcome> {
  const labels = labelsOf(event.type);
  const started = performance.now();
  try {
    const result = await ctx.store.append(event);
    ctx.metrics.storeLatency.observe({ operation: 'append', outcome: 'ok' }, (performance.now() - started) / 1000);
    if (result.duplicate) ctx.metrics.duplicate.inc(labels);
    else {
      ctx.metrics.accepted.inc(labels);
      if (result.event.agentId === null) ctx.metrics.unrouted.inc(labels);
    }
    return { ok: true, event: result.event, duplicate: result.duplicate };
  } catch (error) {
    ctx.metrics.storeLatency.observe({ operation: 'append', outcome: 'error' }, (performance.now() - started) / 1000);
    ctx.metrics.rejected.inc({ ...labels, reason: 'store_down' });
    ctx.log.error('store append failed; answering 503', { type: event.type, error: (error as Error).message });
    return { ok: false };
  }
}

/** Counts a refused request. */
export function countRejected(ctx: IngressContext, type: RelayEventType, reason: string): void {
  ctx.metrics.rejected.inc({ ...labelsOf(type), reason });
}
