import type { CallRecord, CrmRecordRef, DispositionEvent, PartnerConfigEvent } from '../../src/contract/index.js';

/** A contact of the fake CRM's directory, found by phone number for screen pops. */
export interface FakeContact {
  readonly id: string;
  readonly name: string;
  readonly phone: string;
}

/** One call log as the fake CRM stores it, with how it got there. */
export interface FakeCallLogRecord {
  readonly id: string;
  /** The idempotency key it was written under; unique, like an external-id field. */
  readonly key: string;
  readonly call: CallRecord;
  readonly creates: number;
  readonly updates: number;
}

/** How the next write fails: `before` commits nothing; `after` commits, then loses the reply. */
export type FakeFault = 'before' | 'after';

/** The fake CRM's own settings. */
export interface FakeCrmOptions {
  readonly contacts?: readonly FakeContact[];
  readonly dispositions?: DispositionEvent;
  readonly partnerConfig?: PartnerConfigEvent;
  /**
   * Call logs to start from, as {@link FakeCrm.callLogs} returned them (the demo restores them
   * from IndexedDB). New records are numbered after the highest `LOG-n` among them.
   */
  readonly callLogs?: readonly FakeCallLogRecord[];
}

/**
 * An in-memory CRM for tests and the demo. It behaves like a CRM with a unique external-id field
 * on call logs: a write under a key it already holds updates that record, so even a retry after
 * a lost reply cannot create a second one. Faults can be injected per write.
 */
export class FakeCrm {
  readonly contacts: FakeContact[];
  dispositions: DispositionEvent | undefined;
  partnerConfig: PartnerConfigEvent | undefined;
  /** Screen pops shown, in order. */
  readonly pops: {
    readonly conversationId: string;
    readonly phoneNumber: string;
    readonly shown: CrmRecordRef | 'search' | 'new';
  }[] = [];
  /** Presence values the adapter set, in order. */
  readonly presence: string[] = [];
  #logs = new Map<string, FakeCallLogRecord>();
  #faults: FakeFault[] = [];
  #nextId = 1;
  #listeners = new Set<() => void>();

  constructor(options: FakeCrmOptions = {}) {
    this.contacts = [...(options.contacts ?? [])];
    this.dispositions = options.dispositions;
    this.partnerConfig = options.partnerConfig;
    for (const log of options.callLogs ?? []) {
      this.#logs.set(log.key, log);
      // Never hand out an id a restored record already has: receipts name records by id.
      const n = /^LOG-(\d+)$/.exec(log.id)?.[1];
      if (n !== undefined) this.#nextId = Math.max(this.#nextId, Number(n) + 1);
    }
  }

  /** Makes the next `count` writes fail the given way. */
  injectFaults(fault: FakeFault, count = 1): void {
    for (let i = 0; i < count; i += 1) this.#faults.push(fault);
  }

  /** Every call log, oldest first. */
  callLogs(): FakeCallLogRecord[] {
    return [...this.#logs.values()];
  }

  /** Contacts whose number has the same digits (last ten, when both have as many). */
  findContacts(phoneNumber: string): FakeContact[] {
    const wanted = digits(phoneNumber);
    if (wanted === '') return [];
    return this.contacts.filter((c) => {
      const have = digits(c.phone);
      return have === wanted || (have.length >= 10 && wanted.length >= 10 && have.slice(-10) === wanted.slice(-10));
    });
  }

  /** Upserts the call log under `key`. Applies an injected fault first, if any. */
  saveCallLog(key: string, call: CallRecord, recordId: string | undefined): FakeCallLogRecord {
    const fault = this.#faults.shift();
    if (fault === 'before') throw new Error('fake CRM: injected failure before commit');
    const existing = this.#logs.get(key);
    if (recordId !== undefined && existing !== undefined && existing.id !== recordId) {
      throw new Error('fake CRM: the receipt names another record than the key');
    }
    const record: FakeCallLogRecord =
      existing === undefined
        ? { id: `LOG-${this.#nextId++}`, key, call, creates: 1, updates: 0 }
        : { ...existing, call, updates: existing.updates + 1 };
    this.#logs.set(key, record);
    this.#changed();
    if (fault === 'after') throw new Error('fake CRM: injected failure after commit (reply lost)');
    return record;
  }

  /** Calls `listener` after every change; returns the unsubscribe function. */
  onChange(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  #changed(): void {
    for (const listener of this.#listeners) listener();
  }
}

function digits(phone: string): string {
  return phone.replace(/\D+/g, '');
}
