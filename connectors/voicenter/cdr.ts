import { asRecord, FieldReader, type Parsed } from '../shared/fields.js';
import { httpUrl } from '../shared/safe-url.js';
import { epochMs } from '../shared/time.js';
import { parseJson } from './popup-phase.js';
import type { VoicenterDirection } from './to-contract.js';

/** What a Voicenter call detail record says about one call, as the connector uses it. */
export interface VoicenterCdr {
  readonly ivrId: string;
  readonly direction: VoicenterDirection | undefined;
  /** `time`: when the call was made (epoch ms). */
  readonly calledAt: number | undefined;
  /** `duration`: the conversation only, in seconds (the seed: ringing not included). */
  readonly talkSeconds: number | undefined;
  /** `dialtime`: the ringing only, in seconds. */
  readonly dialSeconds: number | undefined;
  /** `status`, upper case: `ANSWER`, `NOANSWER`, `BUSY`, `CANCEL`, `ABANDONE`... */
  readonly status: string | undefined;
  /** `type`: "Incoming Call", "Extension Outgoing", "Queue"... */
  readonly callType: string | undefined;
  /** `record`: the recording link, when it is an http(s) URL. */
  readonly recordingUrl: string | undefined;
}

/**
 * Parses one CDR (seed 003 §4, "JSON example"; the same fields arrive in the XML-RPC `CDR`
 * call): the object, or its JSON text. Pure. `ivruniqueid` is required (the table's example
 * spells it `ivrunique-id`: both are read); numbers may come as text; unknown fields are ignored,
 * which drops everything the connector does not need (caller names, prices, the account `code`).
 */
export function parseCdrJson(body: unknown): Parsed<VoicenterCdr> {
  const record = asRecord(typeof body === 'string' ? parseJson(body) : body);
  if (record === undefined) return { ok: false, problems: [], fields: ['(payload)'] };
  return parseCdrFields(record);
}

/** Parses the fields of one CDR, already an object (from JSON or XML-RPC). Pure. */
export function parseCdrFields(record: Record<string, unknown>): Parsed<VoicenterCdr> {
  const read = new FieldReader(record);
  const ivrId = read.text('ivruniqueid') ?? read.text('ivrunique-id') ?? read.text('ivruniqueid', true);
  const talkSeconds = nonNegative(read, 'duration');
  const dialSeconds = nonNegative(read, 'dialtime');
  const calledAt = epochMs(read.number('time'));
  const recordText = read.text('record');
  const recordingUrl = httpUrl(recordText);
  if (recordText !== undefined && recordingUrl === undefined) read.reject('record', 'must be an http(s) URL');
  if (!read.ok || ivrId === undefined) return { ok: false, problems: read.problems, fields: read.fields };
  const callType = read.text('type');
  return {
    ok: true,
    value: {
      ivrId,
      direction: directionOf(callType),
      calledAt,
      talkSeconds,
      dialSeconds,
      status: read.text('status')?.toUpperCase(),
      callType,
      recordingUrl,
    },
  };
}

function nonNegative(read: FieldReader, key: string): number | undefined {
  const value = read.number(key);
  if (value !== undefined && value < 0) read.reject(key, 'must not be negative');
  return value === undefined || value < 0 ? undefined : Math.round(value);
}

/**
 * The direction a CDR `type` implies (seed: "Call types"). Incoming calls and queues are inbound;
 * "Extension Outgoing" and the second legs of click-to-call and dialer calls reach the customer
 * from the agent, so outbound. Other types (voicemail, fax...) say nothing.
 */
function directionOf(type: string | undefined): VoicenterDirection | undefined {
  if (type === undefined) return undefined;
  if (/incoming|^queue$/i.test(type)) return 'inbound';
  if (/outgoing|leg\s*2/i.test(type)) return 'outbound';
  return undefined;
}
