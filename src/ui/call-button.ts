import { css, html, LitElement, type PropertyDeclarations, type TemplateResult } from 'lit';
import { DEFAULT_QUEUE_NAME } from './command-queue.js';
import { DialEvent } from './dial-event.js';
import { themeStyles } from './theme.styles.js';

/**
 * @summary A click-to-dial button for any CRM page: `<sb-call-button number="+14155550101">`.
 * On click it fires `sb-dial` (bubbling, composed, cancelable) and, unless a listener called
 * `preventDefault()`, calls the page's command queue: `softphoneBridge('dial', { number })`
 * (see `installCommandQueue`). Without either, the click does nothing else.
 *
 * The button's name is "Call " + its content; the content defaults to the number.
 *
 * @fires sb-dial - {@link DialEvent} with the number to dial.
 * @slot - what the button shows; default: the number.
 * @csspart button - the native button.
 * @cssprop --sb-font - font family
 * @cssprop --sb-accent - primary buttons
 * @cssprop --sb-accent-fg - text on primary buttons
 * @cssprop --sb-border - borders of panel and fields
 * @cssprop --sb-focus - keyboard focus ring
 * @cssprop --sb-radius - corner radius
 */
export class SbCallButton extends LitElement {
  static override styles = [
    themeStyles,
    css`
      :host {
        display: inline-block;
        background: transparent;
      }
      button {
        display: inline-flex;
        align-items: center;
        gap: 0.4em;
        background: var(--_accent);
        color: var(--_accent-fg);
        border-color: var(--_accent);
      }
      svg {
        width: 1em;
        height: 1em;
        fill: currentColor;
      }
    `,
  ];
  static override properties: PropertyDeclarations = {
    number: { type: String, reflect: true },
    disabled: { type: Boolean, reflect: true },
    queue: { type: String },
  };

  /** The number to dial, as the page has it. An empty number disables the button. */
  declare number: string;
  /** Disables the button. */
  declare disabled: boolean;
  /** The name of the page's command-queue global. Default `softphoneBridge`. */
  declare queue: string;

  constructor() {
    super();
    this.number = '';
    this.disabled = false;
    this.queue = DEFAULT_QUEUE_NAME;
  }

  protected override render(): TemplateResult {
    const number = this.number.trim();
    return html`
      <button part="button" type="button" ?disabled=${this.disabled || number === ''} @click=${this.#dial}>
        <svg viewBox="0 0 24 24" aria-hidden="true">
          <path
            d="M6.6 10.8a15.1 15.1 0 0 0 6.6 6.6l2.2-2.2a1 1 0 0 1 1-.25 11.4 11.4 0 0 0 3.6.57 1 1 0 0 1 1 1V20a1 1 0 0 1-1 1A17 17 0 0 1 3 4a1 1 0 0 1 1-1h3.5a1 1 0 0 1 1 1c0 1.25.2 2.45.57 3.57a1 1 0 0 1-.25 1z"
          />
        </svg>
        <span class="visually-hidden">Call </span><slot>${number}</slot>
      </button>
    `;
  }

  #dial(): void {
    const number = this.number.trim();
    if (number === '' || this.disabled) return;
    if (!this.dispatchEvent(new DialEvent(number))) return;
    const queue = (globalThis as Record<string, unknown>)[this.queue];
    if (typeof queue !== 'function') return;
    try {
      queue('dial', { number });
    } catch (error) {
      // A broken page handler must not break the button (or the page's other click handlers).
      globalThis.reportError(error);
    }
  }
}
