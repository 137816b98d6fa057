import type { ContractCall } from '../../src/contract/index.js';

/** What a connector's pure call mapping needs besides the vendor event. */
export interface MappingEnv {
  readonly partnerId: string;
  readonly language: string;
  /** Epoch ms when the event arrived. */
  readonly now: number;
}

/** The outcome of one vendor call event: the call as it now stands (`undefined` once finished) and the contract calls. */
export interface CallStep<Call> {
  readonly call: Call | undefined;
  readonly finished: boolean;
  readonly calls: readonly ContractCall[];
}
