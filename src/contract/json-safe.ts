/**
 * Keys that must never be copied from foreign input: assigning them on a plain object changes
 * its prototype, which is how prototype-pollution attacks start. Nor are they followed in a
 * global function's name (resolve-callback.ts).
 */
export const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

/** How deep extra fields may nest before the rest is dropped. */
const MAX_DEPTH = 6;

/** How many keys or items one object or array may keep. */
const MAX_ENTRIES = 200;

/**
 * Copies a value into a plain, JSON-safe structure: strings, finite numbers, booleans, null,
 * arrays and plain objects, bounded in depth and width. Anything else (functions, symbols,
 * class instances, cycles, `__proto__` keys) is dropped.
 *
 * The bridge stores every payload durably (IndexedDB structured clone) and hands it to CRM
 * adapters and other frames; a function inside an extra field would make that store fail and a
 * `__proto__` key would be an attack. Dropping them keeps the rest of the event.
 */
export function toJsonSafe(value: unknown, depth = 0, seen: WeakSet<object> = new WeakSet()): unknown {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value !== 'object' || depth >= MAX_DEPTH || seen.has(value)) return undefined;
  seen.add(value);
  if (Array.isArray(value)) {
    const items: unknown[] = [];
    for (const item of value.slice(0, MAX_ENTRIES)) {
      const safe = toJsonSafe(item, depth + 1, seen);
      if (safe !== undefined) items.push(safe);
    }
    return items;
  }
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return undefined;
  const copy: Record<string, unknown> = {};
  let kept = 0;
  for (const key of Object.keys(value)) {
    if (kept >= MAX_ENTRIES) break;
    if (FORBIDDEN_KEYS.has(key)) continue;
    const safe = toJsonSafe((value as Record<string, unknown>)[key], depth + 1, seen);
    if (safe === undefined) continue;
    copy[key] = safe;
    kept += 1;
  }
  return copy;
}
