import type { FakeAdapter, FakeCallLogRecord, FakeCrm } from '../adapters/fake/index.js';
import type { CrmRecordRef } from '../src/index.js';
import { byId, el, setOptions } from './dom.js';
import { formatDuration, formatPhone, STATUSES } from './fixtures.js';

/** How many writes the "CRM fails the next 3 writes" switch breaks. */
const FAULTS = 3;

const OUTCOME_LABELS: Readonly<Record<string, string>> = {
  completed: 'Completed',
  unanswered: 'Unanswered',
  missed: 'Missed',
  declined: 'Declined',
};

/**
 * The right pane: what the fake CRM holds and shows. It acts as the CRM's user too: click-to-dial
 * and presence go through the adapter's handles, as a CRM's own UI would.
 */
export class CrmView {
  readonly #crm: FakeCrm;
  #adapter: FakeAdapter | undefined;
  readonly #ui = {
    presence: byId('crm-presence', HTMLSelectElement),
    contacts: byId('contacts', HTMLUListElement),
    pop: byId('screen-pop', HTMLParagraphElement),
    popDetail: byId('screen-pop-detail', HTMLParagraphElement),
    failWrites: byId('fail-writes', HTMLInputElement),
    faultNote: byId('fault-note', HTMLParagraphElement),
    log: byId('call-log', HTMLTableSectionElement),
    logEmpty: byId('call-log-empty', HTMLParagraphElement),
    logCount: byId('log-count', HTMLSpanElement),
  };
  #faultsLeft = 0;

  constructor(crm: FakeCrm) {
    this.#crm = crm;
    const ui = this.#ui;
    setOptions(ui.presence, STATUSES.map((s) => ({ value: s.id, label: s.label })));
    ui.presence.addEventListener('change', () => {
      void this.#adapter?.changePresence(ui.presence.value).catch(() => undefined);
    });
    ui.failWrites.addEventListener('change', () => {
      if (!ui.failWrites.checked || this.#faultsLeft > 0) return;
      this.#crm.injectFaults('before', FAULTS);
      this.#faultsLeft = FAULTS;
      this.#renderFaults();
    });
    crm.onChange(() => this.renderCallLog());
    this.#renderContacts();
    this.renderCallLog();
  }

  /** Connects the CRM's own controls to the adapter once it exists. */
  attach(adapter: FakeAdapter): void {
    this.#adapter = adapter;
    this.#ui.presence.disabled = false;
    this.#renderContacts();
  }

  /**
   * Wraps the adapter so the view learns of screen pops and presence writes (FakeCrm announces
   * only call-log changes). Everything else passes through untouched.
   */
  observe(adapter: FakeAdapter): FakeAdapter {
    const { screenPop, setPresence } = adapter;
    return {
      ...adapter,
      ...(screenPop === undefined
        ? {}
        : {
            screenPop: async (request) => {
              const result = await screenPop(request);
              this.renderScreenPop();
              return result;
            },
          }),
      ...(setPresence === undefined
        ? {}
        : {
            setPresence: async (write) => {
              const receipt = await setPresence(write);
              this.#showPresence(write.softphoneId);
              return receipt;
            },
          }),
    };
  }

  /** A call-log write failed (an injected fault, in this demo). */
  noteWriteFailed(): void {
    if (this.#faultsLeft === 0) return;
    this.#faultsLeft -= 1;
    this.#renderFaults();
  }

  renderScreenPop(): void {
    const latest = this.#crm.pops.at(-1);
    if (latest === undefined) return;
    const shown = latest.shown;
    if (shown === 'search') this.#setPop('search', 'Search shown for several matches', `for ${formatPhone(latest.phoneNumber)}`);
    else if (shown === 'new') this.#setPop('new', 'New contact form', `for ${formatPhone(latest.phoneNumber)}`);
    else this.#setPop('record', opened(shown), `matched ${formatPhone(latest.phoneNumber)}`);
  }

  renderCallLog(): void {
    const ui = this.#ui;
    const logs = this.#crm.callLogs().reverse();
    ui.log.replaceChildren(...logs.map((log) => row(log)));
    ui.logEmpty.hidden = logs.length > 0;
    ui.logCount.textContent = logs.length === 0 ? '' : `${logs.length} ${logs.length === 1 ? 'record' : 'records'}`;
  }

  #setPop(kind: string, text: string, detail: string): void {
    this.#ui.pop.textContent = text;
    this.#ui.pop.dataset['kind'] = kind;
    this.#ui.popDetail.textContent = detail;
  }

  #showPresence(softphoneId: string): void {
    const select = this.#ui.presence;
    if ([...select.options].some((o) => o.value === softphoneId)) select.value = softphoneId;
  }

  #renderFaults(): void {
    const ui = this.#ui;
    const armed = this.#faultsLeft > 0;
    ui.failWrites.checked = armed;
    ui.failWrites.disabled = armed;
    ui.faultNote.textContent = armed
      ? `${this.#faultsLeft} of ${FAULTS} failures to go: the next call-log writes fail and the outbox retries them.`
      : `All ${FAULTS} injected failures happened; the outbox retries until the CRM confirms.`;
  }

  #renderContacts(): void {
    const items = this.#crm.contacts.map((contact) => {
      const record: CrmRecordRef = { id: contact.id, type: 'Contact', name: contact.name };
      const button = el('button', { className: 'link', text: formatPhone(contact.phone), attrs: { type: 'button', 'aria-label': `Call ${contact.name} at ${formatPhone(contact.phone)}` } });
      button.disabled = this.#adapter === undefined;
      button.addEventListener('click', () => {
        this.#setPop('record', opened(record), 'clicked to dial');
        void this.#adapter?.clickToDial({ dialTo: contact.phone, crmRecord: record }).catch(() => undefined);
      });
      return el('li', {}, el('span', { className: 'name', text: contact.name }), button);
    });
    this.#ui.contacts.replaceChildren(...items);
  }
}

function opened(record: CrmRecordRef): string {
  return `Opened ${record.type ?? 'record'}: ${record.name ?? record.id}`;
}

function row(log: FakeCallLogRecord): HTMLTableRowElement {
  const { call } = log;
  const contact = call.crmRecord?.name ?? (call.phoneNumber === '' ? 'Withheld number' : formatPhone(call.phoneNumber));
  const outcome = call.outcome ?? call.state;
  const notes = call.notes ?? '';
  return el(
    'tr',
    {},
    el('td', {}, el('span', { className: 'contact', text: contact, attrs: { title: contact } }), el('span', { className: 'sub', text: call.crmRecord === undefined ? 'not linked' : formatPhone(call.phoneNumber) })),
    el('td', { className: 'nowrap', text: call.direction === 'inbound' ? 'Inbound' : 'Outbound' }),
    el('td', {}, el('span', { className: 'outcome', text: OUTCOME_LABELS[outcome] ?? outcome, attrs: { 'data-outcome': outcome } })),
    el('td', { className: 'num', text: call.durationSeconds === undefined ? '–' : formatDuration(call.durationSeconds) }),
    el('td', { className: 'disposition', text: call.disposition === undefined || call.disposition === '' ? '–' : call.disposition }),
    el('td', { className: 'notes' }, el('span', { className: 'clamp', text: notes === '' ? '–' : notes, attrs: notes === '' ? {} : { title: notes } })),
    el(
      'td',
      {},
      el('span', { className: 'record-id', text: log.id }),
      el('span', { className: 'sub wrap', text: `${log.creates} ${log.creates === 1 ? 'create' : 'creates'} · ${log.updates} ${log.updates === 1 ? 'update' : 'updates'}` }),
    ),
  );
}
