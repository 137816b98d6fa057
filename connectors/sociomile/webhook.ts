import { asRecord, FieldReader, type Parsed } from '../shared/fields.js';
import { httpUrl } from '../shared/safe-url.js';

/** Longest webhook JSON text taken. */
const MAX_JSON = 256 * 1024;

/** What the Sociomile webhook says about one finished call. */
export interface SociomileCallResult {
  /** `internal_id` (the conversationId the connector dialled with), else `uniqueid`. */
  readonly conversationId: string;
  /** `phone`: the number called. */
  readonly phone: string | undefined;
  /**
   * Whether the customer answered: `calldate_join` is set ("Datetime call answered by customer"),
   * there is talk time, or `disposition` is "ANSWERED". The vendor's own resend-API sample says
   * "NO ANSWER" with `talktime` "2" and `calldate_join` set: the disposition alone is not trusted.
   */
  readonly answered: boolean;
  /** `talktime`, else `duration` − `duration_wait`: seconds of conversation. */
  readonly talkSeconds: number;
  /** `duration`: seconds from dialling to the end. */
  readonly totalSeconds: number | undefined;
  /** `duration_wait`: seconds before an answer. */
  readonly waitSeconds: number | undefined;
  /** `hold_sec`. */
  readonly holdSeconds: number | undefined;
  /** `disposition`, upper case ("NO ANSWER", "ANSWERED"...). */
  readonly disposition: string | undefined;
  /** `recordingurl`, when it is an http(s) URL (the resend API sends `""` while there is none). */
  readonly recordingUrl: string | undefined;
  /** `calldate_init`, `calldate_join`, `calldate_end`: the widget's local date-times, as text. */
  readonly dates: { readonly init?: string; readonly join?: string; readonly end?: string };
  /** `uniqueid`: the recording's trace id. */
  readonly uniqueId: string | undefined;
  /** `extra_params`: the `params` given to the dial, back; scalar values only. */
  readonly extraParams: Readonly<Record<string, string | number | boolean>>;
}

/**
 * Parses the webhook Sociomile posts after each call (seed "Webhook Response"): `{"data": {...}}`,
 * the bare `data`, an entry of the resend API (`{data, is_sent, ...}`), or its JSON text. Pure.
 * Durations arrive as text ("2") and are read as numbers; `calldate_join` is `null` when nobody
 * answered.
 */
export function parseSociomileWebhook(body: unknown): Parsed<SociomileCallResult> {
  const outer = asRecord(typeof body === 'string' && body.length <= MAX_JSON ? json(body) : body);
  const data = asRecord(outer?.['data']) ?? outer;
  if (data === undefined) return { ok: false, problems: [], fields: ['(payload)'] };
  const read = new FieldReader(data);
  const uniqueId = read.text('uniqueid');
  const conversationId = read.text('internal_id') ?? uniqueId ?? read.text('internal_id', true);
  const totalSeconds = seconds(read, 'duration');
  const waitSeconds = seconds(read, 'duration_wait');
  const talk = seconds(read, 'talktime');
  const recordingText = read.text('recordingurl');
  const recordingUrl = httpUrl(recordingText);
  if (recordingText !== undefined && recordingUrl === undefined) read.reject('recordingurl', 'must be an http(s) URL');
  if (!read.ok || conversationId === undefined) return { ok: false, problems: read.problems, fields: read.fields };
  const talkSeconds = talk ?? (totalSeconds !== undefined ? Math.max(0, totalSeconds - (waitSeconds ?? 0)) : 0);
  const disposition = read.text('disposition')?.toUpperCase();
  const init = read.text('calldate_init');
  const join = read.text('calldate_join');
  const end = read.text('calldate_end');
  return {
    ok: true,
    value: {
      conversationId,
      phone: read.text('phone'),
      answered: join !== undefined || talkSeconds > 0 || disposition === 'ANSWERED',
      talkSeconds,
      totalSeconds,
      waitSeconds,
      holdSeconds: seconds(read, 'hold_sec'),
      disposition,
      recordingUrl,
      dates: {
        ...(init === undefined ? {} : { init }),
        ...(join === undefined ? {} : { join }),
        ...(end === undefined ? {} : { end }),
      },
      uniqueId,
      extraParams: scalars(asRecord(data['extra_params'])),
    },
  };
}

function seconds(read: FieldReader, key: string): number | undefined {
  const value = read.number(key);
  if (value !== undefined && (value < 0 || value > 604_800)) read.reject(key, 'must be between 0 and 604800 seconds');
  return value === undefined || value < 0 || value > 604_800 ? undefined : Math.round(value);
}

/** At most 20 scalar entries, with short keys: `extra_params` is echoed input, kept small. */
function scalars(record: Record<string, unknown> | undefined): Record<string, string | number | boolean> {
  const out: Record<string, string | number | boolean> = {};
  for (const [key, value] of Object.entries(record ?? {}).slice(0, 20)) {
    if (key.length > 64 || key === '__proto__' || key === 'constructor' || key === 'prototype') continue;
    if (typeof value === 'string') out[key] = value.slice(0, 1024);
    else if ((typeof value === 'number' && Number.isFinite(value)) || typeof value === 'boolean') out[key] = value;
  }
  return out;
}

function json(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
