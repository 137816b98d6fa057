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
 * The vendors' own call outcomes, as their connectors keep them in the call's extra fields
 * (connectors/sociomile/to-contract.ts `webhookFields`, connectors/voicenter/cdr-enrichment.ts
 * `cdrFields`): shown beside the bridge's outcome, since they can disagree (a "NO ANSWER" with
 * talk time).
 */
const VENDOR_OUTCOMES: readonly (readonly [field: string, vendor: string])[] = [
  ['sociomileDisposition', 'Sociomile'],
  ['voicenterStatus', 'Voicenter'],
];

/** A field of the call's extra fields, from whichever contract method sent it last. */
function extraText(call: FakeCallLogRecord['call'], field: string): string | undefined {
  let found: string | undefined;
  // Methods in the order they were merged; a later one (a CDR after the end) wins.
  for (const fields of Object.values(call.extra)) {
    const value =
      typeof fields === 'object' && fields !== null ? (fields as Record<string, unknown>)[field] : undefined;
    if (typeof value === 'string' && value !== '') found = value;
  }
  return found;
}

/** The recording link a vendor sent (Voicenter's CDR, Sociomile's webhook), when it is http(s). */
function recordingUrl(call: FakeCallLogRecord['call']): string | undefined {
  const text = extraText(call, 'recordingUrl');
  if (text === undefined || !URL.canParse(text)) return undefined;
  const url = new URL(text);
  // Only web links: a `javascript:` or `data:` URL from a payload must never become a link.
  return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : undefined;
}

/** What the vendor said about the call's outcome, e.g. "Sociomile: ANSWERED". */
function vendorOutcome(call: FakeCallLogRecord['call']): string | undefined {
  for (const [field, vendor] of VENDOR_OUTCOMES) {
    const value = extraText(call, field);
    if (value !== undefined) return `${vendor}: ${value}`;
  }
  return undefined;
}

/**
 * The console's call log: one row per call log the fake CRM holds, newest first, with duration,
 * disposition and notes, and what a vendor added: its own outcome and the recording link. It re-renders whenever FakeCrm reports a change. Every value goes in as
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
  const recording = recordingUrl(call);
  const vendor = vendorOutcome(call);
  return el(
    'tr',
    { attrs: { 'data-record': log.id } },
    el(
      'td',
      {},
      el('span', { className: 'strong', text: contact }),
      el('span', {
        className: 'sub',
        text: call.crmRecord === undefined ? 'not linked' : formatPhone(call.phoneNumber),
      }),
    ),
    el('td', { className: 'direction', text: call.direction === 'inbound' ? 'Inbound' : 'Outbound' }),
    el(
      'td',
      {},
      el('span', {
        className: 'outcome',
        text: OUTCOME_LABELS[outcome] ?? outcome,
        attrs: { 'data-outcome': outcome },
      }),
      ...(vendor === undefined ? [] : [el('span', { className: 'sub vendor-outcome', text: vendor })]),
    ),
    el('td', {
      className: 'num duration',
      text: call.durationSeconds === undefined ? '–' : formatDuration(call.durationSeconds),
    }),
    el('td', {
      className: 'disposition',
      text: call.disposition === undefined || call.disposition === '' ? '–' : call.disposition,
    }),
    // Clamped to a few lines by the stylesheet; the title holds all of it (as text, like the cell).
    el(
      'td',
      { className: 'notes', attrs: notes === '' ? {} : { title: notes } },
      el('div', { className: 'clamp', text: notes === '' ? '–' : notes }),
    ),
    el(
      'td',
      {},
      el('span', { className: 'mono', text: log.id }),
      el('span', {
        className: 'sub writes',
        text: `${plural(log.creates, 'create')} · ${plural(log.updates, 'update')}`,
      }),
      ...(recording === undefined
        ? []
        : [
            el('a', {
              className: 'sub recording',
              text: 'Recording',
              attrs: { href: recording, target: '_blank', rel: 'noopener noreferrer' },
            }),
          ]),
    ),
  );
}
