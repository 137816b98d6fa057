/** Whole seconds between two epoch-millisecond times, never negative, at most a week (the contract's bound). */
export function secondsBetween(from: number, to: number): number {
  return Math.min(604_800, Math.max(0, Math.round((to - from) / 1000)));
}

/** Epoch milliseconds from a vendor timestamp in seconds or milliseconds (10 vs 13 digits). */
export function epochMs(value: number | undefined): number | undefined {
  if (value === undefined || value <= 0) return undefined;
  return value < 1e12 ? value * 1000 : value;
}
