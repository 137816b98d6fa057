import type { CallLogWrite } from '../../src/contract/index.js';

/** Version of the JSON body; a receiver can refuse versions it does not know. */
export const PAYLOAD_VERSION = 1;

/**
 * The JSON body of one call-log POST. `key` is the upsert key of the conversation's one record;
 * `call.revision` orders versions of it (a receiver ignores a revision it already has or a lower
 * one); `recordId` is the id the receiver returned for the previous version, when there was one.
 */
export interface CallLogPayload {
  readonly version: typeof PAYLOAD_VERSION;
  readonly type: 'call.log';
  readonly key: string;
  readonly recordId?: string;
  readonly call: {
    readonly conversationId: string;
    readonly partnerId: string;
    readonly direction: 'inbound' | 'outbound';
    readonly state: string;
    readonly outcome?: string;
    readonly phoneNumber: string;
    readonly language: string;
    readonly disposition?: string;
    readonly notes?: string;
    readonly durationSeconds?: number;
    readonly ivr: Readonly<Record<string, string>>;
    readonly crmRecord?: { readonly id: string; readonly type?: string; readonly name?: string };
    readonly startedAt: string;
    readonly acceptedAt?: string;
    readonly endedAt?: string;
    readonly revision: number;
  };
}

const iso = (epochMs: number | undefined) => (epochMs === undefined ? undefined : new Date(epochMs).toISOString());

/**
 * The body for a write. Pure and deterministic for a given write, so that a retry sends the same
 * bytes (only the timestamp header and signature change). Times are ISO 8601 in UTC. Extra
 * softphone fields (`call.extra`) are left out: their shape is the softphone's, not a contract.
 */
export function toPayload(write: CallLogWrite): CallLogPayload {
  const { call } = write;
  const optional = <K extends string, V>(key: K, value: V | undefined) =>
    value === undefined || value === '' ? {} : ({ [key]: value } as Record<K, V>);
  const ivr = Object.fromEntries(
    Object.entries(call.ivr).filter(
      (entry): entry is [string, string] => typeof entry[1] === 'string' && entry[1] !== '',
    ),
  );
  return {
    version: PAYLOAD_VERSION,
    type: 'call.log',
    key: write.key,
    ...optional('recordId', write.receipt?.recordId),
    call: {
      conversationId: call.conversationId,
      partnerId: call.partnerId,
      direction: call.direction,
      state: call.state,
      ...optional('outcome', call.outcome),
      phoneNumber: call.phoneNumber,
      language: call.language,
      ...optional('disposition', call.disposition),
      ...optional('notes', call.notes),
      ...optional('durationSeconds', call.durationSeconds),
      ivr,
      ...(call.crmRecord === undefined
        ? {}
        : {
            crmRecord: {
              id: call.crmRecord.id,
              ...optional('type', call.crmRecord.type),
              ...optional('name', call.crmRecord.name),
            },
          }),
      startedAt: new Date(call.startedAt).toISOString(),
      ...optional('acceptedAt', iso(call.acceptedAt)),
      ...optional('endedAt', iso(call.endedAt)),
      revision: call.revision,
    },
  };
}
