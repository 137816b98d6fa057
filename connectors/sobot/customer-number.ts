import type { SobotCallFacts, SobotDirection } from './parse-event.js';

/**
 * The customer's number in one Sobot call message, or `undefined` when it has none.
 *
 * Sobot's call events carry `ANI` (the PSTN originator) and `DNIS` (the PSTN receiver), not
 * `otherDN`: the customer is the originator of an inbound call and the receiver of an outbound
 * one. `otherDN` ("customer phone no.") is the fallback: the regain message's `workStatusInfo`
 * and the server-push format carry it, and the connector puts the number it just dialled there.
 *
 * On an outbound call the agent's own leg is not asked for its `DNIS`: when the agent answers on
 * a phone (`phoneType` pstn or sip) Sobot rings that phone first (seed 001, `makeCall.agentANI`),
 * and the receiver of that leg is the agent, not the customer.
 *
 * @see https://developer.zhichi.com/pages/ae4786 ("话务类事件公共字段": ANI, DNIS)
 * @see ../../../shared/seeds/001_c2e00f8b153bfa61.txt (Table 4 `otherDN`; Outbound `agentANI`)
 */
export function customerNumber(
  facts: Pick<SobotCallFacts, 'numbers' | 'party'>,
  direction: SobotDirection,
): string | undefined {
  const { ani, dnis, otherDN } = facts.numbers;
  if (direction === 'inbound') return ani ?? otherDN;
  return (facts.party === 'agent' ? undefined : dnis) ?? otherDN;
}
