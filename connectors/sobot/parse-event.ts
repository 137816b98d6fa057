import { asRecord, FieldReader, type Parsed } from '../shared/fields.js';
import { epochMs } from '../shared/time.js';
import type { SobotStatus } from './sobot-sdk.js';

/** Which way a customer call goes (`callType` "Inbound" / "Outbound"). */
export type SobotDirection = 'inbound' | 'outbound';

/**
 * Sobot's `callType`, lower-cased. The message format lists Inbound, Outbound, Internal
 * (agent to agent) and Consult (an agent's consultation leg).
 *
 * @see https://developer.zhichi.com/pages/ae4786 ("话务类事件公共字段", callType)
 */
export type SobotCallType = SobotDirection | 'internal' | 'consult';

/**
 * Sobot's `partyRole`, lower-cased: whose leg of the call the event is about. Sobot models a
 * call as parties, each with its own state (IDLE, Dialing, Ringing, Talk, Held).
 *
 * @see https://developer.zhichi.com/pages/ae4786 ("话务类事件公共字段", partyRole; "话务相关")
 */
export type SobotPartyRole = 'customer' | 'agent' | 'virtualagent' | 'supervisor' | 'thirdpstn';

/**
 * The numbers a call message may carry. Call events carry `ANI` (the PSTN originator) and `DNIS`
 * (the PSTN receiver), both empty when not PSTN; `otherDN` (the customer's number) is in the
 * regain message's `workStatusInfo` (seed 001 Table 4) and in the server-push format only.
 */
export interface SobotNumbers {
  readonly ani: string | undefined;
  readonly dnis: string | undefined;
  readonly otherDN: string | undefined;
}

/** The call fields of one Sobot call message. */
export interface SobotCallFacts {
  readonly callId: string;
  /** Inbound or outbound; `undefined` when `callType` is absent, Internal or Consult. */
  readonly direction: SobotDirection | undefined;
  readonly callType: SobotCallType | undefined;
  /** Whose leg the event is about; `undefined` when the message names no party (the regain's call). */
  readonly party: SobotPartyRole | undefined;
  readonly numbers: SobotNumbers;
}

/** A Sobot event the connector acts on, parsed. */
export type SobotEvent =
  | ({ readonly kind: 'ringing' | 'dialing' | 'answered' | 'released' | 'abandoned' } & SobotCallFacts)
  | { readonly kind: 'status'; readonly status: SobotStatus }
  | {
      readonly kind: 'regain';
      readonly status: SobotStatus | undefined;
      readonly call: (SobotCallFacts & { readonly since: number | undefined }) | undefined;
      readonly idleSince: number | undefined;
    };

/** The kinds of event the connector subscribes to. */
export type SobotEventKind =
  'ringing' | 'dialing' | 'answered' | 'released' | 'abandoned' | 'ready' | 'notReady' | 'regain';

const CALL_TYPES: readonly SobotCallType[] = ['inbound', 'outbound', 'internal', 'consult'];
const PARTY_ROLES: readonly SobotPartyRole[] = ['customer', 'agent', 'virtualagent', 'supervisor', 'thirdpstn'];

/**
 * Parses one Sobot message. Pure. Extra attributes are ignored (the SDK promises to add some);
 * values are trimmed (Sobot's samples pad them with spaces); `reasonCode` is taken as text or
 * number (text in the events' tables, a number in `notReady`'s request).
 */
export function parseSobotEvent(kind: SobotEventKind, message: unknown): Parsed<SobotEvent> {
  const record = asRecord(message);
  if (record === undefined) return { ok: false, problems: [], fields: ['(payload)'] };
  const read = new FieldReader(record);
  const event = toEvent(kind, read);
  return read.ok && event !== undefined
    ? { ok: true, value: event }
    : { ok: false, problems: read.problems, fields: read.fields };
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

/**
 * The call fields. `callType` and `partyRole` outside the documented sets are refused (named in
 * the error) rather than guessed: a wrong guess would end, or answer, the wrong call.
 */
function callFacts(read: FieldReader): SobotCallFacts | undefined {
  const callId = read.text('callID', true);
  const type = read.text('callType')?.toLowerCase();
  if (type !== undefined && !CALL_TYPES.includes(type as SobotCallType))
    read.reject('callType', 'must be "Inbound", "Outbound", "Internal" or "Consult"');
  const role = read.text('partyRole')?.toLowerCase();
  if (role !== undefined && !PARTY_ROLES.includes(role as SobotPartyRole))
    read.reject('partyRole', 'must be "Customer", "Agent", "VirtualAgent", "Supervisor" or "ThirdPSTN"');
  if (callId === undefined || !read.ok) return undefined;
  const callType = type as SobotCallType | undefined;
  return {
    callId,
    direction: callType === 'inbound' || callType === 'outbound' ? callType : undefined,
    callType,
    party: role as SobotPartyRole | undefined,
    numbers: { ani: read.text('ANI'), dnis: read.text('DNIS'), otherDN: read.text('otherDN') },
  };
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
  const status: SobotStatus | undefined =
    state === '1' ? 'ready' : state === '2' && agent !== undefined ? reasonOf(agent) : undefined;
  const since = epochMs(agent?.number('workStatusTimestamp'));
  const work = read.nested('workStatusInfo');
  const facts = work === undefined ? undefined : callFacts(work);
  if (work !== undefined && facts === undefined) return undefined;
  return {
    kind: 'regain',
    status,
    call: facts === undefined ? undefined : { ...facts, since },
    idleSince: facts === undefined ? since : undefined,
  };
}
