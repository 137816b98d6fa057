import type { FakeContact, FakeCrm } from '../../adapters/fake/index.js';
import type { CrmRecordRef } from '../../src/index.js';
import { byId, el } from '../dom.js';
import { formatPhone } from '../fixtures.js';
import type { FakePop } from './crm-store.js';

/** Creates a contact for a number no contact has (the agent typed the name). */
export type CreateContact = (name: string, phone: string) => Promise<FakeContact>;

/** What the pop card shows: a record, a search, or the new-contact form. */
type Shown = { readonly kind: 'record'; readonly record: CrmRecordRef; readonly reason: string } | { readonly kind: 'search' | 'new'; readonly phone: string };

/**
 * The screen-pop card: what the CRM opened for the latest call. One match opens the contact
 * (with how many calls are logged against it), several show a search, none the new-contact form.
 */
export class ScreenPopView {
  readonly #crm: FakeCrm;
  readonly #create: CreateContact;
  readonly #card = byId('screen-pop', HTMLElement);
  readonly #reason = byId('pop-reason', HTMLParagraphElement);
  readonly #body = byId('pop-body', HTMLDivElement);
  #shown: Shown | undefined;

  constructor(crm: FakeCrm, create: CreateContact) {
    this.#crm = crm;
    this.#create = create;
    // The call count of the open record follows the log.
    crm.onChange(() => {
      if (this.#shown?.kind === 'record') this.#render();
    });
  }

  /** Shows a screen pop the CRM made for a call. */
  show(pop: FakePop): void {
    const shown = pop.shown;
    this.#set(typeof shown === 'object' ? { kind: 'record', record: shown, reason: `Call from ${formatPhone(pop.phoneNumber)}` } : { kind: shown, phone: pop.phoneNumber });
  }

  /** Opens a record the agent chose (a click-to-dial). */
  showRecord(record: CrmRecordRef, reason: string): void {
    this.#set({ kind: 'record', record, reason });
  }

  #set(shown: Shown): void {
    this.#shown = shown;
    this.#render();
  }

  #render(): void {
    const shown = this.#shown;
    if (shown === undefined) return;
    this.#card.dataset['kind'] = shown.kind;
    if (shown.kind === 'record') {
      this.#reason.textContent = shown.reason;
      this.#body.replaceChildren(...this.#recordDetails(shown.record));
    } else if (shown.kind === 'search') {
      const names = this.#crm.findContacts(shown.phone).map((c) => c.name);
      this.#reason.textContent = `Call from ${formatPhone(shown.phone)}`;
      this.#body.replaceChildren(el('h3', { text: 'Several contacts match' }), el('p', { text: `${names.join(', ')} share this number. Pick the caller in the contacts list.` }));
    } else {
      this.#reason.textContent = `Call from ${formatPhone(shown.phone)}`;
      this.#body.replaceChildren(el('h3', { text: 'New contact' }), el('p', { text: 'No contact has this number.' }), this.#newContactForm(shown.phone));
    }
  }

  #recordDetails(record: CrmRecordRef): HTMLElement[] {
    const contact = this.#crm.contacts.find((c) => c.id === record.id);
    const calls = this.#crm.callLogs().filter((log) => log.call.crmRecord?.id === record.id).length;
    const field = (term: string, value: string) => el('div', {}, el('dt', { text: term }), el('dd', { text: value }));
    return [
      el('h3', { text: record.name ?? record.id }),
      el('dl', { className: 'fields' }, field(record.type ?? 'Record', record.id), field('Phone', contact === undefined ? '–' : formatPhone(contact.phone)), field('Calls logged', String(calls))),
    ];
  }

  #newContactForm(phone: string): HTMLFormElement {
    const input = el('input', { attrs: { id: 'new-contact-name', type: 'text', autocomplete: 'off', maxlength: '80', required: '' } });
    const form = el('form', { className: 'inline-form' }, el('label', { text: 'Name', attrs: { for: 'new-contact-name' } }), input, el('button', { className: 'primary', text: 'Save contact', attrs: { type: 'submit' } }));
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const name = input.value.trim();
      if (name === '') return;
      void this.#create(name, phone).then(
        (contact) => this.showRecord({ id: contact.id, type: 'Contact', name: contact.name }, 'Contact created'),
        () => (this.#reason.textContent = 'The contact could not be saved.'),
      );
    });
    return form;
  }
}
