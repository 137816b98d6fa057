import { html, nothing, type TemplateResult } from 'lit';
import type { BridgeStatus } from './bridge-like.js';

/** What the storage notes of `<sb-bridge-status>` show and where their button leads. */
export interface StorageNotesView {
  readonly status: BridgeStatus | undefined;
  /** Whether the browser may still grant durable storage and the bridge can ask for it. */
  readonly canRequest: boolean;
  /** A request is under way: the button says so and waits. */
  readonly requesting: boolean;
  readonly onRequest: () => void;
}

/**
 * What the agent must know when the browser gave less than durable storage: in words, what a
 * reload or a closed tab costs; and, for the integrator, the drain lock's reason. Nothing when
 * storage is durable and the lock has nothing to say. A template, not an element.
 */
export function storageNotes(view: StorageNotesView): TemplateResult | typeof nothing {
  const status = view.status;
  if (status === undefined || (status.durability === 'durable' && status.drainLockReason === undefined)) return nothing;
  return html`<div class="storage" role="note">
    ${
      status.durability === 'durable'
        ? nothing
        : html`<p id="durability-note" class="warn-text">
            Calls are kept in this tab only: if it reloads or closes before a call is logged, that call is
            lost.${status.durabilityReason === undefined ? nothing : html` <span class="muted">(${status.durabilityReason})</span>`}
          </p>`
    }
    ${
      view.canRequest
        ? html`<button id="keep-calls" type="button" class="link" ?disabled=${view.requesting} @click=${view.onRequest}>
            ${view.requesting ? 'Asking the browser…' : 'Keep calls across reloads'}
          </button>`
        : nothing
    }
    ${status.drainLockReason === undefined ? nothing : html`<p id="lock-note" class="muted">Drain lock: ${status.drainLock} (${status.drainLockReason}).</p>`}
  </div>`;
}

/** What the phone note of `<sb-bridge-status>` needs. */
export interface PhoneNoteView {
  /** Another tab of this CRM is the phone. */
  readonly activeElsewhere: boolean;
  /** The bridge can take the phone over to this tab (`takeOver`), so offer it. */
  readonly canTakeOver: boolean;
  readonly onTakeOver: () => void;
}

/**
 * Another tab of this CRM is the phone (one active phone per browser): say so, and offer to take
 * it over here. This tab's CRM view keeps showing the calls either way. A template, not an element.
 */
export function phoneNote(view: PhoneNoteView): TemplateResult | typeof nothing {
  if (!view.activeElsewhere) return nothing;
  return html`<p id="phone-note" class="warn-text" role="status">
    The phone is active in another tab.
    ${
      view.canTakeOver
        ? html`<button id="take-over" type="button" class="link" @click=${view.onTakeOver}>Use the phone here</button>`
        : nothing
    }
  </p>`;
}
