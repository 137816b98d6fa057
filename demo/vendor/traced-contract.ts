import type {
  CallbackEventType,
  Clock,
  ConnectorContext,
  ContractTarget,
  Logger,
  SoftphoneCallback,
  SoftphoneMethod,
} from '../../src/contract/index.js';
import type { Trace } from './trace.js';

/** The CRM intents a connector carries to the vendor; the other callback events are not traced. */
const INTENTS: ReadonlySet<CallbackEventType> = new Set(['start_call', 'update_presence']);

/** Shown when an intent reached no vendor method (Voicenter and Sociomile have no statuses). */
const NOT_CARRIED = 'not carried to the vendor: the connector ignores it';

/**
 * The contract as the connector sees it, with every call traced: each method records the call in
 * the open trace entry and then the bridge's verdict (accepted, or refused with its code). The
 * CRM's `start_call` / `update_presence` open an entry of their own, so the vendor method the
 * connector calls for them lands there. The target's own Promise is returned untouched: the
 * connector still sees the bridge's answer exactly as without the trace.
 */
export function tracedContract(target: ContractTarget, trace: Trace): ContractTarget {
  const traced = (method: SoftphoneMethod, run: () => Promise<unknown>): Promise<unknown> => {
    const call = trace.contractCall(method);
    const result = run();
    result.then(
      () => trace.settle(call, { state: 'accepted' }),
      (error: unknown) => trace.settle(call, { state: 'refused', code: codeOf(error) }),
    );
    return result;
  };
  return {
    load(callback: SoftphoneCallback): Promise<void> {
      const tracing: SoftphoneCallback = (eventType, payload) => {
        if (!INTENTS.has(eventType)) return callback(eventType, payload);
        trace.during('crm', eventType, () => callback(eventType, payload), NOT_CARRIED);
      };
      return target.load(tracing);
    },
    incomingCall: (params) => traced('incomingCall', () => target.incomingCall(params)),
    callAccepted: (params) => traced('callAccepted', () => target.callAccepted(params)),
    callRejected: (params) => traced('callRejected', () => target.callRejected(params)),
    callEnded: (params) => traced('callEnded', () => target.callEnded(params)),
    callNotesSubmitted: (params) => traced('callNotesSubmitted', () => target.callNotesSubmitted(params)),
    outboundCallInitiated: (params) => traced('outboundCallInitiated', () => target.outboundCallInitiated(params)),
    statusChanged: (params) => traced('statusChanged', () => target.statusChanged(params)),
  };
}

/** The connector's context: its reports go to the trace (their code) as well as the log. */
export function tracedContext(trace: Trace, clock: Clock, logger: Logger): ConnectorContext {
  return { clock, logger, report: (error) => trace.report(error.code) };
}

/** The error code of a refusal: a `BridgeError`, or one rebuilt by the remote client. */
function codeOf(error: unknown): string {
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  return typeof code === 'string' && code !== '' ? code : 'UNKNOWN';
}
