/**
 * Whether `value` is a plain record to read fields from: an object, not `null`, not an array.
 * Configuration and vendor payloads arrive untyped; this is the one check before reading them.
 */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
