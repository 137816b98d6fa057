import * as z from 'zod/mini';

/**
 * How the outbox retries a failing write. Units are in the names.
 * - `baseDelayMs`: the first retry comes after between half of it and all of it (default 1 s);
 * - `maxDelayMs`: no wait is longer (default 30 s);
 * - `maxAttempts`: after this many failed attempts of the same data the write is dead-lettered
 *   (default 12, about four minutes of a CRM outage; dead letters are kept and can be retried).
 * - `writeTimeoutMs`: an adapter write that has not settled by then counts as failed (default 30 s).
 */
export const RetryPolicy = z.object({
  baseDelayMs: z._default(z.number().check(z.gte(1)), 1_000),
  maxDelayMs: z._default(z.number().check(z.gte(1)), 30_000),
  maxAttempts: z._default(z.int().check(z.gte(1)), 12),
  writeTimeoutMs: z._default(z.number().check(z.gte(1)), 30_000),
});
/** How the outbox retries a failing write. */
export type RetryPolicy = z.infer<typeof RetryPolicy>;

/**
 * The wait before retry number `attempt` (1 = first retry): exponential, capped, with "equal
 * jitter" (half fixed, half random) so that many tabs or agents coming back from the same
 * outage do not retry in lockstep, while no wait is shorter than half the nominal one.
 */
export function retryDelay(attempt: number, policy: Pick<RetryPolicy, 'baseDelayMs' | 'maxDelayMs'>, random: () => number): number {
  const exponent = Math.max(0, attempt - 1);
  const nominal = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.min(exponent, 30));
  return Math.round(nominal / 2 + (random() * nominal) / 2);
}
