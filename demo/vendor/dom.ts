/**
 * DOM building for the vendor panels. Every piece of text goes in through `textContent`: caller
 * names and numbers are typed by whoever runs the demo (or come from a CRM) and are never parsed
 * as HTML.
 */

/** An element of `tag` holding `content` as text, with an optional class. */
export function textElement<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  content: string,
  className?: string,
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  node.textContent = content;
  if (className !== undefined) node.className = className;
  return node;
}

/**
 * A button named by `label`, with the vendor event it makes the SDK emit shown under it. The hint
 * is part of the accessible name on purpose: it is what the button is for in this demo.
 */
export function eventButton(label: string, hint: string, onClick: () => void): HTMLButtonElement {
  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'vs-button';
  button.append(textElement('span', label, 'vs-label'), textElement('span', hint, 'vs-hint'));
  button.addEventListener('click', onClick);
  return button;
}

/** `control` wrapped in a `<label>` with `caption`, so that it is named without ids. */
export function labelled(caption: string, control: HTMLElement): HTMLLabelElement {
  const label = document.createElement('label');
  label.className = 'vs-field';
  label.append(textElement('span', caption), control);
  return label;
}

/** A checkbox inside its `<label>` (caption after the box). */
export function checkbox(
  caption: string,
  checked: boolean,
): { readonly label: HTMLLabelElement; readonly input: HTMLInputElement } {
  const input = document.createElement('input');
  input.type = 'checkbox';
  input.checked = checked;
  const label = document.createElement('label');
  label.className = 'vs-check';
  label.append(input, textElement('span', caption));
  return { label, input };
}

/** A text `<input>` with a starting value and extra attributes (`inputmode`, `autocomplete`…). */
export function textInput(value: string, attributes: Readonly<Record<string, string>> = {}): HTMLInputElement {
  const input = document.createElement('input');
  input.type = 'text';
  input.value = value;
  for (const [name, attribute] of Object.entries(attributes)) input.setAttribute(name, attribute);
  return input;
}

/** A `<select>` of `choices` (value, label), the first selected. */
export function choiceSelect(
  choices: readonly { readonly value: string; readonly label: string }[],
): HTMLSelectElement {
  const select = document.createElement('select');
  for (const choice of choices) {
    const option = textElement('option', choice.label);
    option.value = choice.value;
    select.append(option);
  }
  return select;
}

/** A `<fieldset>` with `legend`, holding `children`. */
export function group(legend: string, ...children: Node[]): HTMLFieldSetElement {
  const fieldset = document.createElement('fieldset');
  fieldset.className = 'vs-group';
  fieldset.append(textElement('legend', legend), ...children);
  return fieldset;
}

/** A row of buttons that wraps in a narrow panel. */
export function buttonRow(...buttons: HTMLButtonElement[]): HTMLDivElement {
  const row = document.createElement('div');
  row.className = 'vs-buttons';
  row.append(...buttons);
  return row;
}
