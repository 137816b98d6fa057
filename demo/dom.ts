/**
 * Tiny DOM helpers for the demo pages. Text always goes in through `textContent`: caller numbers,
 * contact names and notes are untrusted, and the pages never parse HTML from strings.
 */

/** The element with `id`, checked to be of the expected type. */
export function byId<T extends HTMLElement>(id: string, type: { new (): T; prototype: T }): T {
  const found = document.getElementById(id);
  if (!(found instanceof type)) throw new Error(`demo: #${id} is missing or not a ${type.name}`);
  return found;
}

/** What {@link el} sets on a new element. */
export interface ElementOptions {
  readonly className?: string;
  readonly text?: string;
  readonly attrs?: Readonly<Record<string, string>>;
}

/** Creates an element with a class, text and attributes, then appends `children`. */
export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  options: ElementOptions = {},
  ...children: (Node | string)[]
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (options.className !== undefined) node.className = options.className;
  if (options.text !== undefined) node.textContent = options.text;
  for (const [name, value] of Object.entries(options.attrs ?? {})) node.setAttribute(name, value);
  node.append(...children);
  return node;
}

/**
 * Turns the page's boot notice into `what` went wrong, with the error's code only; the error goes
 * to the browser console (BridgeError messages name fields, never values).
 */
export function showError(error: unknown, what: string): void {
  let notice = document.getElementById('boot-notice');
  if (notice === null) {
    notice = document.createElement('p');
    notice.id = 'boot-notice';
    document.body.prepend(notice);
  }
  notice.hidden = false;
  notice.className = 'boot-notice error';
  const code = typeof error === 'object' && error !== null && 'code' in error ? ` (${String(error.code)})` : '';
  notice.textContent = `${what}${code}. See the browser console for details.`;
  console.error(error);
}
