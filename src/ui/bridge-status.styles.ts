import { css } from 'lit';

/** Layout of `<sb-bridge-status>`: compact enough for a 200 px utility bar, one row of counts up to 400 px. */
export const bridgeStatusStyles = css`
  :host {
    display: block;
    min-width: 12rem;
    max-width: 25rem;
    font-size: 0.875rem;
    line-height: 1.35;
  }
  .panel {
    padding: 0.6rem;
  }
  p {
    margin: 0;
    overflow-wrap: anywhere;
  }
  .state {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.35rem;
    font-weight: 600;
  }
  .state .muted {
    font-weight: 400;
  }
  .dot {
    width: 0.6rem;
    height: 0.6rem;
    border-radius: 50%;
    background: var(--_muted);
    flex: none;
  }
  [data-state='connected'] .dot {
    background: var(--_success);
  }
  [data-state='connecting'] .dot {
    background: var(--_warn);
  }
  [data-state='failed'] .dot,
  [data-state='unavailable'] .dot {
    background: var(--_danger);
  }
  .storage {
    display: grid;
    gap: 0.25rem;
  }
  .storage .warn-text {
    padding-left: 0.5rem;
    border-left: 3px solid var(--_warn);
  }
  .storage .muted {
    color: var(--_muted);
  }
  .counts {
    display: grid;
    grid-template-columns: repeat(2, 1fr);
    gap: 0.4rem;
    margin: 0;
  }
  .counts > div {
    display: flex;
    justify-content: space-between;
    gap: 0.4rem;
    padding: 0.25rem 0.5rem;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
  }
  .counts > div[data-tone='warn'] {
    border-color: var(--_warn);
  }
  .counts > div[data-tone='bad'] {
    border-color: var(--_danger);
  }
  dt {
    color: var(--_muted);
  }
  dd {
    margin: 0;
    font-weight: 600;
    font-variant-numeric: tabular-nums;
  }
  .error:not(:empty) {
    display: grid;
    gap: 0.25rem;
  }
  .error p {
    padding-left: 0.5rem;
    border-left: 3px solid var(--_danger);
  }
  .code {
    font-weight: 600;
  }
  .link {
    justify-self: start;
    min-height: 0;
    padding: 0;
    border: 0;
    background: none;
    text-decoration: underline;
    color: var(--_accent);
  }
`;
