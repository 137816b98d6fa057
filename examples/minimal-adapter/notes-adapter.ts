import {
  adapterWriteFailed,
  configInvalid,
  type CallLogWrite,
  type CrmAdapter,
  type PartnerConfigEvent,
  type WriteReceipt,
} from 'softphone-bridge/contract';
import { NotesApiError, type NoteFields, type NotesApi } from './notes-api.js';

/** Settings of the Notes adapter, checked once by the factory. */
export interface NotesAdapterOptions {
  readonly api: NotesApi;
  /** Sent to the softphone as `partner_config` on load. */
  readonly partnerConfig: PartnerConfigEvent;
  /** Offered to the agent as `disposition` on load. */
  readonly dispositions?: readonly string[];
}

/**
 * A minimal CRM adapter, written from docs/writing-an-adapter.md alone and importing only
 * `softphone-bridge/contract`: one call log per conversation, idempotent on the write's key
 * through the CRM's unique `externalId`. It has neither screen pop nor presence: optional
 * capabilities a CRM does not have are simply left out.
 */
export function notesAdapter(options: NotesAdapterOptions): CrmAdapter {
  if (typeof options.api?.create !== 'function' || typeof options.partnerConfig?.partnerId !== 'string') {
    throw configInvalid(['api', 'partnerConfig'], 'notes adapter: api and partnerConfig are required.');
  }
  const { api } = options;
  return {
    name: 'notes',
    async connect() {
      return {
        partnerConfig: options.partnerConfig,
        ...(options.dispositions ? { dispositions: [...options.dispositions] } : {}),
      };
    },
    async disconnect() {},
    async writeCallLog(write: CallLogWrite): Promise<WriteReceipt> {
      const fields = noteFields(write);
      try {
        // With a receipt, the outbox tells us the record; without one, a previous attempt may still
        // have created it (its reply lost): look it up by the key before creating a second one.
        const id = write.receipt?.recordId ?? (await api.findByExternalId(write.key))?.id;
        if (id !== undefined) {
          await api.update(id, fields);
          return { recordId: id, recordType: 'Note' };
        }
        const created = await api.create({ ...fields, externalId: write.key });
        return { recordId: created.id, recordType: 'Note' };
      } catch (cause) {
        // 4xx other than 408/429 will fail the same way again: not retryable. The API's own error
        // stays the cause, never the message (APIs quote field values back).
        const status = cause instanceof NotesApiError ? cause.status : undefined;
        const retryable = status === undefined || status >= 500 || status === 408 || status === 429;
        throw adapterWriteFailed(`Notes API refused the call log${status === undefined ? '' : ` (HTTP ${status})`}.`, {
          cause,
          retryable,
          details: { key: write.key },
        });
      }
    },
  };
}

/** The call record → the note's fields. Numbers, names and notes go to the CRM, never to a log. */
function noteFields(write: CallLogWrite): NoteFields {
  const { call } = write;
  return {
    summary: `${call.direction} call, ${call.outcome ?? call.state}`,
    seconds: call.durationSeconds ?? 0,
    ...(call.disposition === undefined ? {} : { outcome: call.disposition }),
    ...(call.notes === undefined ? {} : { text: call.notes }),
  };
}
