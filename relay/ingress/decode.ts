/** Deepest nesting kept from a vendor JSON body; the vendors' payloads nest 2 levels. */
export const MAX_DEPTH = 16;

/** Keys that would reach an object's prototype when a payload is copied or merged. */
const UNSAFE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** The media types the relay reads, by what they are. */
export type BodyKind = 'json' | 'form' | 'xml';

/** The kind of body a `Content-Type` header announces, or `undefined` for one the relay does not read (415). */
export function bodyKind(contentType: string | null): BodyKind | undefined {
  const type = (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  if (type === 'application/json' || type.endsWith('+json')) return 'json';
  if (type === 'application/x-www-form-urlencoded') return 'form';
  if (type === 'text/xml' || type === 'application/xml') return 'xml';
  return undefined;
}

/**
 * JSON text → a plain copy without `__proto__`/`constructor`/`prototype` keys and no deeper than
 * {@link MAX_DEPTH}; `undefined` when it is not JSON or nests too deep.
 */
export function decodeJson(text: string): unknown {
  try {
    return clean(JSON.parse(text) as unknown, 0);
  } catch {
    return undefined; // not JSON, or nested deeper than MAX_DEPTH
  }
}

function clean(value: unknown, depth: number): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (depth >= MAX_DEPTH) throw new RangeError('too deep');
  if (Array.isArray(value)) return value.map((v) => clean(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) if (!UNSAFE_KEYS.has(key)) out[key] = clean(v, depth + 1);
  return out;
}

/**
 * A query string or form body → an object of its fields (the first value of a repeated field;
 * unsafe keys dropped), as the agent stream shows such a request.
 */
export function decodeForm(text: string | URLSearchParams): Record<string, string> {
  const params = typeof text === 'string' ? new URLSearchParams(text) : text;
  const out: Record<string, string> = {};
  for (const [key, value] of params) if (!UNSAFE_KEYS.has(key) && !(key in out)) out[key] = value;
  return out;
}

/** A short text field of a decoded body (trimmed, ≤ 128 characters), or `undefined`. */
export function textField(record: unknown, key: string): string | undefined {
  if (record === null || typeof record !== 'object' || Array.isArray(record)) return undefined;
  const value = (record as Record<string, unknown>)[key];
  const text =
    typeof value === 'string' ? value.trim() : typeof value === 'number' && Number.isFinite(value) ? String(value) : '';
  return text === '' || text.length > 128 ? undefined : text;
}
