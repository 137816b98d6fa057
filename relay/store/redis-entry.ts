import type { NewRelayEvent, RelayEvent, RelayEventType } from './event-store.js';

/** Field names of a stream entry. Short, because every event carries them. */
const F = { type: 'type', agent: 'agent', receivedAt: 'at', dedupeKey: 'key', body: 'body' } as const;

const TYPES: ReadonlySet<string> = new Set<RelayEventType>(['voicenter.popup', 'voicenter.cdr', 'sociomile.call']);

/**
 * The field/value list XADD stores for `event`. `agent` is left out for an unrouted event, so that
 * null and any string id stay distinct. The body is JSON text.
 */
export function encodeEntry(event: NewRelayEvent): string[] {
  const fields: string[] = [F.type, event.type];
  if (event.agentId !== null) fields.push(F.agent, event.agentId);
  fields.push(
    F.receivedAt,
    String(event.receivedAt),
    F.dedupeKey,
    event.dedupeKey,
    F.body,
    JSON.stringify(event.body ?? null),
  );
  return fields;
}

/**
 * The RelayEvent of a stream entry as Redis returns it (RESP2: id and a flat field/value list).
 * Throws when the entry was not written by this store (a foreign writer under our prefix).
 */
export function decodeEntry(id: string, flat: readonly string[]): RelayEvent {
  const fields = new Map<string, string>();
  for (let i = 0; i + 1 < flat.length; i += 2) fields.set(flat[i]!, flat[i + 1]!);
  const type = fields.get(F.type);
  const receivedAt = Number(fields.get(F.receivedAt));
  const body = fields.get(F.body);
  if (type === undefined || !TYPES.has(type) || !Number.isFinite(receivedAt) || body === undefined) {
    throw new Error(
      `redis store: stream entry ${id} is not a relay event (missing or unknown type, receivedAt or body)`,
    );
  }
  return {
    id,
    type: type as RelayEventType,
    agentId: fields.get(F.agent) ?? null,
    receivedAt,
    body: JSON.parse(body) as unknown,
  };
}

/** Stream ids as Redis writes them: `<ms>-<seq>`. */
export const STREAM_ID = /^\d{1,20}-\d{1,20}$/;
