import { textElement } from './dom.js';
import type { Trace, TraceEntry, TraceSource, TraceStep } from './trace.js';

/** The bridge's verdict for a replay it does not apply: expected, not a failure. */
const IGNORED = 'CALL_TRANSITION_IGNORED';

/**
 * Renders a {@link Trace} as a list, one item per cause: "Sobot · EventRinging" and under it
 * "→ incomingCall · accepted". Re-rendered in full on each change (a few dozen items), always
 * through `textContent`.
 */
export class TraceView {
  readonly element: HTMLOListElement;
  readonly #unsubscribe: () => void;

  constructor(
    private readonly trace: Trace,
    private readonly vendorTitle: string,
  ) {
    this.element = document.createElement('ol');
    this.element.className = 'vs-trace-list';
    // Scrollable: focusable so that keyboard users can scroll it too.
    this.element.tabIndex = 0;
    this.element.setAttribute('aria-label', 'Trace: vendor event → contract call');
    this.#unsubscribe = trace.onChange(() => this.render());
    this.render();
  }

  /** Shows the trace as it is now, scrolled to the newest entry. */
  render(): void {
    const entries = this.trace.entries;
    if (entries.length === 0) {
      this.element.replaceChildren(
        textElement('li', 'Nothing yet: use the buttons above, or act in the CRM.', 'vs-entry'),
      );
      return;
    }
    this.element.replaceChildren(...entries.map((entry) => this.#item(entry)));
    this.element.scrollTop = this.element.scrollHeight;
  }

  /** Stops following the trace. */
  dispose(): void {
    this.#unsubscribe();
  }

  #item(entry: TraceEntry): HTMLLIElement {
    const item = document.createElement('li');
    item.className = 'vs-entry';
    item.dataset['source'] = entry.source;
    item.append(textElement('span', `${this.#sourceLabel(entry.source)} · ${entry.event}`, 'vs-event'));
    const steps =
      entry.steps.length === 0 && (entry.source === 'vendor' || entry.source === 'relay') ? [noCall] : entry.steps;
    for (const step of steps) item.append(stepElement(step));
    return item;
  }

  #sourceLabel(source: TraceSource): string {
    switch (source) {
      case 'vendor':
        return this.vendorTitle;
      case 'crm':
        return 'CRM';
      case 'cloud':
        return `${this.vendorTitle} cloud`;
      case 'relay':
        return 'Relay stream';
      case 'connector':
        return 'Connector';
    }
  }
}

/** A vendor event or stream event the connector turned into nothing (a duplicate, a registration callback). */
const noCall: TraceStep = { kind: 'note', text: 'no contract call' };

function stepElement(step: TraceStep): HTMLSpanElement {
  const span = textElement('span', stepText(step), 'vs-step');
  span.dataset['kind'] = step.kind;
  if (step.kind === 'contract')
    span.dataset['verdict'] =
      step.verdict.state === 'refused' && step.verdict.code === IGNORED ? 'ignored' : step.verdict.state;
  if (step.kind === 'http')
    span.dataset['verdict'] =
      step.outcome.state === 'answered'
        ? step.outcome.status < 300
          ? 'accepted'
          : 'refused'
        : step.outcome.state === 'failed'
          ? 'refused'
          : 'pending';
  return span;
}

function stepText(step: TraceStep): string {
  switch (step.kind) {
    case 'contract': {
      const verdict = step.verdict;
      if (verdict.state === 'pending') return `→ ${step.method} · pending…`;
      if (verdict.state === 'accepted') return `→ ${step.method} · accepted`;
      return verdict.code === IGNORED
        ? `→ ${step.method} · ignored by the bridge (${IGNORED})`
        : `→ ${step.method} · refused (${verdict.code})`;
    }
    case 'vendor':
      return `→ vendor: ${step.call}`;
    case 'report':
      return `⚠ connector reported ${step.code}`;
    case 'http': {
      const outcome = step.outcome;
      if (outcome.state === 'pending') return `→ ${step.request} · pending…`;
      if (outcome.state === 'failed') return `→ ${step.request} · failed (${outcome.reason})`;
      return `→ ${step.request} · ${outcome.status}${outcome.reply === '' ? '' : ` ${outcome.reply}`}`;
    }
    case 'note':
      return `· ${step.text}`;
  }
}
