import { labelled, textInput } from './dom.js';

/** Who calls in: the name the vendor's softphone shows and the number its SDK reports. */
export interface Caller {
  readonly name: string;
  readonly number: string;
}

/**
 * The first contact of the demo CRM (demo/fixtures.ts), so that a first click pops a record.
 * Invented; the 555-01xx range is reserved for fiction.
 */
const DEFAULT_CALLER: Caller = { name: 'Maya Okafor', number: '+14155550101' };

/** The "who is calling" inputs of the panels with inbound calls (Sobot, Voicenter). */
export class CallerFields {
  readonly #name = textInput(DEFAULT_CALLER.name, { autocomplete: 'off' });
  readonly #number = textInput(DEFAULT_CALLER.number, { inputmode: 'tel', autocomplete: 'off' });

  /** The two labelled inputs, to place in a group. */
  readonly elements: readonly HTMLLabelElement[] = [
    labelled('Caller name', this.#name),
    labelled('Caller number', this.#number),
  ];

  /** The caller as typed (trimmed). */
  read(): Caller {
    return { name: this.#name.value.trim(), number: this.#number.value.trim() };
  }
}

/** "Maya Okafor · +14155550101", or the number alone when there is no name. */
export function callerLine(caller: Caller): string {
  return caller.name === '' ? caller.number : `${caller.name} · ${caller.number}`;
}
