import { configInvalid } from '../errors/index.js';

/**
 * The choices an integrator makes about calls.
 *
 * - `screenPopOn`: pop the caller's record when the call rings (default) or only once accepted
 *   (agents who take calls from a queue often prefer the latter).
 * - `logRejectedCalls`: which rejected calls get a call log. `passive` (default) logs calls that
 *   rang out as missed, `all` also logs calls the agent declined, `none` logs neither.
 */
export interface CallPolicy {
  readonly screenPopOn: 'ring' | 'accept';
  readonly logRejectedCalls: 'passive' | 'all' | 'none';
}

/** The defaults of {@link CallPolicy}. */
export const DEFAULT_CALL_POLICY: CallPolicy = { screenPopOn: 'ring', logRejectedCalls: 'passive' };

const CHOICES: { readonly [K in keyof CallPolicy]: readonly CallPolicy[K][] } = {
  screenPopOn: ['ring', 'accept'],
  logRejectedCalls: ['passive', 'all', 'none'],
};

/**
 * A complete policy from a partial one, or a `CONFIG_INVALID` naming the bad option. Plain code
 * rather than a schema: this runs once per bridge, and every byte of the bundle counts.
 */
export function resolveCallPolicy(options: Partial<CallPolicy> = {}, base: CallPolicy = DEFAULT_CALL_POLICY): CallPolicy {
  const policy: Record<string, string> = { ...base };
  for (const key of Object.keys(CHOICES) as (keyof CallPolicy)[]) {
    const value = options[key];
    if (value === undefined) continue;
    if (!(CHOICES[key] as readonly string[]).includes(value)) {
      throw configInvalid([key], `policy.${key} must be one of ${CHOICES[key].join(', ')}.`);
    }
    policy[key] = value;
  }
  return policy as unknown as CallPolicy;
}
