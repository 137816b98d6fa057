import type { ContractCall } from '../../src/contract/index.js';
import type { CallStep, MappingEnv } from '../shared/call-step.js';
import { vendorCall, type CallDirection, type VendorCall } from '../shared/vendor-call.js';

/** Which way a Voicenter call goes. */
export type VoicenterDirection = CallDirection;

/**
 * One thing that happened to a Voicenter call, from the web-phone (`onRinging`...) or from the
 * pop-up screen's phase requests, keyed by the ivr id that both use.
 */
export interface VoicenterEvent {
  readonly kind: 'ringing' | 'dialing' | 'answered' | 'ended' | 'rejected' | 'failed';
  readonly ivrId: string;
  readonly direction?: VoicenterDirection;
  /** The other party's number, when the source gives it (the pop-up's `phone`, the number dialled). */
  readonly number?: string;
  /** When it was answered (epoch ms), when the source says (the pop-up's `callAnswered`). */
  readonly answeredAt?: number;
  /** Why it ended (the pop-up's `cause`, e.g. "Normal hangup"). */
  readonly cause?: string;
}

/** What the connector remembers of one open Voicenter call. */
export interface VoicenterCall extends VendorCall {
  readonly ivrId: string;
  readonly direction: VoicenterDirection;
}

/** What the mapping needs besides the event. */
export type VoicenterEnv = MappingEnv;

/** The call as it now stands (`undefined` once finished) and the contract calls. */
export type VoicenterStep = CallStep<VoicenterCall>;

/**
 * One Voicenter event → contract calls. Pure.
 *
 * | Voicenter | contract |
 * |---|---|
 * | `onRinging(ivrID)`, pop-up `Ringing` (Incoming) | `incomingCall` (callerANI = the pop-up's `phone`, `''` from the web-phone alone) |
 * | `onCall(ivrID)` after `call(number)`, pop-up `Ringing` (outgoing) | `outboundCallInitiated` (dialledTo = the number) |
 * | `onCallAnswer(token)` (the call it names, else the one open call), pop-up `Talking` | `callAccepted` |
 * | `onCallEnd(ivrID)`, pop-up hang-up (`cause`) after an answer | `callEnded` with the talk duration (and `hangupCause`) |
 * | the same before an answer | inbound: `callRejected` `passive`; outbound: `callEnded` duration 0 |
 * | `onCallRejected(ivrID)` | inbound: `callRejected` `active`; outbound: `callEnded` duration 0 |
 * | `onCallFailed(ivrID)` | outbound: `callEnded` duration 0 (`callFailed: true`) |
 *
 * The web-phone and the pop-up may both report a call: whichever comes second adds only what
 * the first lacked (the caller's number), and a repeated event maps to nothing.
 */
export function voicenterStep(
  call: VoicenterCall | undefined,
  event: VoicenterEvent,
  env: VoicenterEnv,
): VoicenterStep {
  const id = event.ivrId;
  const { call: current, calls } =
    call === undefined ? opened(event, env) : vendorCall.learnNumber(call, event.number, id, env);
  switch (event.kind) {
    case 'ringing':
    case 'dialing':
      return { call: current, finished: false, calls };
    case 'answered': {
      const answered = vendorCall.answer(current, event.answeredAt ?? env.now, id, env);
      return { call: answered.call, finished: false, calls: [...calls, ...answered.calls] };
    }
    case 'ended': {
      // The pop-up's hang-up may say it was answered though no answer was seen (pop-up only, or lost).
      const answered =
        event.answeredAt === undefined
          ? { call: current, calls: [] }
          : vendorCall.answer(current, event.answeredAt, id, env);
      return {
        call: undefined,
        finished: true,
        calls: [
          ...calls,
          ...answered.calls,
          ending(answered.call, env, event.cause === undefined ? {} : { hangupCause: event.cause }),
        ],
      };
    }
    case 'rejected':
      if (current.phase === 'connected') return { call: current, finished: false, calls };
      return {
        call: undefined,
        finished: true,
        calls: [
          ...calls,
          current.direction === 'inbound' ? vendorCall.rejectActively(id, env) : ending(current, env, {}),
        ],
      };
    case 'failed':
      return {
        call: undefined,
        finished: true,
        calls: [...calls, ending(current, env, current.phase === 'connected' ? {} : { callFailed: true })],
      };
  }
}

/** A call first seen in `event`, and the calls that open it. */
function opened(
  event: VoicenterEvent,
  env: VoicenterEnv,
): { readonly call: VoicenterCall; readonly calls: ContractCall[] } {
  const direction = event.direction ?? (event.kind === 'dialing' || event.kind === 'failed' ? 'outbound' : 'inbound');
  const call = { ivrId: event.ivrId, ...vendorCall.start(direction, event.number) };
  return { call, calls: vendorCall.open(call, call.ivrId, env) };
}

/** The closing call now, carrying `extra` fields (kept on the call log by the bridge). */
export function ending(call: VoicenterCall, env: VoicenterEnv, extra: Readonly<Record<string, unknown>>): ContractCall {
  return vendorCall.end(call, env.now, call.ivrId, env, extra);
}
