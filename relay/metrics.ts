import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { RelayEventType } from './store/event-store.js';

/** The relay's Prometheus metrics, on a registry of its own (several relays may share a process in tests). */
export interface RelayMetrics {
  readonly registry: Registry;
  /** Events stored for the first time, by `vendor` and `kind`. */
  readonly accepted: Counter<'vendor' | 'kind'>;
  /** Events already stored, acknowledged again, by `vendor` and `kind`. */
  readonly duplicate: Counter<'vendor' | 'kind'>;
  /** Requests refused, by `vendor`, `kind` and `reason` (`token`, `too_large`, `timeout`, `media_type`, `unreadable`, `store_down`). */
  readonly rejected: Counter<'vendor' | 'kind' | 'reason'>;
  /** Stored events that name no agent (kept, not pushed). */
  readonly unrouted: Counter<'vendor' | 'kind'>;
  /** Agent streams open now. */
  readonly openStreams: Gauge;
  /** Seconds a store operation took, by `operation` and `outcome`. */
  readonly storeLatency: Histogram<'operation' | 'outcome'>;
}

/** The `vendor` and `kind` labels of an event type (`voicenter.popup` → voicenter, popup). */
export function labelsOf(type: RelayEventType): { vendor: string; kind: string } {
  const [vendor = '', kind = ''] = type.split('.');
  return { vendor, kind };
}

/** Creates the relay's metrics, with Node's default process metrics (memory, event loop) beside them. */
export function createMetrics(): RelayMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  return {
    registry,
    accepted: new Counter({
      name: 'relay_events_accepted_total',
      help: 'Vendor events stored for the first time.',
      labelNames: ['vendor', 'kind'],
      registers: [registry],
    }),
    duplicate: new Counter({
      name: 'relay_events_duplicate_total',
      help: 'Vendor events already stored, acknowledged again.',
      labelNames: ['vendor', 'kind'],
      registers: [registry],
    }),
    rejected: new Counter({
      name: 'relay_events_rejected_total',
      help: 'Vendor requests refused, by reason.',
      labelNames: ['vendor', 'kind', 'reason'],
      registers: [registry],
    }),
    unrouted: new Counter({
      name: 'relay_events_unrouted_total',
      help: 'Stored vendor events that name no agent (not pushed).',
      labelNames: ['vendor', 'kind'],
      registers: [registry],
    }),
    openStreams: new Gauge({
      name: 'relay_agent_streams_open',
      help: 'Agent event streams open now.',
      registers: [registry],
    }),
    storeLatency: new Histogram({
      name: 'relay_store_operation_seconds',
      help: 'Time a store operation took.',
      labelNames: ['operation', 'outcome'],
      buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers: [registry],
    }),
  };
}
