/**
 * Tiny DOM helpers for the demo. Text always goes in through `textContent`: caller numbers,
 * contact names and notes are untrusted, and the page never parses HTML from strings.
 */

/** The element with `id`, checked to be of the expected type. */
export function byId<T extends HTMLElement>(id: string, type: { new (): T; prototype: T }): T {
  const found = document.getElementById(id);
  if (!(found instanceof type)) throw new Error(`demo: #${id} is missing or not a ${type.name}`);
  return found;
}

export interface ElementOptions {
  readonly className?: string;
  readonly text?: string;
  readonly attrs?: Readonly<Record<string, string>>;
}

/** Creates an element with a class, text and attributes, then appends `children`. */
export function el<K extends keyof HTMLElementTagNameMap>(tag: K, options: ElementOptions = {}, ...children: (Node | string)[]): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (options.className !== undefined) node.className = options.className;
  if (options.text !== undefined) node.textContent = options.text;
  for (const [name, value] of Object.entries(options.attrs ?? {})) node.setAttribute(name, value);
  node.append(...children);
  return node;
}

/** Replaces the options of a `<select>`, keeping the selected value when it is still offered. */
export function setOptions(select: HTMLSelectElement, options: readonly { readonly value: string; readonly label: string }[]): void {
  const previous = select.value;
  select.replaceChildren(...options.map((o) => el('option', { text: o.label, attrs: { value: o.value } })));
  if (options.some((o) => o.value === previous)) select.value = previous;
}

/** `HH:MM:SS` of a time, for log lines. */
export function clockTime(at: number): string {
  return new Date(at).toTimeString().slice(0, 8);
}
