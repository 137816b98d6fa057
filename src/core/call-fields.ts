import { DEFAULT_LANGUAGE, IVR_FIELDS } from '../contract/compiled-spec.js';
import { knownFields } from '../contract/validate.js';
import type { CallRecord, IvrContext } from '../contract/call-record.js';
import type { ContractCallEvent } from './call-event.js';

/**
 * How each contract event's fields land on a {@link CallRecord}. Pure helpers for the call
 * machine; they never decide state, only merge data.
 *
 * One rule for text: a later value replaces an earlier one, but an empty string never replaces a
 * non-empty one. Softphones often send `notes: ""` with `callEnded` after the agent already
 * submitted notes; taking the empty value would lose them.
 */

/** A new record for a conversation first seen through `event`. */
export function newRecord(event: ContractCallEvent, state: CallRecord['state']): CallRecord {
  const p = event.payload as Record<string, unknown>;
  const outbound =
    event.type === 'outboundCallInitiated' || (event.type === 'callEnded' && event.payload.callType === 'outbound');
  const phone = outbound ? p['dialledTo'] : p['callerANI'];
  const record: CallRecord = {
    conversationId: event.payload.conversationId,
    partnerId: event.payload.partnerId,
    direction: outbound ? 'outbound' : 'inbound',
    state,
    phoneNumber: typeof phone === 'string' ? phone : '',
    language: typeof p['language'] === 'string' ? p['language'] : DEFAULT_LANGUAGE,
    ivr: {},
    startedAt: event.at,
    updatedAt: event.at,
    revision: 0,
    extra: {},
  };
  return mergeEvent(record, event);
}

/** The record with the event's data merged in (not its state: the machine sets that). */
export function mergeEvent(call: CallRecord, event: ContractCallEvent): CallRecord {
  const next: CallRecord = { ...call, ivr: { ...call.ivr }, extra: mergeExtra(call.extra, event) };
  switch (event.type) {
    case 'incomingCall':
      if (next.direction === 'inbound') assignText(next, 'phoneNumber', event.payload.callerANI);
      break;
    case 'outboundCallInitiated':
      if (next.direction === 'outbound') assignText(next, 'phoneNumber', event.payload.dialledTo);
      break;
    case 'callAccepted': {
      const p = event.payload;
      if (next.direction === 'inbound') assignText(next, 'phoneNumber', p.callerANI);
      if (p.language !== undefined) next.language = p.language;
      next.ivr = mergeIvr(next.ivr, p);
      next.acceptedAt ??= event.at;
      break;
    }
    case 'callEnded': {
      const p = event.payload;
      next.durationSeconds = p.duration;
      if (p.callType !== undefined) next.direction = p.callType;
      assignNotes(next, p);
      next.endedAt ??= event.at;
      break;
    }
    case 'callNotesSubmitted':
      assignNotes(next, event.payload);
      break;
    case 'callRejected':
      next.endedAt ??= event.at;
      break;
  }
  return next;
}

/** Whether two records hold the same data, ignoring bookkeeping (`updatedAt`, `revision`). */
export function sameData(a: CallRecord, b: CallRecord): boolean {
  const data = (call: CallRecord): string => JSON.stringify({ ...call, updatedAt: 0, revision: 0 });
  return data(a) === data(b);
}

/** The text rule above, for one field: nothing given changes nothing, and "" never erases text. */
function assignText(
  record: CallRecord,
  field: 'phoneNumber' | 'disposition' | 'notes',
  value: string | undefined,
): void {
  if (value === undefined) return;
  if (value === '' && record[field] !== undefined && record[field] !== '') return;
  record[field] = value;
}

function assignNotes(
  record: CallRecord,
  payload: { readonly disposition?: string | undefined; readonly notes?: string | undefined },
): void {
  assignText(record, 'disposition', payload.disposition);
  assignText(record, 'notes', payload.notes);
}

function mergeIvr(
  ivr: IvrContext,
  payload: { readonly [K in (typeof IVR_FIELDS)[number]]?: string | undefined },
): IvrContext {
  const next: Record<string, string | undefined> = { ...ivr };
  for (const field of IVR_FIELDS) {
    const value = payload[field];
    if (value !== undefined && value !== '') next[field] = value;
  }
  return next as IvrContext;
}

/** Fields beyond the seed's, kept per method (`extra.callEnded.wrapUpCode`...). */
function mergeExtra(extra: CallRecord['extra'], event: ContractCallEvent): CallRecord['extra'] {
  const known = knownFields(event.type);
  const added = Object.fromEntries(Object.entries(event.payload).filter(([key]) => !known.includes(key)));
  if (Object.keys(added).length === 0) return extra;
  const previous = extra[event.type];
  const base = typeof previous === 'object' && previous !== null ? (previous as Record<string, unknown>) : {};
  return { ...extra, [event.type]: { ...base, ...added } };
}
