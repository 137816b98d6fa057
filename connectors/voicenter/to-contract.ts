import type { ContractCall } from '../../src/contract/index.js';
import type { CallStep, MappingEnv } from '../shared/call-step.js';
import { secondsBetween } from '../shared/time.js';

/** Which way a Voicenter call goes. */
export type VoicenterDirection = 'inbound' | 'outbound';

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
export interface VoicenterCall {
  readonly ivrId: string;
  readonly direction: VoicenterDirection;
  /** The other party's number; `''` while unknown (the web-phone's `onRinging` has none). */
  readonly number: string;
  readonly phase: 'ringing' | 'dialing' | 'connected';
  readonly answeredAt: number | undefined;
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
export function voicenterStep(call: VoicenterCall | undefined, event: VoicenterEvent, env: VoicenterEnv): VoicenterStep {
  const calls: ContractCall[] = [];
  let current = call;
  if (current === undefined) {
    current = openCall(event);
    calls.push(...opening(current, env));
  } else if (current.number === '' && event.number !== undefined && event.number !== '') {
    current = { ...current, number: event.number };
    calls.push(...opening(current, env));
  }
  switch (event.kind) {
    case 'ringing':
    case 'dialing':
      return { call: current, finished: false, calls };
    case 'answered':
      if (current.phase === 'connected') return { call: current, finished: false, calls };
      calls.push(accepted(current, env));
      return { call: { ...current, phase: 'connected', answeredAt: event.answeredAt ?? env.now }, finished: false, calls };
    case 'ended':
      if (current.phase !== 'connected' && event.answeredAt !== undefined) {
        // The pop-up's hang-up says it was answered though no answer was seen (pop-up only, or lost).
        calls.push(accepted(current, env));
        current = { ...current, phase: 'connected', answeredAt: event.answeredAt };
      }
      calls.push(ending(current, env, event.cause === undefined ? {} : { hangupCause: event.cause }));
      return { call: undefined, finished: true, calls };
    case 'rejected':
      if (current.phase === 'connected') return { call: current, finished: false, calls };
      calls.push(current.direction === 'inbound' ? { method: 'callRejected', payload: { ...ids(current, env), reason: 'active' } } : ending(current, env, {}));
      return { call: undefined, finished: true, calls };
    case 'failed':
      calls.push(ending(current, env, current.phase === 'connected' ? {} : { callFailed: true }));
      return { call: undefined, finished: true, calls };
  }
}

function openCall(event: VoicenterEvent): VoicenterCall {
  const direction = event.direction ?? (event.kind === 'dialing' || event.kind === 'failed' ? 'outbound' : 'inbound');
  return { ivrId: event.ivrId, direction, number: event.number ?? '', phase: direction === 'inbound' ? 'ringing' : 'dialing', answeredAt: undefined };
}

function ids(call: VoicenterCall, env: VoicenterEnv): { partnerId: string; conversationId: string } {
  return { partnerId: env.partnerId, conversationId: call.ivrId };
}

function opening(call: VoicenterCall, env: VoicenterEnv): ContractCall[] {
  if (call.direction === 'inbound') return [{ method: 'incomingCall', payload: { ...ids(call, env), callerANI: call.number, language: env.language } }];
  return call.number === '' ? [] : [{ method: 'outboundCallInitiated', payload: { ...ids(call, env), dialledTo: call.number } }];
}

function accepted(call: VoicenterCall, env: VoicenterEnv): ContractCall {
  return { method: 'callAccepted', payload: { ...ids(call, env), ...(call.direction === 'inbound' && call.number !== '' ? { callerANI: call.number } : {}) } };
}

/** The closing call, carrying `extra` fields (kept on the call log by the bridge). */
export function ending(call: VoicenterCall, env: VoicenterEnv, extra: Readonly<Record<string, unknown>>): ContractCall {
  if (call.phase === 'ringing' && call.direction === 'inbound') return { method: 'callRejected', payload: { ...extra, ...ids(call, env), reason: 'passive' } };
  const duration = call.answeredAt === undefined ? 0 : secondsBetween(call.answeredAt, env.now);
  return { method: 'callEnded', payload: { ...extra, ...ids(call, env), duration, callType: call.direction } };
}
