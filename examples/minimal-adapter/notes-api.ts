/**
 * The CRM of this example, "Notes API": an imaginary HTTP service with one resource, the call
 * note, and a unique `externalId` per note. A real adapter types this from its CRM's own
 * documentation; here the interface *is* the documentation.
 */
export interface NotesApi {
  /** The note stored under `externalId`, if any (GET /notes?externalId=…). */
  findByExternalId(externalId: string): Promise<{ readonly id: string } | undefined>;
  /** Creates a note (POST /notes); resolves with its id. */
  create(note: NoteFields & { readonly externalId: string }): Promise<{ readonly id: string }>;
  /** Replaces a note's fields (PUT /notes/:id). */
  update(id: string, note: NoteFields): Promise<void>;
}

/** The fields of a call note. */
export interface NoteFields {
  readonly summary: string;
  readonly seconds: number;
  readonly outcome?: string;
  readonly text?: string;
}

/** What the Notes API throws: the HTTP status of the failed request. */
export class NotesApiError extends Error {
  constructor(readonly status: number) {
    super(`Notes API answered HTTP ${status}`);
  }
}
