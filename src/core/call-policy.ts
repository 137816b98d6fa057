import { POLICY_CHOICES } from '../contract/compiled-spec.js';
import type { CallPolicy } from '../contract/spec.js';
import { configInvalid } from '../errors/index.js';

/**
 * The choices an integrator makes about calls: their vocabulary is the contract's (`callPolicy`
 * in src/contract/spec.ts), so that adapters' settings and the bridge's options share it.
 *
 * - `screenPopOn`: pop the caller's record when the call rings (default) or only once accepted
 *   (agents who take calls from a queue often prefer the latter).
 * - `logRejectedCalls`: which rejected calls get a call log. `passive` (default) logs calls that
 *   rang out as missed, `all` also logs calls the agent declined, `none` logs neither.
 */
export type { CallPolicy };

/** The defaults of {@link CallPolicy}. */
export const DEFAULT_CALL_POLICY: CallPolicy = { screenPopOn: 'ring', logRejectedCalls: 'passive' };

/**
 * A complete policy from a partial one, or a `CONFIG_INVALID` naming the bad option. Plain code
 * rather than a schema: this runs once per bridge, and every byte of the bundle counts.
 */
export function resolveCallPolicy(
  options: Partial<CallPolicy> = {},
  base: CallPolicy = DEFAULT_CALL_POLICY,
): CallPolicy {
  const policy: Record<string, string> = { ...base };
  for (const key of Object.keys(POLICY_CHOICES) as (keyof CallPolicy)[]) {
    const value = options[key];
    if (value === undefined) continue;
    if (!(POLICY_CHOICES[key] as readonly string[]).includes(value)) {
      throw configInvalid([key], `policy.${key} must be one of ${POLICY_CHOICES[key].join(', ')}.`);
    }
    policy[key] = value;
  }
  return policy as unknown as CallPolicy;
}
