import type { SobotCall, SobotCallEvent } from './to-contract.js';

/**
 * Why one Sobot call event must not move the customer call the connector tracks, or `undefined`
 * when it must. Pure.
 *
 * Sobot reports a call per party: every call event names the party it is about (`partyRole`
 * Customer, Agent, VirtualAgent, Supervisor or ThirdPSTN) and the call's type (`callType`
 * Inbound, Outbound, Internal or Consult). The CRM hears about the customer's call only, so:
 *
 * - Events of a virtual agent (IVR bot), a supervisor (monitoring) or a third party (consult,
 *   conference) are ignored: a monitor or a consulted number leaving does not end the call.
 * - Internal (agent to agent) and consult calls are not customer calls: ignored, except the
 *   customer's own release, which ends the customer's call whatever type it is reported under.
 *   A consult's agent-party release is ignored because the consulted agent is an Agent party too.
 * - An answer counts only from the party being called: the customer on an outbound call, the
 *   agent on an inbound one. With `phoneType` pstn or sip, Sobot rings the agent's own phone
 *   before dialling the customer (seed 001, `makeCall.agentANI`): that leg's `EventEstablished`
 *   is the agent picking up, not the customer answering. On an inbound call the customer's leg
 *   is connected by the system (queue, IVR) before any agent answers.
 * - Messages without `partyRole` (the regain's call, older payloads) are taken as the call's.
 *
 * @see https://developer.zhichi.com/pages/ae4786 ("话务类事件公共字段": callType, partyRole; "话务相关": the party model)
 */
export function sobotIgnoreReason(
  call: Pick<SobotCall, 'direction'> | undefined,
  event: SobotCallEvent,
): string | undefined {
  const party = event.party;
  if (party !== undefined && party !== 'customer' && party !== 'agent') return `an event of the ${party} party`;
  if (event.callType === 'internal' || event.callType === 'consult') {
    const customerLeft = party === 'customer' && (event.kind === 'released' || event.kind === 'abandoned');
    return customerLeft && call !== undefined ? undefined : `an event of an ${event.callType} call`;
  }
  if (event.kind !== 'answered' || party === undefined) return undefined;
  const direction = call?.direction ?? event.direction ?? 'inbound';
  if (direction === 'outbound' && party === 'agent')
    return "the agent's own leg of an outbound call answered, not the customer";
  if (direction === 'inbound' && party === 'customer')
    return "the customer's leg of an inbound call connected, not answered by the agent";
  return undefined;
}
