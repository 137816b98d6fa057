import { css } from 'lit';

/**
 * Layout of `<sb-softphone>`: one column, from a 260 px utility bar up, built to fit a 300×500 or
 * 360×480 softphone frame (Salesforce's default panel). The call state, the messages, the caller
 * and the call controls form one block that stays at the top while the agent scrolls (typing long
 * notes never pushes the timer or Hang up away); the wrap-up follows it; the dial pad and the
 * simulator fold away during a call. Colours come from the theme.
 */
export const softphoneStyles = css`
  :host {
    display: block;
    max-width: 28rem;
    font-size: 0.9rem;
    line-height: 1.35;
  }
  [hidden] {
    display: none !important;
  }
  .live {
    position: sticky;
    top: 0;
    z-index: 1;
    display: grid;
    gap: 0.35rem;
    padding-bottom: 0.25rem;
    background: var(--_bg);
  }
  .new-call {
    display: grid;
    gap: 0.5rem;
  }
  .head {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5rem;
  }
  .phase {
    font-weight: 600;
    padding: 0.1em 0.6em;
    border: 1px solid var(--_border);
    border-radius: 999px;
  }
  .phase[data-phase='ringing'] {
    border-color: var(--_success);
    animation: pulse 1s ease-in-out infinite alternate;
  }
  .phase[data-phase='connected'],
  .phase[data-phase='dialing'] {
    border-color: var(--_accent);
  }
  @keyframes pulse {
    to {
      box-shadow: 0 0 0 4px color-mix(in srgb, var(--_success) 35%, transparent);
    }
  }
  @media (prefers-reduced-motion: reduce) {
    .phase[data-phase='ringing'] {
      animation: none;
    }
  }
  .timer {
    font-variant-numeric: tabular-nums;
    font-weight: 600;
  }
  .status {
    margin-left: auto;
    display: flex;
    align-items: center;
    gap: 0.4rem;
  }
  .status select {
    width: auto;
  }
  .party,
  .record,
  .alert,
  .message,
  .partner {
    margin: 0;
    overflow-wrap: anywhere;
  }
  .party {
    font-weight: 600;
  }
  .actions {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(5.5rem, 1fr));
    gap: 0.4rem;
    margin-top: 0.3rem;
  }
  fieldset {
    display: grid;
    gap: 0.25rem;
    margin: 0;
    padding: 0.3rem 0.5rem 0.5rem;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    min-width: 0;
  }
  legend {
    padding: 0 0.3rem;
    font-weight: 600;
  }
  label {
    font-size: 0.85rem;
    color: var(--_muted);
  }
  .dial-row {
    display: flex;
    gap: 0.4rem;
  }
  .keys {
    display: grid;
    grid-template-columns: repeat(3, 1fr);
    gap: 0.25rem;
  }
  .key {
    font-variant-numeric: tabular-nums;
    font-size: 1rem;
    min-height: 2rem;
    padding: 0.2em;
  }
  .wide {
    width: 100%;
  }
  textarea {
    resize: vertical;
  }
  .hint {
    margin: 0;
    color: var(--_muted);
    font-size: 0.8rem;
  }
  .field-error {
    margin: 0;
    color: var(--_danger);
    font-size: 0.85rem;
  }
  /* Live regions stay rendered even when empty (never display: none), or a screen reader may
     stop watching them; empty, they take no height. */
  .alert:not(:empty) {
    padding: 0.2rem 0.5rem;
    border-left: 4px solid var(--_success);
    font-weight: 600;
  }
  .partner {
    font-size: 0.8rem;
  }
`;
