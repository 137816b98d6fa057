/**
 * The panel's trace: what made the connector act (a vendor event, a CRM intent, a server relay)
 * and what it did as a result (contract calls and their verdicts, vendor methods, reports). It is
 * the visible form of "vendor event → connector → contract → CRM".
 *
 * Attribution is by nesting rather than by matching ids: connectors handle a vendor event
 * synchronously inside the SDK's listener, so whatever happens while {@link Trace.during} runs
 * belongs to that event. Nothing here knows about a vendor or the DOM.
 */

/** Who started a trace entry. */
export type TraceSource = 'vendor' | 'crm' | 'server' | 'connector';

/** A contract call's verdict from the bridge: still running, accepted, or refused with a code. */
export type ContractVerdict = { readonly state: 'pending' } | { readonly state: 'accepted' } | { readonly state: 'refused'; readonly code: string };

/** One thing the connector did while an entry was open. */
export type TraceStep =
  | { readonly kind: 'contract'; readonly method: string; readonly verdict: ContractVerdict }
  | { readonly kind: 'vendor'; readonly call: string }
  | { readonly kind: 'report'; readonly code: string }
  | { readonly kind: 'note'; readonly text: string };

/** One cause and its effects, in order. */
export interface TraceEntry {
  readonly id: number;
  readonly source: TraceSource;
  readonly event: string;
  readonly steps: readonly TraceStep[];
}

/** A contract call in flight; {@link Trace.settle} records the bridge's verdict on it. */
export interface PendingContractCall {
  readonly entry: number;
  readonly index: number;
}

interface MutableEntry {
  readonly id: number;
  readonly source: TraceSource;
  readonly event: string;
  steps: TraceStep[];
}

/** Entries kept: a demo session should not grow without bound. */
const DEFAULT_LIMIT = 60;

/** The ordered trace of one panel, with change notification for its view. */
export class Trace {
  #entries: MutableEntry[] = [];
  #open: MutableEntry[] = [];
  #listeners = new Set<() => void>();
  #nextId = 1;

  constructor(private readonly limit = DEFAULT_LIMIT) {}

  /** The entries, oldest first. */
  get entries(): readonly TraceEntry[] {
    return this.#entries;
  }

  /** Whether an entry is open (code runs inside {@link during}). */
  get isOpen(): boolean {
    return this.#open.length > 0;
  }

  /**
   * Opens an entry for `event`, runs `run`, and closes it; steps recorded meanwhile belong to it.
   * `emptyNote` is added when `run` recorded nothing, so that an ignored intent is visible too.
   */
  during<T>(source: TraceSource, event: string, run: () => T, emptyNote?: string): T {
    const entry = this.#add(source, event);
    this.#open.push(entry);
    try {
      return run();
    } finally {
      this.#open.splice(this.#open.lastIndexOf(entry), 1);
      if (entry.steps.length === 0 && emptyNote !== undefined) entry.steps.push({ kind: 'note', text: emptyNote });
      this.#changed();
    }
  }

  /** Records a contract call (pending) in the open entry, or in an entry of its own. */
  contractCall(method: string): PendingContractCall {
    const entry = this.#current();
    entry.steps.push({ kind: 'contract', method, verdict: { state: 'pending' } });
    this.#changed();
    return { entry: entry.id, index: entry.steps.length - 1 };
  }

  /** Records the bridge's verdict on a contract call. */
  settle(call: PendingContractCall, verdict: ContractVerdict): void {
    const entry = this.#entries.find((e) => e.id === call.entry);
    const step = entry?.steps[call.index];
    if (entry === undefined || step?.kind !== 'contract') return;
    entry.steps[call.index] = { ...step, verdict };
    this.#changed();
  }

  /**
   * Records a vendor method the connector called. Only inside an entry: the panel's own buttons
   * call the same methods, and those are the vendor UI acting, not the connector.
   */
  vendorCall(call: string): void {
    const entry = this.#open.at(-1);
    if (entry === undefined) return;
    entry.steps.push({ kind: 'vendor', call });
    this.#changed();
  }

  /** Records a problem the connector reported (its error code). */
  report(code: string): void {
    this.#current().steps.push({ kind: 'report', code });
    this.#changed();
  }

  /** Adds a finished entry with one note (a fact about the vendor that caused no call). */
  note(source: TraceSource, event: string, text: string): void {
    this.#add(source, event).steps.push({ kind: 'note', text });
    this.#changed();
  }

  /** Calls `listener` after every change; returns the unsubscribe function. */
  onChange(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => void this.#listeners.delete(listener);
  }

  #current(): MutableEntry {
    // A step with no cause in progress (a queued event applied after load, say) still shows.
    return this.#open.at(-1) ?? this.#add('connector', 'outside a vendor event');
  }

  #add(source: TraceSource, event: string): MutableEntry {
    const entry: MutableEntry = { id: this.#nextId++, source, event, steps: [] };
    this.#entries.push(entry);
    if (this.#entries.length > this.limit) this.#entries.splice(0, this.#entries.length - this.limit);
    return entry;
  }

  #changed(): void {
    for (const listener of [...this.#listeners]) listener();
  }
}
