import type * as z from 'zod/mini';
import type { SoftphoneCallback } from './callback-events.js';
import type { softphonePayloads, SoftphoneMethod } from './softphone-payloads.js';
import type { positionalForms } from './spec.js';

/** One of the eight contract methods: `load`, then the seven event methods. */
export type ContractMethod = 'load' | SoftphoneMethod;

/**
 * What a softphone passes to an event method: the payload as the bridge parses it, except that a
 * field with a default (`incomingCall`'s `language`) may be left out.
 */
export type SoftphoneParams<M extends SoftphoneMethod> = {
  [K in keyof Payload<M> as K extends Defaulted<M> ? never : K]: Payload<M>[K];
} & {
  [K in Defaulted<M>]?: Payload<M>[K];
};

type Payload<M extends SoftphoneMethod> = z.output<(typeof softphonePayloads)[M]>;
type Input<M extends SoftphoneMethod> = z.input<(typeof softphonePayloads)[M]>;
/** The named fields of a loose object (its index signature left out). */
type Named<T> = keyof { [K in keyof T as string extends K ? never : number extends K ? never : K]: 0 };
/** The fields a softphone may leave out although the parsed payload always has them: those with a default. */
type Defaulted<M extends SoftphoneMethod> = {
  [K in Named<Payload<M>>]: K extends keyof Input<M>
    ? {} extends Pick<Input<M>, K>
      ? {} extends Pick<Payload<M>, K>
        ? never
        : K
      : never
    : never;
}[Named<Payload<M>>];

/**
 * One event method. Written as a method of a helper type so that, as in an interface, its
 * parameter is compared both ways: a test double or a wrapper that declares the parsed payload
 * (`language` required) still fits.
 */
type EventMethod<M extends SoftphoneMethod> = { call(params: SoftphoneParams<M>): Promise<unknown> }['call'];

/**
 * The eight methods of the Softphone contract, as a softphone calls them, mapped over the spec
 * (spec.ts). A `Bridge` from `createBridge` is one (`class Bridge implements ContractTarget`),
 * and so is a remote client in a softphone frame, so a connector or a softphone panel works the
 * same on either side of a frame and never depends on the core.
 *
 * `load(callback)`: the softphone has loaded; `callback` receives `disposition`, `partner_config`,
 * `update_presence` and `start_call`. Every event method takes its payload (unknown extra fields
 * are kept by the bridge) and returns a Promise that rejects with a `BridgeError` on bad input.
 */
export type ContractTarget = { load(callback: SoftphoneCallback): Promise<void> } & {
  [M in SoftphoneMethod]: EventMethod<M>;
};

/** The arguments of a method's positional form (`positionalForms` in spec.ts), each typed as its field; optional fields stay optional. */
export type PositionalArgs<M extends keyof typeof positionalForms> = FieldsInOrder<
  SoftphoneParams<M>,
  (typeof positionalForms)[M]
>;

type FieldsInOrder<P, Names extends readonly unknown[]> = Names extends readonly [
  infer N extends keyof P,
  ...infer Rest,
]
  ? {} extends Pick<P, N>
    ? [P[N]?, ...FieldsInOrder<P, Rest>]
    : [P[N], ...FieldsInOrder<P, Rest>]
  : [];

/**
 * The contract with the seed's other forms as well: `load` with the name of a global function
 * (the seed types the callback `String`) and `incomingCall`'s positional form. What a softphone
 * page may call on `window.softphoneBridge`: the bridge in the page, or the remote client in a frame.
 */
export type SoftphoneContract = ContractTarget & {
  load(callback: SoftphoneCallback | string): Promise<void>;
  incomingCall(...args: PositionalArgs<'incomingCall'>): Promise<unknown>;
};
