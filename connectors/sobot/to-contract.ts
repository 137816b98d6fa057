import type { ContractCall } from '../../src/contract/index.js';
import type { CallStep, MappingEnv } from '../shared/call-step.js';
import { secondsBetween } from '../shared/time.js';
import { customerNumber } from './customer-number.js';
import type { SobotCallFacts, SobotDirection, SobotEvent } from './parse-event.js';
import type { SobotStatus } from './sobot-sdk.js';

/** What the connector remembers of one open Sobot call (keyed by `callID`, the conversationId). */
export interface SobotCall {
  readonly callId: string;
  readonly direction: SobotDirection;
  /** The customer's number; `''` while unknown (withheld, or not in the message). */
  readonly number: string;
  readonly phase: 'ringing' | 'dialing' | 'connected';
  /** When it was answered (epoch ms), for the duration. */
  readonly answeredAt: number | undefined;
}

/** A call event: the parsed ones, plus `rejected` when the agent declines through the connector. */
export type SobotCallEvent = Extract<SobotEvent, { readonly callId: string }> | ({ readonly kind: 'rejected' } & SobotCallFacts);

/** What the mapping needs besides the event. */
export type SobotEnv = MappingEnv;

/** The outcome of one event: the call as it now stands (`undefined` once finished) and the contract calls. */
export type SobotStep = CallStep<SobotCall>;

/**
 * One Sobot call event → contract calls. Pure.
 *
 * | Sobot | contract |
 * |---|---|
 * | `EventRinging` (Inbound) | `incomingCall` (callerANI = `ANI`, else `otherDN`) |
 * | `EventDialing`, `EventRinging` (Outbound) | `outboundCallInitiated` (dialledTo = `DNIS`, else `otherDN`) |
 * | answered | `callAccepted`; its time starts the duration |
 * | released after answer | `callEnded` with the talk duration and `callType` |
 * | released or abandoned while ringing (inbound) | `callRejected` `passive` (missed) |
 * | released or abandoned while dialing (outbound) | `callEnded` duration 0 (not answered) |
 * | `rejectCall()` through the connector | `callRejected` `active` |
 *
 * Events that must not move the customer call (other parties, internal and consult calls, the
 * answer of the wrong leg) are filtered out before this, by `sobotIgnoreReason` (party.ts).
 * A repeated event says nothing new and maps to nothing. An event for a call not seen before
 * opens it first, so that an answer or a release without a ring still makes a complete record.
 */
export function sobotCallStep(call: SobotCall | undefined, event: SobotCallEvent, env: SobotEnv): SobotStep {
  const calls: ContractCall[] = [];
  let current = call;
  if (current === undefined) {
    current = openCall(event);
    calls.push(...opening(current, env));
  } else if (current.number === '') {
    // A later message names the number an earlier one lacked: tell the bridge (it merges).
    const number = customerNumber(event, current.direction);
    if (number !== undefined) {
      current = { ...current, number };
      calls.push(...opening(current, env));
    }
  }
  switch (event.kind) {
    case 'ringing':
    case 'dialing':
      return { call: current, finished: false, calls };
    case 'answered':
      if (current.phase === 'connected') return { call: current, finished: false, calls };
      calls.push(accepted(current, env));
      return { call: { ...current, phase: 'connected', answeredAt: env.now }, finished: false, calls };
    case 'rejected':
      if (current.phase !== 'ringing' || current.direction !== 'inbound') return { call: current, finished: false, calls };
      calls.push({ method: 'callRejected', payload: { ...ids(current, env), reason: 'active' } });
      return { call: undefined, finished: true, calls };
    case 'released':
    case 'abandoned':
      calls.push(ending(current, env, env.now));
      return { call: undefined, finished: true, calls };
  }
}

/**
 * `EventAgentRegainStatus` after a reconnect → contract calls. Pure. The call it names (the
 * agent is "on the talk") is connected: answered if it was still ringing, opened and answered if
 * it is new to the connector (a reloaded page), left alone if already connected. Every other open
 * call ended while the connection was down: it ends at `idleSince` when that is plausible, else now.
 * A regained internal or consult call changes nothing.
 */
export function sobotRegain(open: readonly SobotCall[], event: Extract<SobotEvent, { kind: 'regain' }>, finished: (callId: string) => boolean, env: SobotEnv): { readonly keep: SobotCall | undefined; readonly ended: readonly string[]; readonly calls: readonly ContractCall[] } {
  const calls: ContractCall[] = [];
  const ended: string[] = [];
  // On an internal or consult call the agent may still hold the customer's call around it: the
  // regain cannot tell, so open calls are left for their own release, and no CRM call is opened.
  const type = event.call?.callType;
  if (type === 'internal' || type === 'consult') return { keep: undefined, ended, calls };
  for (const call of open) {
    if (call.callId === event.call?.callId) continue;
    const plausible = event.idleSince !== undefined && event.idleSince <= env.now && event.idleSince >= (call.answeredAt ?? 0);
    calls.push(ending(call, env, plausible ? (event.idleSince as number) : env.now));
    ended.push(call.callId);
  }
  const facts = event.call;
  if (facts === undefined || finished(facts.callId)) return { keep: undefined, ended, calls };
  let current = open.find((c) => c.callId === facts.callId);
  if (current === undefined) {
    current = openCall(facts);
    calls.push(...opening(current, env));
  }
  if (current.phase === 'connected') return { keep: current, ended, calls };
  calls.push(accepted(current, env));
  return { keep: { ...current, phase: 'connected', answeredAt: facts.since !== undefined && facts.since <= env.now ? facts.since : env.now }, ended, calls };
}

/** A Sobot status → `statusChanged` with the mapped softphoneId, or `undefined` when unmapped. */
export function sobotStatusCall(status: SobotStatus, toSoftphone: ReadonlyMap<SobotStatus, string>): ContractCall | undefined {
  const softphoneId = toSoftphone.get(status);
  return softphoneId === undefined ? undefined : { method: 'statusChanged', payload: { softphoneId } };
}

function openCall(facts: SobotCallFacts & { readonly kind?: string }): SobotCall {
  const direction = facts.kind === 'dialing' ? 'outbound' : (facts.direction ?? 'inbound');
  return { callId: facts.callId, direction, number: customerNumber(facts, direction) ?? '', phase: direction === 'inbound' ? 'ringing' : 'dialing', answeredAt: undefined };
}

function ids(call: SobotCall, env: SobotEnv): { partnerId: string; conversationId: string } {
  return { partnerId: env.partnerId, conversationId: call.callId };
}

function opening(call: SobotCall, env: SobotEnv): ContractCall[] {
  if (call.direction === 'inbound') return [{ method: 'incomingCall', payload: { ...ids(call, env), callerANI: call.number, language: env.language } }];
  // The contract needs the dialled number; without it the end (callType outbound) still logs the call.
  return call.number === '' ? [] : [{ method: 'outboundCallInitiated', payload: { ...ids(call, env), dialledTo: call.number } }];
}

function accepted(call: SobotCall, env: SobotEnv): ContractCall {
  return { method: 'callAccepted', payload: { ...ids(call, env), ...(call.direction === 'inbound' && call.number !== '' ? { callerANI: call.number } : {}) } };
}

function ending(call: SobotCall, env: SobotEnv, at: number): ContractCall {
  if (call.phase === 'ringing' && call.direction === 'inbound') return { method: 'callRejected', payload: { ...ids(call, env), reason: 'passive' } };
  const duration = call.answeredAt === undefined ? 0 : secondsBetween(call.answeredAt, at);
  return { method: 'callEnded', payload: { ...ids(call, env), duration, callType: call.direction } };
}
