import { type CallRecord, callSubject, ivrDetailLines, CALL_DETAILS_SEPARATOR } from '../../src/contract/index.js';

/**
 * Entity sets of the record types a phone call can be regarding, for `@odata.bind`. The property
 * is phonecall's own navigation property `regardingobjectid_<type>_phonecall` (relationship
 * `Contact_Phonecalls`…), as the phonecall EntityType reference names it
 * (https://learn.microsoft.com/power-apps/developer/data-platform/webapi/reference/phonecall).
 */
const ENTITY_SETS: Readonly<Record<string, string>> = {
  contact: 'contacts',
  account: 'accounts',
  lead: 'leads',
  incident: 'incidents',
  opportunity: 'opportunities',
};

/** Activity `description` is a 2,000-character memo in a default organisation. */
const DESCRIPTION_MAX = 2000;
/** `subject` holds 200 characters; `category`, `subcategory` and `phonenumber` hold 250 / 250 / 200. */
const SUBJECT_MAX = 200;

/** Where the adapter keeps what a phonecall has no standard attribute for. */
export interface PhoneCallAttributes {
  readonly keyAttribute: string;
  readonly dispositionAttribute: string;
}

/**
 * The `phonecall` attributes that log a conversation. Pure: a retry rewrites the same values.
 *
 * - `directioncode`: `true` for outgoing; `actualdurationminutes`: whole minutes (the exact
 *   seconds are in the description);
 * - `description`: the notes verbatim, then `— Call details —` with duration, outcome and IVR;
 * - the conversation id in `keyAttribute` (so a retry without a receipt finds the record), the
 *   disposition in `dispositionAttribute`;
 * - `regardingobjectid_<type>_phonecall@odata.bind` to the popped, chosen or clicked record.
 *
 * @see https://learn.microsoft.com/power-apps/developer/data-platform/reference/entities/phonecall
 */
export function toPhoneCall(
  call: CallRecord,
  attributes: PhoneCallAttributes,
): Record<string, string | number | boolean> {
  const subject = callSubject(call);
  const seconds = Math.round(call.durationSeconds ?? 0);
  const details = [
    `Duration: ${seconds} s`,
    ...(call.outcome === undefined ? [] : [`Outcome: ${call.outcome}`]),
    ...ivrDetailLines(call),
  ];
  const notes = call.notes ?? '';
  const full = `${notes}${notes === '' ? '' : '\n\n'}${CALL_DETAILS_SEPARATOR}\n${details.join('\n')}`;
  const record = call.crmRecord;
  const set = record?.type === undefined ? undefined : ENTITY_SETS[record.type];
  return {
    subject: subject.slice(0, SUBJECT_MAX),
    phonenumber: call.phoneNumber.slice(0, 200),
    directioncode: call.direction === 'outbound',
    actualdurationminutes: Math.round(seconds / 60),
    // The notes are never cut short by the details: past the limit, the details go first.
    description: full.length <= DESCRIPTION_MAX ? full : notes.slice(0, DESCRIPTION_MAX),
    [attributes.keyAttribute]: call.conversationId.slice(0, 250),
    ...(call.disposition === undefined || call.disposition === ''
      ? {}
      : { [attributes.dispositionAttribute]: call.disposition.slice(0, 250) }),
    ...(record === undefined || set === undefined
      ? {}
      : { [`regardingobjectid_${record.type}_phonecall@odata.bind`]: `/${set}(${record.id})` }),
  };
}
