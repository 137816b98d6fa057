import { css } from 'lit';

/**
 * The design tokens every `sb-*` element shares, as CSS custom properties a page may set on the
 * element or any ancestor (they inherit through shadow roots). Unset, each falls back to a light
 * value, or a dark one under `prefers-color-scheme: dark`. A page that themes both schemes sets
 * the properties inside its own media query.
 *
 * | property | what |
 * |---|---|
 * | `--sb-font` | font family |
 * | `--sb-bg` / `--sb-fg` | surface and text |
 * | `--sb-muted` | secondary text |
 * | `--sb-border` | borders of panels and fields (≥ 3:1 against `--sb-bg`) |
 * | `--sb-field-bg` | inputs, selects, dial-pad keys |
 * | `--sb-accent` / `--sb-accent-fg` | primary buttons (Dial, Submit) and their text |
 * | `--sb-success` / `--sb-success-fg` | Accept |
 * | `--sb-danger` / `--sb-danger-fg` | Reject, Hang up, errors |
 * | `--sb-warn` | warnings (pending writes) |
 * | `--sb-focus` | the keyboard focus ring |
 * | `--sb-radius` | corner radius |
 *
 * Private `--_*` properties carry the resolved values inside the shadow root.
 */
export const themeStyles = css`
  :host {
    --_font: var(--sb-font, system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif);
    --_bg: var(--sb-bg, #ffffff);
    --_fg: var(--sb-fg, #1b1f24);
    --_muted: var(--sb-muted, #57606a);
    --_border: var(--sb-border, #6e7781);
    --_field-bg: var(--sb-field-bg, #ffffff);
    --_accent: var(--sb-accent, #0a58ca);
    --_accent-fg: var(--sb-accent-fg, #ffffff);
    --_success: var(--sb-success, #1a7f37);
    --_success-fg: var(--sb-success-fg, #ffffff);
    --_danger: var(--sb-danger, #c62828);
    --_danger-fg: var(--sb-danger-fg, #ffffff);
    --_warn: var(--sb-warn, #9a6700);
    --_focus: var(--sb-focus, #0a58ca);
    --_radius: var(--sb-radius, 6px);
    color-scheme: light dark;
    font-family: var(--_font);
    color: var(--_fg);
    background: var(--_bg);
  }
  @media (prefers-color-scheme: dark) {
    :host {
      --_bg: var(--sb-bg, #16181d);
      --_fg: var(--sb-fg, #e6edf3);
      --_muted: var(--sb-muted, #9da7b3);
      --_border: var(--sb-border, #7d8590);
      --_field-bg: var(--sb-field-bg, #0d1117);
      --_accent: var(--sb-accent, #4493f8);
      --_accent-fg: var(--sb-accent-fg, #0d1117);
      --_success: var(--sb-success, #3fb950);
      --_success-fg: var(--sb-success-fg, #0d1117);
      --_danger: var(--sb-danger, #f85149);
      --_danger-fg: var(--sb-danger-fg, #0d1117);
      --_warn: var(--sb-warn, #d29922);
      --_focus: var(--sb-focus, #79c0ff);
    }
  }
  :host([hidden]) {
    display: none;
  }
  button,
  input,
  select,
  textarea {
    font: inherit;
    color: inherit;
  }
  button {
    cursor: pointer;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_field-bg);
    padding: 0.4em 0.8em;
    min-height: 2.25rem;
  }
  button:disabled {
    cursor: not-allowed;
    opacity: 0.45;
  }
  input,
  select,
  textarea {
    box-sizing: border-box;
    width: 100%;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_field-bg);
    padding: 0.35em 0.5em;
    min-height: 2.25rem;
  }
  /* One visible ring for every control, keyboard focus only; 3:1 against both backgrounds. */
  :focus-visible {
    outline: 3px solid var(--_focus);
    outline-offset: 2px;
  }
  .primary {
    background: var(--_accent);
    color: var(--_accent-fg);
    border-color: var(--_accent);
  }
  .success {
    background: var(--_success);
    color: var(--_success-fg);
    border-color: var(--_success);
  }
  .danger {
    background: var(--_danger);
    color: var(--_danger-fg);
    border-color: var(--_danger);
  }
  .muted {
    color: var(--_muted);
  }
  /* The framed box each element draws itself in; an element may set its own padding. */
  .panel {
    display: grid;
    gap: 0.5rem;
    padding: 0.5rem;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
  }
  /* Read by screen readers, not shown: a hidden heading, a key's spoken name. */
  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
`;
