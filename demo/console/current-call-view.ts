import type { Bridge, CallRecord } from '../../src/index.js';
import { byId } from '../dom.js';
import { formatPhone } from '../fixtures.js';

const STATE_LABELS: Readonly<Record<CallRecord['state'], string>> = {
  ringing: 'Ringing',
  dialing: 'Dialing',
  connected: 'On call',
  ended: 'Ended',
  wrapped: 'Wrapped up',
  rejected: 'Rejected',
};

/**
 * The console's "current call" line: what the bridge knows of the latest conversation (its
 * `call.updated` events), e.g. "Outbound · Jonas Lindqvist · Dialing" once the softphone has
 * reported the dial that a click-to-dial asked for.
 */
export class CurrentCallView {
  readonly #line = byId('current-call', HTMLParagraphElement);

  constructor(bridge: Bridge) {
    bridge.on('call.updated', (call) => this.#show(call));
  }

  #show(call: CallRecord): void {
    const party = call.crmRecord?.name ?? (call.phoneNumber === '' ? 'Withheld number' : formatPhone(call.phoneNumber));
    this.#line.dataset['state'] = call.state;
    this.#line.textContent = `${call.direction === 'inbound' ? 'Inbound' : 'Outbound'} · ${party} · ${STATE_LABELS[call.state]}`;
  }
}
