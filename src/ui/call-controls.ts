import { html, nothing, type TemplateResult } from 'lit';
import { describeParty } from './format.js';
import type { ActiveCall, Phase } from './session-types.js';
import { SHORTCUTS, type ShortcutAction } from './shortcuts.js';

/** What the call part of `<sb-softphone>` shows and where its buttons lead. */
export interface CallControlsView {
  readonly call: ActiveCall | undefined;
  readonly phase: Phase;
  /** Whether the keyboard shortcuts are on: then Accept and Hang up name their keys. */
  readonly shortcuts: boolean;
  readonly onAccept: () => void;
  readonly onReject: () => void;
  readonly onRingOut: () => void;
  readonly onHangUp: () => void;
}

/** Who the call is with, as the agent reads it. Text, never HTML. */
function party(call: ActiveCall | undefined): string {
  if (call === undefined) return 'No call';
  return `${call.direction === 'inbound' ? 'Inbound from' : 'Outbound to'} ${describeParty(call.name, call.number)}`;
}

/**
 * The call part of `<sb-softphone>`: who the call is with, the CRM record it was matched to, and
 * the buttons of the live call. A button that does not apply to the phase is hidden and disabled,
 * so neither a click nor assistive technology can reach it. A template, not an element.
 */
export function callControls(view: CallControlsView): TemplateResult {
  const { call, phase } = view;
  const live = phase === 'ringing' || phase === 'dialing' || phase === 'connected';
  const answerable = phase === 'ringing' || phase === 'dialing';
  const ringing = phase === 'ringing';
  const hangable = phase === 'connected' || phase === 'dialing';
  const keys = (action: ShortcutAction) => (view.shortcuts ? SHORTCUTS[action] : undefined);
  return html`
    <div class="call">
      <p class="party">${party(call)}</p>
      ${call?.recordName === undefined ? nothing : html`<p class="record muted">CRM record: ${call.recordName}</p>`}
      <div class="actions" ?hidden=${!live}>
        <button
          id="accept"
          type="button"
          class="success"
          aria-keyshortcuts=${keys('accept')?.aria ?? nothing}
          title=${keys('accept')?.label ?? nothing}
          ?hidden=${!answerable}
          ?disabled=${!answerable}
          @click=${view.onAccept}
        >
          ${phase === 'dialing' ? 'They answered' : 'Accept'}
        </button>
        <button
          id="reject"
          type="button"
          class="danger"
          ?hidden=${!ringing}
          ?disabled=${!ringing}
          @click=${view.onReject}
        >
          Reject
        </button>
        <button id="ring-out" type="button" ?hidden=${!ringing} ?disabled=${!ringing} @click=${view.onRingOut}>
          Let it ring out
        </button>
        <button
          id="hang-up"
          type="button"
          class="danger"
          aria-keyshortcuts=${keys('hang-up')?.aria ?? nothing}
          title=${keys('hang-up')?.label ?? nothing}
          ?hidden=${!hangable}
          ?disabled=${!hangable}
          @click=${view.onHangUp}
        >
          Hang up
        </button>
      </div>
    </div>
  `;
}
