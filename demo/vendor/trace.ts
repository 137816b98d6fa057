/**
 * The panel's trace: what made the connector act (a vendor event, a CRM intent, an event of the
 * relay's agent stream) and what it did as a result (contract calls and their verdicts, vendor
 * methods, reports), plus what the vendor's cloud posted to the relay and the relay's answer. It
 * is the visible form of "vendor event → HTTP post → relay ack → stream event → contract call →
 * bridge verdict".
 *
 * Attribution is by nesting rather than by matching ids: connectors handle a vendor event (or a
 * stream event) synchronously inside its listener, so whatever happens while {@link Trace.during}
 * runs belongs to that event. What finishes later (the bridge's verdict, the relay's HTTP answer)
 * is a pending step of its entry, settled in place. Nothing here knows about a vendor or the DOM.
 */

/** Who started a trace entry: the vendor's SDK, the CRM, the vendor's cloud posting to the relay, the relay's agent stream, or nobody known. */
export type TraceSource = 'vendor' | 'crm' | 'cloud' | 'relay' | 'connector';

/** The answer to an HTTP request: still running, answered with a status (and a short reply), or failed without one. */
export type HttpOutcome =
  | { readonly state: 'pending' }
  | { readonly state: 'answered'; readonly status: number; readonly reply: string }
  | { readonly state: 'failed'; readonly reason: string };

/** A contract call's verdict from the bridge: still running, accepted, or refused with a code. */
export type ContractVerdict =
  { readonly state: 'pending' } | { readonly state: 'accepted' } | { readonly state: 'refused'; readonly code: string };

/** One thing the connector did while an entry was open. */
export type TraceStep =
  | { readonly kind: 'contract'; readonly method: string; readonly verdict: ContractVerdict }
  | { readonly kind: 'vendor'; readonly call: string }
  | { readonly kind: 'report'; readonly code: string }
  | { readonly kind: 'http'; readonly request: string; readonly outcome: HttpOutcome }
  | { readonly kind: 'note'; readonly text: string };

/** One cause and its effects, in order. */
export interface TraceEntry {
  readonly id: number;
  readonly source: TraceSource;
  readonly event: string;
  readonly steps: readonly TraceStep[];
}

/** A step in flight (a contract call, an HTTP request); {@link Trace.settle} and {@link Trace.answer} record how it ended. */
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

  /** Records an HTTP request (pending) in the open entry, or in an entry of its own. */
  httpRequest(request: string): PendingContractCall {
    const entry = this.#current();
    entry.steps.push({ kind: 'http', request, outcome: { state: 'pending' } });
    this.#changed();
    return { entry: entry.id, index: entry.steps.length - 1 };
  }

  /** Records how an HTTP request ended. */
  answer(request: PendingContractCall, outcome: HttpOutcome): void {
    const entry = this.#entries.find((e) => e.id === request.entry);
    const step = entry?.steps[request.index];
    if (entry === undefined || step?.kind !== 'http') return;
    entry.steps[request.index] = { ...step, outcome };
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
