import { expect } from '@esm-bundle/chai';

/**
 * Drives a mounted vendor panel the way a user does: finds controls by their visible captions,
 * types, chooses and clicks, and reads the status line and the trace back as text.
 */
export class PanelDriver {
  constructor(readonly container: HTMLElement) {}

  /** The button whose caption (without the vendor-event hint) is `label`. */
  button(label: string): HTMLButtonElement {
    const found = [...this.container.querySelectorAll('button')].filter(
      (b) => b.querySelector('.vs-label')?.textContent === label,
    );
    expect(found, `buttons captioned "${label}"`).to.have.length(1);
    return found[0]!;
  }

  /** Clicks `label`, which must be enabled: a user cannot click a disabled button. */
  click(label: string): void {
    const button = this.button(label);
    expect(button.disabled, `"${label}" is enabled`).to.equal(false);
    button.click();
  }

  /** The input or select labelled `caption`. */
  field<T extends HTMLInputElement | HTMLSelectElement>(caption: string): T {
    const label = [...this.container.querySelectorAll('label')].find(
      (l) => l.querySelector('span')?.textContent === caption,
    );
    const control = label?.querySelector('input, select');
    if (control === null || control === undefined) throw new Error(`no field labelled "${caption}"`);
    return control as T;
  }

  /** Replaces a text field's value as typing would (with its `input` event). */
  type(caption: string, value: string): void {
    const input = this.field<HTMLInputElement>(caption);
    input.value = value;
    input.dispatchEvent(new Event('input', { bubbles: true }));
  }

  /** Picks `value` in the select labelled `caption` (with its `change` event). */
  choose(caption: string, value: string): void {
    const select = this.field<HTMLSelectElement>(caption);
    expect([...select.options].map((o) => o.value)).to.include(value);
    select.value = value;
    select.dispatchEvent(new Event('change', { bubbles: true }));
  }

  /** The status line's text. */
  status(): string {
    return this.container.querySelector('[role="status"]')?.textContent ?? '';
  }

  /** The trace, one line per entry: "Sobot · EventRinging | → incomingCall · accepted". */
  trace(): string[] {
    return [...this.container.querySelectorAll('.vs-entry')].map((entry) =>
      [
        entry.querySelector('.vs-event')?.textContent ?? '',
        ...[...entry.querySelectorAll('.vs-step')].map((s) => s.textContent),
      ].join(' | '),
    );
  }

  /** Waits (up to two seconds) until the trace has an entry equal to `line`. */
  async traced(line: string): Promise<void> {
    await until(
      () => this.trace().includes(line),
      () => `trace line "${line}" in:\n${this.trace().join('\n')}`,
    );
  }
}

/** Polls `condition` every 10 ms for up to two seconds, then fails naming `what`. */
export async function until(condition: () => boolean, what: () => string): Promise<void> {
  for (let i = 0; i < 200 && !condition(); i++) await new Promise((resolve) => setTimeout(resolve, 10));
  expect(condition(), what()).to.equal(true);
}
