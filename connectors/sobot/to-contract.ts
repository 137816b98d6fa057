import type { ContractCall } from '../../src/contract/index.js';
import type { CallStep, MappingEnv } from '../shared/call-step.js';
import { vendorCall, type VendorCall } from '../shared/vendor-call.js';
import { customerNumber } from './customer-number.js';
import type { SobotCallFacts, SobotDirection, SobotEvent } from './parse-event.js';
import type { SobotStatus } from './sobot-sdk.js';

/** What the connector remembers of one open Sobot call (keyed by `callID`, the conversationId). */
export interface SobotCall extends VendorCall {
  readonly callId: string;
  readonly direction: SobotDirection;
}

/** A call event: the parsed ones, plus `rejected` when the agent declines through the connector. */
export type SobotCallEvent =
  Extract<SobotEvent, { readonly callId: string }> | ({ readonly kind: 'rejected' } & SobotCallFacts);

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
  const id = event.callId;
  const { call: current, calls } =
    call === undefined
      ? opened(event, env)
      : vendorCall.learnNumber(call, customerNumber(event, call.direction), id, env);
  switch (event.kind) {
    case 'ringing':
    case 'dialing':
      return { call: current, finished: false, calls };
    case 'answered': {
      const answered = vendorCall.answer(current, env.now, id, env);
      return { call: answered.call, finished: false, calls: [...calls, ...answered.calls] };
    }
    case 'rejected':
      if (current.phase !== 'ringing' || current.direction !== 'inbound')
        return { call: current, finished: false, calls };
      return { call: undefined, finished: true, calls: [...calls, vendorCall.rejectActively(id, env)] };
    case 'released':
    case 'abandoned':
      return { call: undefined, finished: true, calls: [...calls, vendorCall.end(current, env.now, id, env)] };
  }
}

/**
 * `EventAgentRegainStatus` after a reconnect → contract calls. Pure. The call it names (the
 * agent is "on the talk") is connected: answered if it was still ringing, opened and answered if
 * it is new to the connector (a reloaded page), left alone if already connected. Every other open
 * call ended while the connection was down: it ends at `idleSince` when that is plausible, else now.
 * A regained internal or consult call changes nothing.
 */
export function sobotRegain(
  open: readonly SobotCall[],
  event: Extract<SobotEvent, { kind: 'regain' }>,
  finished: (callId: string) => boolean,
  env: SobotEnv,
): {
  readonly keep: SobotCall | undefined;
  readonly ended: readonly string[];
  readonly calls: readonly ContractCall[];
} {
  const calls: ContractCall[] = [];
  const ended: string[] = [];
  // On an internal or consult call the agent may still hold the customer's call around it: the
  // regain cannot tell, so open calls are left for their own release, and no CRM call is opened.
  const type = event.call?.callType;
  if (type === 'internal' || type === 'consult') return { keep: undefined, ended, calls };
  for (const call of open) {
    if (call.callId === event.call?.callId) continue;
    const plausible =
      event.idleSince !== undefined && event.idleSince <= env.now && event.idleSince >= (call.answeredAt ?? 0);
    calls.push(vendorCall.end(call, plausible ? (event.idleSince as number) : env.now, call.callId, env));
    ended.push(call.callId);
  }
  const facts = event.call;
  if (facts === undefined || finished(facts.callId)) return { keep: undefined, ended, calls };
  const known = open.find((c) => c.callId === facts.callId);
  const { call: current, calls: opening } = known === undefined ? opened(facts, env) : { call: known, calls: [] };
  const answered = vendorCall.answer(
    current,
    facts.since !== undefined && facts.since <= env.now ? facts.since : env.now,
    facts.callId,
    env,
  );
  return { keep: answered.call, ended, calls: [...calls, ...opening, ...answered.calls] };
}

/** A Sobot status → `statusChanged` with the mapped softphoneId, or `undefined` when unmapped. */
export function sobotStatusCall(
  status: SobotStatus,
  toSoftphone: ReadonlyMap<SobotStatus, string>,
): ContractCall | undefined {
  const softphoneId = toSoftphone.get(status);
  return softphoneId === undefined ? undefined : { method: 'statusChanged', payload: { softphoneId } };
}

/** A call first seen in `facts`, and the calls that open it. */
function opened(
  facts: SobotCallFacts & { readonly kind?: string },
  env: SobotEnv,
): { readonly call: SobotCall; readonly calls: ContractCall[] } {
  const direction = facts.kind === 'dialing' ? 'outbound' : (facts.direction ?? 'inbound');
  const call = { callId: facts.callId, ...vendorCall.start(direction, customerNumber(facts, direction)) };
  return { call, calls: vendorCall.open(call, call.callId, env) };
}
