import { configInvalid } from '../errors/index.js';

/**
 * How the outbox retries a failing write. Units are in the names.
 * - `baseDelayMs`: the first retry comes after between half of it and all of it (default 1 s);
 * - `maxDelayMs`: no wait is longer (default 30 s);
 * - `maxAttempts`: after this many failed attempts of the same data the write is dead-lettered
 *   (default 12, about four minutes of a CRM outage; dead letters are kept and can be retried).
 * - `writeTimeoutMs`: an adapter write that has not settled by then counts as failed (default 30 s).
 */
export interface RetryPolicy {
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  readonly maxAttempts: number;
  readonly writeTimeoutMs: number;
}

/** The defaults of {@link RetryPolicy}. */
export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  baseDelayMs: 1_000,
  maxDelayMs: 30_000,
  maxAttempts: 12,
  writeTimeoutMs: 30_000,
};

/** A complete retry policy from a partial one, or a `CONFIG_INVALID` naming the bad option. */
export function resolveRetryPolicy(options: Partial<RetryPolicy> = {}): RetryPolicy {
  const policy: Record<keyof RetryPolicy, number> = { ...DEFAULT_RETRY_POLICY };
  for (const key of Object.keys(policy) as (keyof RetryPolicy)[]) {
    const value = options[key];
    if (value === undefined) continue;
    // Number.isFinite is false for anything that is not a number (no coercion).
    const whole = key === 'maxAttempts';
    if (!Number.isFinite(value) || value < 1 || (whole && !Number.isInteger(value))) {
      throw configInvalid([key], `retry.${key} must be a ${whole ? 'whole ' : ''}number of at least 1.`);
    }
    policy[key] = value;
  }
  return policy;
}

/**
 * The wait before retry number `attempt` (1 = first retry): exponential, capped, with "equal
 * jitter" (half fixed, half random) so that many tabs or agents coming back from the same
 * outage do not retry in lockstep, while no wait is shorter than half the nominal one.
 */
export function retryDelay(
  attempt: number,
  policy: Pick<RetryPolicy, 'baseDelayMs' | 'maxDelayMs'>,
  random: () => number,
): number {
  // A huge exponent makes Infinity, which the cap turns into maxDelayMs.
  const nominal = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(nominal / 2 + (random() * nominal) / 2);
}
