import { type CallRecord, callSubject, ivrDetailLines, CALL_DETAILS_SEPARATOR } from '../../src/contract/index.js';

/** The Task fields the adapter owns; an Apex upsert accepts exactly these. */
export type TaskFields = {
  readonly Subject: string;
  readonly TaskSubtype: 'Call';
  readonly Status: 'Completed';
  readonly ActivityDate: string;
  readonly CallType: 'Inbound' | 'Outbound';
  readonly CallDurationInSeconds: number;
  readonly CallDisposition?: string;
  readonly CallObject: string;
  readonly Description: string;
  readonly WhoId?: string;
  readonly WhatId?: string;
};

/** Salesforce long text areas hold 32,000 characters. */
const DESCRIPTION_MAX = 32_000;

/** The Id key prefixes of the objects a Task's `WhoId` may point to: Contact (003) and Lead (00Q). */
const WHO_ID = /^(003|00Q)/;

/**
 * The Task that logs a conversation. Pure: the same record always gives the same fields, so a
 * retry or an update rewrites the same values.
 *
 * `Description` is the agent's notes verbatim, then the IVR context below a separator line.
 * The call is linked as `WhoId` when the record is a Contact or Lead, `WhatId` otherwise.
 *
 * @see https://developer.salesforce.com/docs/atlas.en-us.object_reference.meta/object_reference/sforce_api_objects_task.htm
 */
export function toTask(call: CallRecord): TaskFields {
  const direction = call.direction === 'inbound' ? 'Inbound' : 'Outbound';
  const subject = callSubject(call);
  const context = ivrDetailLines(call);
  const notes = call.notes ?? '';
  const description =
    context.length === 0
      ? notes
      : `${notes}${notes === '' ? '' : '\n\n'}${CALL_DETAILS_SEPARATOR}\n${context.join('\n')}`;
  const record = call.crmRecord;
  const isWho = record !== undefined && (record.type === 'Contact' || record.type === 'Lead' || WHO_ID.test(record.id));
  return {
    Subject: subject.slice(0, 255),
    TaskSubtype: 'Call',
    Status: 'Completed',
    ActivityDate: localDate(call.startedAt),
    CallType: direction,
    CallDurationInSeconds: Math.round(call.durationSeconds ?? 0),
    ...(call.disposition ? { CallDisposition: call.disposition } : {}),
    CallObject: call.conversationId.slice(0, 255),
    // Never cut the notes themselves short by the details: the details go first when too long.
    Description: description.length <= DESCRIPTION_MAX ? description : notes.slice(0, DESCRIPTION_MAX),
    ...(record === undefined ? {} : isWho ? { WhoId: record.id } : { WhatId: record.id }),
  };
}

/** `YYYY-MM-DD` in the agent's time zone, as Salesforce shows activity dates. */
function localDate(epochMs: number): string {
  const date = new Date(epochMs);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}
