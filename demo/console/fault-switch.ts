import type { FakeCrm } from '../../adapters/fake/index.js';
import type { Bridge } from '../../src/index.js';
import { byId } from '../dom.js';

/** How many call-log writes the switch breaks. */
const FAULTS = 3;

/**
 * "CRM fails the next 3 writes": shows the outbox at work. The writes fail before they commit,
 * `<sb-bridge-status>` shows them pending with the last error, and the outbox retries with
 * backoff until the CRM confirms: still one record per call.
 */
export class FaultSwitch {
  readonly #box = byId('fail-writes', HTMLInputElement);
  readonly #note = byId('fault-note', HTMLSpanElement);
  #left = 0;

  constructor(crm: FakeCrm, bridge: Bridge) {
    this.#box.addEventListener('change', () => {
      if (!this.#box.checked || this.#left > 0) return;
      crm.injectFaults('before', FAULTS);
      this.#left = FAULTS;
      this.#render();
    });
    bridge.on('outbox.failed', (entry) => {
      if (entry.kind !== 'callLog' || this.#left === 0) return;
      this.#left -= 1;
      this.#render();
    });
  }

  #render(): void {
    const armed = this.#left > 0;
    this.#box.checked = armed;
    this.#box.disabled = armed;
    this.#note.textContent = armed ? `${this.#left} to go` : '';
  }
}
