import * as z from 'zod/mini';
import { CallState, IvrContext } from './call-record.js';
import { callbackEvents } from './callback-events.js';
import { softphonePayloads, type SoftphoneMethod, type SoftphonePayload } from './softphone-payloads.js';

/**
 * The Softphone contract (the seed) in one place: what every list, type and compiled schema of the
 * project is derived from. The payload schemas are written field by field in softphone-payloads.ts
 * and callback-events.ts, the stored call in call-record.ts; this module gathers them with the rest
 * of the vocabulary (positional forms, policy choices).
 *
 * Nothing here reaches a script-tag bundle: `scripts/compile-schemas.mjs` reads {@link contractSpec}
 * and writes its lists and compiled schemas as plain data to `compiled-spec.ts`, which the bundles
 * import (and `npm test` fails when that file is stale). Types are inferred from the schemas. To
 * change the contract, change it here (or in the schema it names) and run the generator.
 */

/**
 * The positional forms a method also takes, as the payload fields in argument order. The seed's
 * `incomingCall()` lists its four parameters rather than one `JSONparams`.
 */
export const positionalForms = {
  incomingCall: ['partnerId', 'conversationId', 'callerANI', 'language'],
} as const satisfies { readonly [M in SoftphoneMethod]?: readonly (keyof SoftphonePayload<M> & string)[] };

/** When the CRM shows the caller's record: as the call rings (default) or once it is accepted. */
export const ScreenPopOn = z.enum(['ring', 'accept']);

/**
 * Which rejected calls get a call log: `passive` (default) logs calls that rang out as missed,
 * `all` also logs calls the agent declined, `none` logs neither.
 */
export const LogRejectedCalls = z.enum(['passive', 'all', 'none']);

/** The choices an integrator (or a CRM admin, through an adapter's settings) makes about calls. */
export const callPolicy = {
  screenPopOn: ScreenPopOn,
  logRejectedCalls: LogRejectedCalls,
};

/** The choices an integrator makes about calls; see {@link ScreenPopOn} and {@link LogRejectedCalls}. */
export type CallPolicy = { readonly [K in keyof typeof callPolicy]: z.infer<(typeof callPolicy)[K]> };

/**
 * The whole contract, as the generator reads it: the eight methods are `load(callback)` and the
 * seven `methods` (in the seed's order, each with its payload schema); `load`'s callback takes the
 * four `callbackEvents`. Call states, IVR fields and policy choices are the vocabulary of the
 * stored call and of the bridge's options.
 */
export const contractSpec = {
  methods: softphonePayloads,
  positionalForms,
  callbackEvents,
  callStates: CallState,
  ivr: IvrContext,
  policy: callPolicy,
};
