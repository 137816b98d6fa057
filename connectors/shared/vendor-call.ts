import type { ContractCall } from '../../src/contract/index.js';
import type { MappingEnv } from './call-step.js';
import { secondsBetween } from './time.js';

/** Which way a vendor call goes. */
export type CallDirection = 'inbound' | 'outbound';

/** Where a vendor call stands until it finishes: ringing in, dialing out, or answered. */
export type CallPhase = 'ringing' | 'dialing' | 'connected';

/**
 * What a connector remembers of one open vendor call, whatever the vendor. Each connector adds
 * its own id field (Sobot's `callId`, Voicenter's `ivrId`), which is the `conversationId`.
 */
export interface VendorCall {
  readonly direction: CallDirection;
  /** The customer's number; `''` while unknown (withheld, or not in the first message). */
  readonly number: string;
  readonly phase: CallPhase;
  /** When it was answered (epoch ms), for the duration. */
  readonly answeredAt: number | undefined;
}

/**
 * The contract side of a vendor call: the phase machine and the contract calls each move makes,
 * written once for every connector. A connector keeps only its table of vendor event → move.
 *
 * | move | contract |
 * |---|---|
 * | {@link open} / {@link learnNumber} inbound | `incomingCall` |
 * | the same outbound, once the number is known | `outboundCallInitiated` |
 * | {@link answer} (once) | `callAccepted`; its time starts the duration |
 * | {@link end} while ringing (inbound) | `callRejected` `passive` (missed) |
 * | {@link end} otherwise | `callEnded` with the talk duration (0 when never answered) and `callType` |
 * | {@link rejectActively} | `callRejected` `active` |
 *
 * The functions are pure: each returns the call as it now stands and the calls to make.
 */
export const vendorCall = {
  /** A call first seen now: ringing when inbound, dialing when outbound. */
  start: (direction: CallDirection, number: string | undefined): VendorCall => ({
    direction,
    number: number ?? '',
    phase: direction === 'inbound' ? 'ringing' : 'dialing',
    answeredAt: undefined,
  }),

  /** The calls that open `call` in the bridge. The contract needs the dialled number; without it the end (callType outbound) still logs the call. */
  open: (call: VendorCall, conversationId: string, env: MappingEnv): ContractCall[] => {
    const ids = { partnerId: env.partnerId, conversationId };
    if (call.direction === 'inbound')
      return [{ method: 'incomingCall', payload: { ...ids, callerANI: call.number, language: env.language } }];
    return call.number === '' ? [] : [{ method: 'outboundCallInitiated', payload: { ...ids, dialledTo: call.number } }];
  },

  /**
   * A later message names the number an earlier one lacked: the call with it, and the opening
   * calls again (the bridge merges them); nothing when the number was known or is still unknown.
   */
  learnNumber: <C extends VendorCall>(
    call: C,
    number: string | undefined,
    conversationId: string,
    env: MappingEnv,
  ): { readonly call: C; readonly calls: ContractCall[] } => {
    if (call.number !== '' || number === undefined || number === '') return { call, calls: [] };
    const known = { ...call, number };
    return { call: known, calls: vendorCall.open(known, conversationId, env) };
  },

  /** The call answered at `at` and its `callAccepted`; nothing when it was already connected. */
  answer: <C extends VendorCall>(
    call: C,
    at: number,
    conversationId: string,
    env: MappingEnv,
  ): { readonly call: C; readonly calls: ContractCall[] } => {
    if (call.phase === 'connected') return { call, calls: [] };
    const callerANI = call.direction === 'inbound' && call.number !== '' ? { callerANI: call.number } : {};
    return {
      call: { ...call, phase: 'connected', answeredAt: at },
      calls: [{ method: 'callAccepted', payload: { partnerId: env.partnerId, conversationId, ...callerANI } }],
    };
  },

  /** The closing call at `at`, carrying `extra` fields (kept on the call log by the bridge). */
  end: (
    call: VendorCall,
    at: number,
    conversationId: string,
    env: MappingEnv,
    extra: Readonly<Record<string, unknown>> = {},
  ): ContractCall => {
    const ids = { partnerId: env.partnerId, conversationId };
    if (call.phase === 'ringing' && call.direction === 'inbound')
      return { method: 'callRejected', payload: { ...extra, ...ids, reason: 'passive' } };
    const duration = call.answeredAt === undefined ? 0 : secondsBetween(call.answeredAt, at);
    return { method: 'callEnded', payload: { ...extra, ...ids, duration, callType: call.direction } };
  },

  /** The agent declined a ringing call. */
  rejectActively: (conversationId: string, env: MappingEnv): ContractCall => ({
    method: 'callRejected',
    payload: { partnerId: env.partnerId, conversationId, reason: 'active' },
  }),
};
