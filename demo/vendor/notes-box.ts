import type { ContractTarget, SoftphoneMethod } from '../../src/contract/index.js';
import { buttonRow, group, labelled, textElement } from './dom.js';
import type { Trace } from './trace.js';

/** The contract methods that name a call: the one the agent last heard of is the one notes go to. */
const CALL_METHODS = [
  'incomingCall',
  'callAccepted',
  'callRejected',
  'callEnded',
  'outboundCallInitiated',
] as const satisfies readonly SoftphoneMethod[];

/** The call notes are for: its id and the partner id the connector used for it. */
interface NotedCall {
  readonly conversationId: string;
  readonly partnerId: string;
}

/**
 * "Notes for the CRM" in a vendor panel (D15). None of the simulated vendors' softphones has a
 * notes field (Sociomile's webhook has none either), so a vendor call reached the CRM without
 * notes; this box sends what the agent types with `callNotesSubmitted`, the contract's wrap-up
 * method, for the call the connector last reported, through the traced contract so that the
 * trace shows it. Sent notes clear the box; a refusal keeps the text.
 */
export class NotesBox {
  readonly element: HTMLFieldSetElement;
  readonly #notes = document.createElement('textarea');
  readonly #send = document.createElement('button');
  readonly #state = textElement(
    'p',
    'No call yet: notes go to the call in progress or the one that just ended.',
    'vs-sub',
  );
  #call: NotedCall | undefined;
  #contract: ContractTarget | undefined;

  constructor(private readonly trace: Trace) {
    this.#notes.rows = 3;
    this.#notes.maxLength = 2000;
    this.#send.type = 'button';
    this.#send.className = 'vs-button';
    this.#send.append(
      textElement('span', 'Send notes', 'vs-label'),
      textElement('span', 'callNotesSubmitted', 'vs-hint'),
    );
    this.#send.addEventListener('click', () => void this.#submit());
    this.#notes.addEventListener('input', () => this.#render());
    this.element = group('Notes for the CRM', labelled('Notes', this.#notes), buttonRow(this.#send), this.#state);
    this.#render();
  }

  /**
   * `contract` (the traced one the connector uses), with each call the connector reports
   * remembered as the call notes go to; `callNotesSubmitted` from the box goes through it too.
   */
  watch(contract: ContractTarget): ContractTarget {
    this.#contract = contract;
    const watched: ContractTarget = { ...contract };
    for (const method of CALL_METHODS) {
      const original = contract[method] as (params: Record<string, unknown>) => Promise<unknown>;
      (watched as unknown as Record<string, unknown>)[method] = (params: Record<string, unknown>) => {
        const { conversationId, partnerId } = params;
        if (typeof conversationId === 'string' && typeof partnerId === 'string') {
          this.#call = { conversationId, partnerId };
          this.#render();
        }
        return original(params);
      };
    }
    return watched;
  }

  async #submit(): Promise<void> {
    const call = this.#call;
    const contract = this.#contract;
    const notes = this.#notes.value;
    if (call === undefined || contract === undefined || notes.trim() === '') return;
    this.#send.disabled = true;
    try {
      await this.trace.during('vendor', 'Notes typed in the panel', () =>
        contract.callNotesSubmitted({ partnerId: call.partnerId, conversationId: call.conversationId, notes }),
      );
      this.#notes.value = '';
      this.#state.textContent = 'Notes sent to the CRM with the call.';
    } catch {
      this.#state.textContent = 'The bridge refused the notes (see the trace); they are still in the box.';
    } finally {
      this.#render();
    }
  }

  #render(): void {
    this.#send.disabled = this.#call === undefined || this.#notes.value.trim() === '';
  }
}
