import { asRecord, FieldReader, type Parsed } from '../shared/fields.js';
import { epochMs } from '../shared/time.js';
import type { SobotStatus } from './sobot-sdk.js';

/** Which way a Sobot call goes (`callType` "Inbound" / "Outbound" in the seed's Table 4). */
export type SobotDirection = 'inbound' | 'outbound';

/** The call fields of a Sobot call event, as the seed's Table 4 (`workStatusInfo`) names them. */
export interface SobotCallFacts {
  readonly callId: string;
  readonly direction: SobotDirection | undefined;
  /** The customer's number (`otherDN`); `undefined` when the message has none. */
  readonly otherDN: string | undefined;
}

/** A Sobot event the connector acts on, parsed. */
export type SobotEvent =
  | ({ readonly kind: 'ringing' | 'dialing' | 'answered' | 'released' | 'abandoned' } & SobotCallFacts)
  | { readonly kind: 'status'; readonly status: SobotStatus }
  | { readonly kind: 'regain'; readonly status: SobotStatus | undefined; readonly call: (SobotCallFacts & { readonly since: number | undefined }) | undefined; readonly idleSince: number | undefined };

/** The kinds of event the connector subscribes to. */
export type SobotEventKind = 'ringing' | 'dialing' | 'answered' | 'released' | 'abandoned' | 'ready' | 'notReady' | 'regain';

/**
 * Parses one Sobot message. Pure. Extra attributes are ignored (the SDK promises to add some);
 * values are trimmed (the seed's samples pad them with spaces); `reasonCode` is taken as text or
 * number (text in the events' tables, a number in `notReady`'s request).
 */
export function parseSobotEvent(kind: SobotEventKind, message: unknown): Parsed<SobotEvent> {
  const record = asRecord(message);
  if (record === undefined) return { ok: false, problems: [], fields: ['(payload)'] };
  const read = new FieldReader(record);
  const event = toEvent(kind, read);
  return read.ok && event !== undefined ? { ok: true, value: event } : { ok: false, problems: read.problems, fields: read.fields };
}

function toEvent(kind: SobotEventKind, read: FieldReader): SobotEvent | undefined {
  switch (kind) {
    case 'ready':
      return { kind: 'status', status: 'ready' };
    case 'notReady':
      return { kind: 'status', status: reasonOf(read) };
    case 'regain':
      return regain(read);
    default: {
      const facts = callFacts(read);
      return facts === undefined ? undefined : { kind, ...facts };
    }
  }
}

function callFacts(read: FieldReader): SobotCallFacts | undefined {
  const callId = read.text('callID', true);
  const type = read.text('callType')?.toLowerCase();
  if (type !== undefined && type !== 'inbound' && type !== 'outbound') read.reject('callType', 'must be "Inbound" or "Outbound"');
  if (callId === undefined) return undefined;
  return { callId, direction: type === 'inbound' || type === 'outbound' ? type : undefined, otherDN: read.text('otherDN') };
}

/** Not ready without a reason code means DND: the seed's login sets DND when no state is given. */
function reasonOf(read: FieldReader): number {
  const code = read.number('reasonCode');
  if (code !== undefined && !Number.isInteger(code)) read.reject('reasonCode', 'must be a whole number');
  return code ?? 2;
}

/**
 * `EventAgentRegainStatus` (Table 2): `agentStateInfo` gives the login state (1 online, 2 DND
 * with `reasonCode`), `workStatusInfo` the call the agent is on; its absence means no call.
 * `workStatusTimestamp` says since when the current work status holds: the talk's start while
 * on a call, the call's end when idle.
 */
function regain(read: FieldReader): SobotEvent | undefined {
  const agent = read.nested('agentStateInfo');
  const state = agent?.text('agentState');
  const status: SobotStatus | undefined = state === '1' ? 'ready' : state === '2' && agent !== undefined ? reasonOf(agent) : undefined;
  const since = epochMs(agent?.number('workStatusTimestamp'));
  const work = read.nested('workStatusInfo');
  const facts = work === undefined ? undefined : callFacts(work);
  if (work !== undefined && facts === undefined) return undefined;
  return { kind: 'regain', status, call: facts === undefined ? undefined : { ...facts, since }, idleSince: facts === undefined ? since : undefined };
}
