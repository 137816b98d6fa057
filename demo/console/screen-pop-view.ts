import type { FakeContact, FakeCrm } from '../../adapters/fake/index.js';
import type { CrmRecordRef } from '../../src/index.js';
import { byId, el } from '../dom.js';
import { formatPhone } from '../fixtures.js';
import type { FakePop } from './crm-store.js';

/** Creates a contact for a number no contact has (the agent typed the name). */
export type CreateContact = (name: string, phone: string) => Promise<FakeContact>;

/** Links the record the agent picked to a live call (the adapter context's `linkRecord`). */
export type LinkRecord = (conversationId: string, record: CrmRecordRef) => Promise<void>;

/** What the pop card shows: a record, a search, or the new-contact form. */
type Shown = { readonly kind: 'record'; readonly record: CrmRecordRef; readonly reason: string } | Unmatched;

/** A pop with no single record: several contacts share the number (`search`), or none has it (`new`). */
interface Unmatched {
  readonly kind: 'search' | 'new';
  readonly phone: string;
  readonly conversationId: string;
  readonly direction: 'inbound' | 'outbound' | undefined;
}

/** A contact as the bridge links calls to it. */
export function contactRecord(contact: FakeContact): CrmRecordRef {
  return { id: contact.id, type: 'Contact', name: contact.name };
}

/** "Call from …" or "Call to …": a pop for an outbound call names the number dialled. */
function callReason(phone: string, direction: 'inbound' | 'outbound' | undefined): string {
  return `${direction === 'outbound' ? 'Call to' : 'Call from'} ${formatPhone(phone)}`;
}

/**
 * The screen-pop card: what the CRM opened for the latest call. One match opens the contact
 * (with how many calls are logged against it), several list the matches, each with "This is the
 * caller", which links the call (and so its log) to that contact; none show the new-contact form.
 * Above the record, a notice says what the CRM refused to do (a click-to-dial during a call),
 * without replacing the record of the call in progress.
 */
export class ScreenPopView {
  readonly #crm: FakeCrm;
  readonly #create: CreateContact;
  readonly #link: LinkRecord;
  readonly #card = byId('screen-pop', HTMLElement);
  readonly #reason = byId('pop-reason', HTMLParagraphElement);
  readonly #notice = byId('pop-notice', HTMLDivElement);
  readonly #body = byId('pop-body', HTMLDivElement);
  #shown: Shown | undefined;

  constructor(crm: FakeCrm, create: CreateContact, link: LinkRecord) {
    this.#crm = crm;
    this.#create = create;
    this.#link = link;
    // The call count of the open record follows the log.
    crm.onChange(() => {
      if (this.#shown?.kind === 'record') this.#render();
    });
  }

  /** Shows a screen pop the CRM made for a call. */
  show(pop: FakePop): void {
    const shown = pop.shown;
    this.#set(
      typeof shown === 'object'
        ? { kind: 'record', record: shown, reason: callReason(pop.phoneNumber, pop.direction) }
        : { kind: shown, phone: pop.phoneNumber, conversationId: pop.conversationId, direction: pop.direction },
    );
  }

  /** Opens a record the agent chose (a click-to-dial). */
  showRecord(record: CrmRecordRef, reason: string): void {
    this.#set({ kind: 'record', record, reason });
  }

  /**
   * Says, above the record (which stays), what the CRM did not do and why; `actions` are buttons
   * that let the agent decide. {@link clearNotice} removes it; a new pop does too.
   */
  notify(text: string, ...actions: HTMLButtonElement[]): void {
    this.#notice.hidden = false;
    this.#notice.replaceChildren(
      el('p', { text }),
      ...(actions.length === 0 ? [] : [el('div', { className: 'actions' }, ...actions)]),
    );
  }

  /** Removes the notice. */
  clearNotice(): void {
    this.#notice.hidden = true;
    this.#notice.replaceChildren();
  }

  #set(shown: Shown): void {
    this.#shown = shown;
    this.clearNotice();
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
      this.#reason.textContent = callReason(shown.phone, shown.direction);
      const matches = this.#crm.findContacts(shown.phone);
      this.#body.replaceChildren(
        el('h3', { text: 'Several contacts match' }),
        el('p', { text: `${matches.map((c) => c.name).join(', ')} share this number. Which one is on the line?` }),
        el('ul', { className: 'matches' }, ...matches.map((contact) => this.#match(shown, contact))),
      );
    } else {
      this.#reason.textContent = callReason(shown.phone, shown.direction);
      this.#body.replaceChildren(
        el('h3', { text: 'New contact' }),
        el('p', { text: 'No contact has this number.' }),
        this.#newContactForm(shown),
      );
    }
  }

  /** One match of a shared line: its name, and the button that makes it the call's record. */
  #match(shown: Unmatched, contact: FakeContact): HTMLLIElement {
    const button = el('button', {
      className: 'primary',
      text: 'This is the caller',
      attrs: { type: 'button', 'aria-label': `${contact.name} is the caller` },
    });
    button.addEventListener('click', () => {
      button.disabled = true;
      const record = contactRecord(contact);
      this.#link(shown.conversationId, record).then(
        () =>
          this.showRecord(record, `${callReason(shown.phone, shown.direction)} · caller picked, the call is linked`),
        () => {
          button.disabled = false;
          this.notify(
            `${contact.name} could not be linked to this call: the bridge no longer has it, or is not connected.`,
          );
        },
      );
    });
    return el(
      'li',
      {},
      el('span', { className: 'strong', text: contact.name }),
      el('span', { className: 'mono muted', text: contact.id }),
      button,
    );
  }

  #recordDetails(record: CrmRecordRef): HTMLElement[] {
    const contact = this.#crm.contacts.find((c) => c.id === record.id);
    const calls = this.#crm.callLogs().filter((log) => log.call.crmRecord?.id === record.id).length;
    const field = (term: string, value: string) => el('div', {}, el('dt', { text: term }), el('dd', { text: value }));
    return [
      el('h3', { text: record.name ?? record.id }),
      el(
        'dl',
        { className: 'fields' },
        field(record.type ?? 'Record', record.id),
        field('Phone', contact === undefined ? '–' : formatPhone(contact.phone)),
        field('Calls logged', String(calls)),
      ),
    ];
  }

  /** Saves a new contact for the caller's number and links the call to it (when the bridge still has the call). */
  #newContactForm({ phone, conversationId, direction }: Unmatched): HTMLFormElement {
    const input = el('input', {
      attrs: { id: 'new-contact-name', type: 'text', autocomplete: 'off', maxlength: '80', required: '' },
    });
    const form = el(
      'form',
      { className: 'inline-form' },
      el('label', { text: 'Name', attrs: { for: 'new-contact-name' } }),
      input,
      el('button', { className: 'primary', text: 'Save contact', attrs: { type: 'submit' } }),
    );
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const name = input.value.trim();
      if (name === '') return;
      void this.#create(name, phone).then(
        async (contact) => {
          const record = contactRecord(contact);
          // A call long over cannot be linked any more; the contact is saved all the same.
          const linked = await this.#link(conversationId, record).then(
            () => true,
            () => false,
          );
          this.showRecord(
            record,
            linked ? `Contact created · ${callReason(phone, direction)} linked to it` : 'Contact created',
          );
        },
        () => (this.#reason.textContent = 'The contact could not be saved.'),
      );
    });
    return form;
  }
}
