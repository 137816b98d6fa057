import { html, nothing, type TemplateResult } from 'lit';

/** What the wrap-up form shows and where its input goes. */
export interface WrapUpView {
  /** The codes from the `disposition` callback. */
  readonly dispositions: readonly string[];
  readonly disposition: string;
  readonly notes: string;
  /** Whether there is a call to wrap up (on it, or after it). */
  readonly open: boolean;
  /** The call is over (after-call work): a new call would submit this wrap-up first, so say so. */
  readonly afterCall: boolean;
  readonly onDisposition: (code: string) => void;
  readonly onNotes: (notes: string) => void;
  readonly onSubmit: () => void;
}

/**
 * The wrap-up form of `<sb-softphone>`: disposition, notes, Submit. A template, not an element.
 * Hidden while there is no call to wrap up, so an idle panel shows no stale values (D12).
 * Codes and notes are bound as text and values only, so markup in them stays characters.
 */
export function wrapUpForm(view: WrapUpView): TemplateResult {
  return html`
    <fieldset class="wrapup" ?hidden=${!view.open}>
      <legend>Wrap-up</legend>
      <label for="disposition">Disposition</label>
      <select
        id="disposition"
        ?disabled=${!view.open}
        @change=${(e: Event) => view.onDisposition((e.target as HTMLSelectElement).value)}
      >
        <option value="" ?selected=${view.disposition === ''}>
          ${view.dispositions.length === 0 ? 'No codes from the CRM yet' : 'Choose a disposition'}
        </option>
        ${view.dispositions.map((code) => html`<option value=${code} ?selected=${code === view.disposition}>${code}</option>`)}
      </select>
      <label for="notes">Notes</label>
      <textarea
        id="notes"
        rows="3"
        .value=${view.notes}
        ?disabled=${!view.open}
        @input=${(e: Event) => view.onNotes((e.target as HTMLTextAreaElement).value)}
      ></textarea>
      <button id="submit-notes" type="button" class="primary wide" ?disabled=${!view.open} @click=${view.onSubmit}>
        Submit notes
      </button>
      ${view.afterCall ? html`<p id="wrapup-hint" class="hint">A new call submits this wrap-up first.</p>` : nothing}
    </fieldset>
  `;
}
