import type { FakeCrm } from '../../adapters/fake/index.js';
import type { Bridge } from '../../src/index.js';
import { byId } from '../dom.js';

/** How many call-log writes the switch breaks. */
const FAULTS = 3;

/**
 * "CRM fails the next 3 writes": shows the outbox at work. The writes fail before they commit,
 * `<sb-bridge-status>` shows them pending with the last error, and the outbox retries with
 * backoff until the CRM confirms: still one record per call. The note counts the faults left,
 * then says the outbox is retrying until the failed write has landed (D11: the faults running out
 * is not yet the recovery), and only then clears and re-arms the switch.
 */
export class FaultSwitch {
  readonly #box = byId('fail-writes', HTMLInputElement);
  readonly #note = byId('fault-note', HTMLSpanElement);
  #left = 0;
  /** The writes that failed under the switch and have not landed yet. */
  readonly #failed = new Set<string>();

  constructor(crm: FakeCrm, bridge: Bridge) {
    this.#box.addEventListener('change', () => {
      if (!this.#box.checked || this.#busy) return;
      crm.injectFaults('before', FAULTS);
      this.#left = FAULTS;
      this.#render();
    });
    bridge.on('outbox.failed', (entry) => {
      if (entry.kind !== 'callLog' || this.#left === 0) return;
      this.#left -= 1;
      this.#failed.add(entry.key);
      this.#render();
    });
    bridge.on('outbox.written', (entry) => {
      if (this.#failed.delete(entry.key)) this.#render();
    });
  }

  get #busy(): boolean {
    return this.#left > 0 || this.#failed.size > 0;
  }

  #render(): void {
    const busy = this.#busy;
    this.#box.checked = busy;
    this.#box.disabled = busy;
    this.#note.textContent =
      this.#left > 0 ? `${this.#left} to go` : busy ? 'faults used up; the outbox is retrying…' : '';
  }
}
