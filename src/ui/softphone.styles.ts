import { css } from 'lit';

/** Layout of `<sb-softphone>`: one column, from a 260 px utility bar up. Colours come from the theme. */
export const softphoneStyles = css`
  :host {
    display: block;
    max-width: 28rem;
    font-size: 0.95rem;
    line-height: 1.4;
  }
  .panel {
    display: grid;
    gap: 0.75rem;
    padding: 0.75rem;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
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
    grid-template-columns: repeat(auto-fit, minmax(6.5rem, 1fr));
    gap: 0.4rem;
    margin-top: 0.4rem;
  }
  fieldset {
    display: grid;
    gap: 0.35rem;
    margin: 0;
    padding: 0.5rem 0.6rem 0.6rem;
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
    gap: 0.3rem;
  }
  .key {
    font-variant-numeric: tabular-nums;
    font-size: 1.05rem;
  }
  .wide {
    width: 100%;
  }
  textarea {
    resize: vertical;
  }
  .alert:not(:empty) {
    padding: 0.4rem 0.6rem;
    border-left: 4px solid var(--_success);
    font-weight: 600;
  }
  /* Live regions stay rendered even when empty (never display: none), or a screen reader may stop watching them. */
  .partner {
    font-size: 0.8rem;
  }
`;
