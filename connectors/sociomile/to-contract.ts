import type { ContractCall } from '../../src/contract/index.js';
import type { SociomileCallResult } from './webhook.js';

/**
 * The webhook's facts beyond the contract's, as extra fields of `callEnded`: the bridge keeps them
 * with the call (`call.extra.callEnded`) and the CRM adapter receives them with the log.
 */
export function webhookFields(result: SociomileCallResult): Record<string, unknown> {
  const optional = {
    recordingUrl: result.recordingUrl,
    sociomileDisposition: result.disposition,
    totalSeconds: result.totalSeconds,
    waitSeconds: result.waitSeconds,
    holdSeconds: result.holdSeconds,
    sociomileUniqueId: result.uniqueId,
  };
  const fields: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(optional)) if (value !== undefined) fields[key] = value;
  if (Object.keys(result.dates).length > 0) fields['callDates'] = { ...result.dates };
  if (Object.keys(result.extraParams).length > 0) fields['extraParams'] = { ...result.extraParams };
  return fields;
}

/**
 * The webhook of one finished call → contract calls. Pure.
 *
 * | webhook | contract |
 * |---|---|
 * | (a call the page did not dial, with `phone`) | `outboundCallInitiated` (dialledTo = `phone`) first |
 * | answered (`calldate_join` set, `talktime` > 0, or `disposition` "ANSWERED") | `callAccepted` |
 * | the webhook itself | `callEnded`: duration = `talktime`, `callType` outbound, `recordingUrl` and the rest as extra fields |
 *
 * `dialled` says whether this page dialled the call (then the bridge already has it dialing, with
 * the number as the CRM gave it; the widget's rewrite of it is not sent over it).
 */
export function sociomileCalls(
  result: SociomileCallResult,
  dialled: boolean,
  partnerId: string,
): readonly ContractCall[] {
  const ids = { partnerId, conversationId: result.conversationId };
  const calls: ContractCall[] = [];
  if (!dialled && result.phone !== undefined)
    calls.push({ method: 'outboundCallInitiated', payload: { ...ids, dialledTo: result.phone } });
  if (result.answered) calls.push({ method: 'callAccepted', payload: ids });
  calls.push({
    method: 'callEnded',
    payload: { ...webhookFields(result), ...ids, duration: result.talkSeconds, callType: 'outbound' },
  });
  return calls;
}
