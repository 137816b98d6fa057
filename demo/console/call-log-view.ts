import type { FakeCallLogRecord, FakeCrm } from '../../adapters/fake/index.js';
import { formatDuration } from '../../src/ui/format.js';
import { byId, el } from '../dom.js';
import { formatPhone } from '../fixtures.js';

const OUTCOME_LABELS: Readonly<Record<string, string>> = {
  completed: 'Completed',
  unanswered: 'Unanswered',
  missed: 'Missed',
  declined: 'Declined',
  unconfirmed: 'Answer not reported',
  interrupted: 'Interrupted',
};

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

/**
 * The console's call log: one row per call log the fake CRM holds, newest first, with duration,
 * disposition and notes. It re-renders whenever FakeCrm reports a change. Every value goes in as
 * text: notes are whatever the agent typed.
 */
export class CallLogView {
  readonly #crm: FakeCrm;
  readonly #body = byId('call-log', HTMLTableSectionElement);
  readonly #empty = byId('call-log-empty', HTMLParagraphElement);
  readonly #count = byId('call-log-count', HTMLSpanElement);

  constructor(crm: FakeCrm) {
    this.#crm = crm;
    crm.onChange(() => this.render());
    this.render();
  }

  /** Shows the call logs as the CRM holds them now. */
  render(): void {
    const logs = this.#crm.callLogs().reverse();
    this.#body.replaceChildren(...logs.map(row));
    this.#empty.hidden = logs.length > 0;
    this.#count.textContent = logs.length === 0 ? '' : plural(logs.length, 'record');
  }
}

function row(log: FakeCallLogRecord): HTMLTableRowElement {
  const { call } = log;
  const contact = call.crmRecord?.name ?? (call.phoneNumber === '' ? 'Withheld number' : formatPhone(call.phoneNumber));
  const outcome = call.outcome ?? call.state;
  const notes = call.notes ?? '';
  return el(
    'tr',
    { attrs: { 'data-record': log.id } },
    el('td', {}, el('span', { className: 'strong', text: contact }), el('span', { className: 'sub', text: call.crmRecord === undefined ? 'not linked' : formatPhone(call.phoneNumber) })),
    el('td', { className: 'direction', text: call.direction === 'inbound' ? 'Inbound' : 'Outbound' }),
    el('td', {}, el('span', { className: 'outcome', text: OUTCOME_LABELS[outcome] ?? outcome, attrs: { 'data-outcome': outcome } })),
    el('td', { className: 'num duration', text: call.durationSeconds === undefined ? '–' : formatDuration(call.durationSeconds) }),
    el('td', { className: 'disposition', text: call.disposition === undefined || call.disposition === '' ? '–' : call.disposition }),
    el('td', { className: 'notes', text: notes === '' ? '–' : notes }),
    el('td', {}, el('span', { className: 'mono', text: log.id }), el('span', { className: 'sub', text: `${plural(log.creates, 'create')} · ${plural(log.updates, 'update')}` })),
  );
}
