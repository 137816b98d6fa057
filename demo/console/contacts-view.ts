import type { FakeContact } from '../../adapters/fake/index.js';
import type { CrmRecordRef } from '../../src/index.js';
import { DialEvent } from '../../src/ui/index.js';
import { byId, el } from '../dom.js';
import { formatPhone } from '../fixtures.js';

/** What a click-to-dial asks for: the number, and the record it was clicked on. */
export type DialHandler = (number: string, record: CrmRecordRef) => void;

/** A contact as the bridge links calls to it. */
function contactRecord(contact: FakeContact): CrmRecordRef {
  return { id: contact.id, type: 'Contact', name: contact.name };
}

/**
 * The contacts table. Each number is an `<sb-call-button>`: its `sb-dial` event is taken over here
 * (preventDefault) so that the dial carries the contact's record, and a shared line still logs
 * against the person the agent clicked rather than asking the CRM to search.
 */
export class ContactsView {
  readonly #body = byId('contacts', HTMLTableSectionElement);
  readonly #dial: DialHandler;

  constructor(dial: DialHandler) {
    this.#dial = dial;
  }

  /** Shows `contacts`, in the order given. */
  render(contacts: readonly FakeContact[]): void {
    this.#body.replaceChildren(...contacts.map((contact) => this.#row(contact)));
  }

  #row(contact: FakeContact): HTMLTableRowElement {
    const button = document.createElement('sb-call-button');
    button.number = contact.phone;
    button.textContent = formatPhone(contact.phone);
    button.addEventListener(DialEvent.eventName, (event) => {
      event.preventDefault();
      this.#dial(event.number, contactRecord(contact));
    });
    return el(
      'tr',
      {},
      el('th', { text: contact.name, attrs: { scope: 'row' } }),
      el('td', {}, button),
      el('td', { className: 'mono muted', text: contact.id }),
    );
  }
}
