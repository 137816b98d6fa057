import type { ContractCall } from '../../src/contract/index.js';
import type { VoicenterCdr } from './cdr.js';
import { ending, voicenterStep, type VoicenterCall, type VoicenterEnv } from './to-contract.js';

/**
 * The CDR's facts as extra fields of a contract payload; the bridge keeps them with the call
 * (`call.extra.<method>`) and the CRM adapter receives them with the log.
 */
export function cdrFields(cdr: VoicenterCdr): Record<string, string | number> {
  return {
    ...(cdr.recordingUrl === undefined ? {} : { recordingUrl: cdr.recordingUrl }),
    ...(cdr.talkSeconds === undefined ? {} : { talkSeconds: cdr.talkSeconds }),
    ...(cdr.dialSeconds === undefined ? {} : { dialTimeSeconds: cdr.dialSeconds }),
    ...(cdr.calledAt === undefined ? {} : { calledAt: new Date(cdr.calledAt).toISOString() }),
    ...(cdr.status === undefined ? {} : { voicenterStatus: cdr.status }),
    ...(cdr.callType === undefined ? {} : { voicenterCallType: cdr.callType }),
  };
}

/**
 * A CDR → contract calls that enrich the call's log (duration, dial time, status, recording
 * link). Pure. The CDR comes after the call:
 *
 * - the call is still open for the connector (its end was not seen): the CDR closes it, with its
 *   `duration` as the talk time when `status` is `ANSWER`;
 * - the call was seen to end: `callNotesSubmitted` without notes carries the CDR's fields, the one
 *   contract method that adds to a call after its end (the bridge updates the same log);
 * - a call the connector never saw (another agent's, or before a reload): nothing, since the
 *   CDR notification covers the whole account.
 *
 * Returns `undefined` when the CDR is not for a call of this connector.
 */
export function cdrCalls(
  call: VoicenterCall | undefined,
  finished: boolean,
  cdr: VoicenterCdr,
  env: VoicenterEnv,
): readonly ContractCall[] | undefined {
  const extra = cdrFields(cdr);
  if (call === undefined) {
    return finished
      ? [{ method: 'callNotesSubmitted', payload: { ...extra, partnerId: env.partnerId, conversationId: cdr.ivrId } }]
      : undefined;
  }
  if (cdr.status !== 'ANSWER' && call.phase !== 'connected') return [ending(call, env, extra)];
  const answer = voicenterStep(call, { kind: 'answered', ivrId: call.ivrId }, env);
  const connected = answer.call ?? call;
  const closing = ending(connected, env, extra);
  const payload =
    closing.method === 'callEnded' && cdr.talkSeconds !== undefined
      ? { ...closing, payload: { ...closing.payload, duration: cdr.talkSeconds } }
      : closing;
  return [...answer.calls, payload];
}
