/** Seconds → `m:ss`, or `h:mm:ss` past the hour; negative or fractional input is floored at 0. */
export function formatDuration(totalSeconds: number): string {
  const s = Math.max(0, Math.floor(totalSeconds));
  const hours = Math.floor(s / 3600);
  const minutes = Math.floor((s % 3600) / 60);
  const seconds = String(s % 60).padStart(2, '0');
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, '0')}:${seconds}` : `${minutes}:${seconds}`;
}

/** `Maya Okafor (+14155550101)`, or just the number when the caller has no name. */
export function describeParty(name: string | undefined, number: string): string {
  return name === undefined || name === '' ? number : `${name} (${number})`;
}

/** The `code` of a BridgeError (or anything error-like that has one); `UNKNOWN` otherwise. */
export function errorCode(error: unknown): string {
  return typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string'
    ? error.code
    : 'UNKNOWN';
}
