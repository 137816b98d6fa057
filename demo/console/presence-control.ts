import type { FakeAdapter } from '../../adapters/fake/index.js';
import { DEFAULT_STATUSES } from '../../src/ui/index.js';
import { byId, el } from '../dom.js';

/**
 * The CRM's own presence selector, offering the statuses `<sb-softphone>` offers (same ids, the
 * contract's `softphoneId`). Changing it asks the softphone to follow (`update_presence`);
 * a status the softphone reports (`statusChanged`, written through the adapter) shows here.
 */
export class PresenceControl {
  readonly #select = byId('presence', HTMLSelectElement);

  constructor(adapter: FakeAdapter) {
    this.#select.replaceChildren(
      ...DEFAULT_STATUSES.map((s) => el('option', { text: s.label, attrs: { value: s.id } })),
    );
    this.#select.addEventListener('change', () => {
      // Refused only while no softphone has loaded; the next status it reports corrects the select.
      void adapter.changePresence(this.#select.value).catch(() => undefined);
    });
  }

  /** The softphone reported a status. */
  show(softphoneId: string): void {
    if ([...this.#select.options].some((o) => o.value === softphoneId)) this.#select.value = softphoneId;
  }
}
