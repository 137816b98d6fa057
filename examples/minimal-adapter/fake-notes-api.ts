import { NotesApiError, type NoteFields, type NotesApi } from './notes-api.js';

/** One stored note, as the fake's database holds it. */
export interface StoredNote extends NoteFields {
  readonly id: string;
  readonly externalId: string;
}

/**
 * The Notes API in memory, written from its interface (notes-api.ts), not from the adapter: a
 * unique `externalId` (a second create under one answers 409, as a unique index would), and the
 * two faults the conformance suite asks for.
 */
export class FakeNotesApi implements NotesApi {
  readonly notes = new Map<string, StoredNote>();
  #nextId = 1;
  #fault: 'before' | 'after' | undefined;

  /** The next write fails with HTTP 503 and stores nothing. */
  failNextWrite(): void {
    this.#fault = 'before';
  }

  /** The next write is stored, then its reply is lost (a timeout). */
  loseNextReply(): void {
    this.#fault = 'after';
  }

  async findByExternalId(externalId: string): Promise<{ readonly id: string } | undefined> {
    const note = [...this.notes.values()].find((n) => n.externalId === externalId);
    return note === undefined ? undefined : { id: note.id };
  }

  async create(note: NoteFields & { readonly externalId: string }): Promise<{ readonly id: string }> {
    return this.#write(() => {
      if (this.#has(note.externalId)) throw new NotesApiError(409);
      const id = `N-${this.#nextId++}`;
      this.notes.set(id, { ...note, id });
      return { id };
    });
  }

  async update(id: string, note: NoteFields): Promise<void> {
    return this.#write(() => {
      const stored = this.notes.get(id);
      if (stored === undefined) throw new NotesApiError(404);
      this.notes.set(id, { ...note, id, externalId: stored.externalId });
    });
  }

  #has(externalId: string): boolean {
    return [...this.notes.values()].some((n) => n.externalId === externalId);
  }

  #write<T>(commit: () => T): T {
    const fault = this.#fault;
    this.#fault = undefined;
    if (fault === 'before') throw new NotesApiError(503);
    const result = commit();
    if (fault === 'after') throw new NotesApiError(504);
    return result;
  }
}
