import { asRecord, FieldReader, type Parsed } from '../shared/fields.js';
import { epochMs } from '../shared/time.js';
import type { VoicenterEvent } from './to-contract.js';

/** Longest JSON text taken from the server relay. */
const MAX_JSON = 256 * 1024;

/**
 * Parses one pop-up screen request (seed 004, "POST JSON Request Example"), as the Voicenter
 * cloud posts it to the CRM's server for each phase, into a {@link VoicenterEvent}. Pure.
 *
 * - `status` "Ringing" → `ringing`; "Talking" → `answered`.
 * - A `cause` (top level, or in `currentCall` as in the seed's sample) → `ended`: the seed's
 *   hang-up sample still says `"status": "Talking"`, so the cause, not the status, marks it.
 * - `direction` "Incoming" → inbound; any other value → outbound.
 * - `callAnswered` (epoch seconds, 0 when not answered) → when it was answered.
 *
 * Takes the object, or its JSON text. Caller names and the record file are not used.
 */
export function parsePopupPhase(body: unknown): Parsed<VoicenterEvent> {
  const record = asRecord(typeof body === 'string' ? parseJson(body) : body);
  if (record === undefined) return { ok: false, problems: [], fields: ['(payload)'] };
  return fromFields(new FieldReader(record));
}

/**
 * Parses the GET query or form body of the pop-up's plain requests (seed 004: `phone`, `ivrid`,
 * `extenUser`, `did`, and `statusCall` in the GET example but `status` in the POST one: both are
 * read). Pure.
 */
export function parsePopupQuery(query: string | URLSearchParams): Parsed<VoicenterEvent> {
  const params = typeof query === 'string' ? new URLSearchParams(query.replace(/^[^?]*\?/, '')) : query;
  const record: Record<string, string> = {};
  for (const key of ['phone', 'ivrid', 'status', 'statusCall', 'direction', 'cause']) {
    const value = params.get(key);
    if (value !== null) record[key] = value;
  }
  if (record['status'] === undefined && record['statusCall'] !== undefined) record['status'] = record['statusCall'];
  return fromFields(new FieldReader(record));
}

function fromFields(read: FieldReader): Parsed<VoicenterEvent> {
  const ivrId = read.text('ivrid', true);
  const status = read.text('status', true)?.toLowerCase();
  const current = read.nested('currentCall');
  const cause = read.text('cause') ?? current?.text('cause');
  const direction = read.text('direction') ?? current?.text('direction');
  const answeredAt = epochMs(read.number('callAnswered') ?? current?.number('callAnswered'));
  const kind =
    cause !== undefined || status?.includes('hang') === true
      ? 'ended'
      : status === 'ringing'
        ? 'ringing'
        : status === 'talking'
          ? 'answered'
          : undefined;
  if (status !== undefined && kind === undefined)
    read.reject('status', 'must be "Ringing" or "Talking" (or carry a hang-up "cause")');
  if (!read.ok || ivrId === undefined || kind === undefined)
    return { ok: false, problems: read.problems, fields: read.fields };
  const number = read.text('phone');
  const event: VoicenterEvent = {
    kind,
    ivrId,
    ...(direction === undefined ? {} : { direction: direction.toLowerCase() === 'incoming' ? 'inbound' : 'outbound' }),
    ...(number === undefined ? {} : { number }),
    ...(answeredAt === undefined ? {} : { answeredAt }),
    ...(cause === undefined ? {} : { cause: cause.slice(0, 255) }),
  };
  return { ok: true, value: event };
}

/** JSON text → value, or `undefined` when it is not JSON (or too long to be a real request). */
export function parseJson(text: string): unknown {
  if (text.length > MAX_JSON) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
