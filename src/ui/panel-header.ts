import { html, type TemplateResult } from 'lit';
import type { AgentStatus } from './bridge-like.js';
import { formatDuration } from './format.js';
import type { Phase } from './session-types.js';

/** What the head of `<sb-softphone>` shows and where its input goes. */
export interface PanelHeaderView {
  /** The panel's accessible name, the text of its heading. */
  readonly label: string;
  /** The heading's level (`heading-level`); clamped to 1–6, and 1 when it is not an integer. */
  readonly headingLevel: number;
  readonly phase: Phase;
  /** Seconds on the call timer. */
  readonly elapsedSeconds: number;
  /** The statuses to offer; the current one is added if it is not among them (the CRM may set any). */
  readonly statuses: readonly AgentStatus[];
  /** The agent's current status id; '' before there is one. */
  readonly statusId: string;
  readonly onStatus: (softphoneId: string) => void;
}

const PHASE_LABELS: Readonly<Record<Phase, string>> = {
  starting: 'Starting',
  idle: 'Idle',
  ringing: 'Ringing',
  dialing: 'Dialing',
  connected: 'On call',
  wrapup: 'Wrap-up',
};

/** The panel's heading: visually hidden (the frame's space goes to the call), there for assistive technology. */
function heading(level: number, text: string): TemplateResult {
  const clamped = Number.isInteger(level) ? Math.min(6, Math.max(1, level)) : 1;
  return html`<p id="title" class="visually-hidden" role="heading" aria-level=${clamped}>${text}</p>`;
}

/**
 * The head of `<sb-softphone>`: its (hidden) heading, the phase, the call timer and the status
 * selector. A template, not an element: it has no state of its own.
 */
export function panelHeader(view: PanelHeaderView): TemplateResult {
  const { statuses, statusId } = view;
  const offered =
    statuses.some((x) => x.id === statusId) || statusId === ''
      ? statuses
      : [...statuses, { id: statusId, label: statusId }];
  return html`
    <header class="head">
      ${heading(view.headingLevel, view.label)}
      <span class="phase" data-phase=${view.phase}>${PHASE_LABELS[view.phase]}</span>
      <span class="timer" role="timer" aria-label="Call time">${formatDuration(view.elapsedSeconds)}</span>
      <label class="status"
        ><span>Status</span>
        <select
          id="status"
          ?disabled=${view.phase === 'starting'}
          @change=${(e: Event) => view.onStatus((e.target as HTMLSelectElement).value)}
        >
          ${offered.map((x) => html`<option value=${x.id} ?selected=${x.id === statusId}>${x.label}</option>`)}
        </select>
      </label>
    </header>
  `;
}
