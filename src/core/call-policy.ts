import * as z from 'zod/mini';

/**
 * The choices an integrator makes about calls, validated once when the bridge is created.
 *
 * - `screenPopOn`: pop the caller's record when the call rings (default) or only once accepted
 *   (agents who take calls from a queue often prefer the latter).
 * - `logRejectedCalls`: which rejected calls get a call log. `passive` (default) logs calls that
 *   rang out as missed, `all` also logs calls the agent declined, `none` logs neither.
 */
export const CallPolicy = z.object({
  screenPopOn: z._default(z.enum(['ring', 'accept']), 'ring'),
  logRejectedCalls: z._default(z.enum(['passive', 'all', 'none']), 'passive'),
});
/** The choices an integrator makes about calls. */
export type CallPolicy = z.infer<typeof CallPolicy>;

/** The defaults of {@link CallPolicy}. */
export const DEFAULT_CALL_POLICY: CallPolicy = { screenPopOn: 'ring', logRejectedCalls: 'passive' };
