import { html, nothing, type TemplateResult } from 'lit';
import type { Caller } from './bridge-like.js';
import { describeParty } from './format.js';

/** The caller select's value for "Another number…". */
const OTHER = 'other';

/** What the inbound-call simulator shows and where its input goes. */
export interface InboundView {
  readonly callers: readonly Caller[];
  /** The caller select's value: an index into `callers`, or `other`. */
  readonly choice: string;
  readonly typed: string;
  readonly disabled: boolean;
  readonly onChoice: (choice: string) => void;
  readonly onTyped: (number: string) => void;
  readonly onSimulate: () => void;
}

/** The select's effective value: `other` (the number field) when there are no callers to pick from. */
function effectiveChoice(callers: readonly Caller[], choice: string): string {
  if (callers.length === 0 || choice === OTHER) return OTHER;
  return callers[Number(choice)] === undefined ? '0' : choice;
}

/** The caller an inbound call would come from: the chosen one, or the typed number (named if it is a known caller's). */
export function chosenCaller(
  callers: readonly Caller[],
  choice: string,
  typed: string,
): { number: string; name: string | undefined } {
  const picked = effectiveChoice(callers, choice);
  const caller = picked === OTHER ? undefined : callers[Number(picked)];
  if (caller !== undefined) return { number: caller.number, name: caller.name };
  const number = typed.trim();
  return { number, name: callers.find((c) => c.number === number)?.name };
}

/**
 * The "Simulate an inbound call" section of `<sb-softphone>`: pick a caller, or type a number.
 * Caller names are bound as text only.
 */
export function inboundForm(view: InboundView): TemplateResult {
  const choice = effectiveChoice(view.callers, view.choice);
  const empty = chosenCaller(view.callers, view.choice, view.typed).number === '';
  return html`
    <fieldset class="inbound">
      <legend>Simulate an inbound call</legend>
      ${
        view.callers.length === 0
          ? nothing
          : html` <label for="caller">Caller</label>
              <select
                id="caller"
                ?disabled=${view.disabled}
                @change=${(e: Event) => view.onChoice((e.target as HTMLSelectElement).value)}
              >
                ${view.callers.map((c, i) => html`<option value=${String(i)} ?selected=${choice === String(i)}>${describeParty(c.name, c.number)}</option>`)}
                <option value=${OTHER} ?selected=${choice === OTHER}>Another number…</option>
              </select>`
      }
      ${
        choice !== OTHER
          ? nothing
          : html` <label for="caller-number">Caller number</label>
              <input
                id="caller-number"
                type="tel"
                autocomplete="off"
                .value=${view.typed}
                ?disabled=${view.disabled}
                @input=${(e: Event) => view.onTyped((e.target as HTMLInputElement).value)}
              />`
      }
      <button id="incoming" type="button" class="wide" ?disabled=${view.disabled || empty} @click=${view.onSimulate}>
        Simulate incoming call
      </button>
    </fieldset>
  `;
}
