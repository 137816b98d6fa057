import { html, type TemplateResult } from 'lit';

/** What the dial pad shows and where its input goes. */
export interface DialPadView {
  readonly number: string;
  readonly disabled: boolean;
  /** Why the last number could not be dialled; '' when there is nothing to say. */
  readonly error: string;
  /** The whole number, typed or pasted in the field. */
  readonly onNumber: (number: string) => void;
  /** One key pressed; `''` deletes the last character. Read against the current number, not this render's. */
  readonly onKey: (key: string) => void;
  readonly onDial: () => void;
}

/**
 * Keys of the pad; `*` and `#` get spoken names, digits speak for themselves. The spoken name is
 * the key's (visually hidden) content, not an `aria-label`, so the accessible name never
 * mismatches the visible symbol (axe `label-content-name-mismatch`, D23).
 */
const KEYS: readonly (readonly [key: string, label: string | undefined])[] = [
  ['1', undefined],
  ['2', undefined],
  ['3', undefined],
  ['4', undefined],
  ['5', undefined],
  ['6', undefined],
  ['7', undefined],
  ['8', undefined],
  ['9', undefined],
  ['*', 'star'],
  ['0', undefined],
  ['#', 'pound'],
];

/**
 * The dial pad of `<sb-softphone>`: a number field (type or paste, Enter dials), twelve keys, a
 * delete key and Dial. A template, not an element: it has no state of its own.
 */
export function dialPad(view: DialPadView): TemplateResult {
  const empty = view.number.trim() === '';
  return html`
    <fieldset class="dial-pad">
      <legend>Dial pad</legend>
      <label for="dial-number">Number to dial</label>
      <div class="dial-row">
        <input
          id="dial-number"
          type="tel"
          autocomplete="off"
          .value=${view.number}
          ?disabled=${view.disabled}
          aria-invalid=${view.error === '' ? 'false' : 'true'}
          aria-describedby="dial-error"
          @input=${(e: Event) => view.onNumber((e.target as HTMLInputElement).value)}
          @keydown=${(e: KeyboardEvent) => {
            if (e.key !== 'Enter' || e.isComposing) return;
            // Dial, and only dial (D1): dialing disables this field and focus moves on to Hang up;
            // without preventDefault the same Enter's keypress would press Hang up at once.
            e.preventDefault();
            view.onDial();
          }}
        />
        <button
          id="dial-delete"
          type="button"
          aria-label="Delete last digit"
          ?disabled=${view.disabled || empty}
          @click=${() => view.onKey('')}
        >
          ⌫
        </button>
      </div>
      <p id="dial-error" class="field-error">${view.error}</p>
      <div class="keys" role="group" aria-label="Keys">
        ${KEYS.map(
          ([key, label]) =>
            html`<button
              type="button"
              class="key"
              data-key=${key}
              ?disabled=${view.disabled}
              @click=${() => view.onKey(key)}
            >
              ${label === undefined ? key : html`<span aria-hidden="true">${key}</span><span class="visually-hidden">${label}</span>`}
            </button>`,
        )}
      </div>
      <button id="dial" type="button" class="primary wide" ?disabled=${view.disabled || empty} @click=${view.onDial}>
        Dial
      </button>
    </fieldset>
  `;
}
