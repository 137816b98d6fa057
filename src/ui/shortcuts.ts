import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Phase } from './session-types.js';

/** What a keyboard shortcut of `<sb-softphone>` does. */
export type ShortcutAction = 'accept' | 'hang-up';

/**
 * The shortcuts, Ctrl+Shift with a letter (as contact-center desktops such as Twilio Flex use):
 * with Ctrl held they never type a character, so they cannot clash with typing a number or
 * notes, and unlike Alt+Shift (Windows' input-language switch) or Ctrl+Alt (AltGr on many
 * European layouts) they reach the page.
 */
export const SHORTCUTS: Readonly<
  Record<ShortcutAction, { readonly letter: string; readonly aria: string; readonly label: string }>
> = {
  accept: { letter: 'a', aria: 'Control+Shift+A', label: 'Ctrl+Shift+A' },
  'hang-up': { letter: 'h', aria: 'Control+Shift+H', label: 'Ctrl+Shift+H' },
};

/** Whether a shortcut acts in `phase`: only when its button is enabled (Accept also marks a dialled call answered). */
export function shortcutApplies(action: ShortcutAction, phase: Phase): boolean {
  return action === 'accept'
    ? phase === 'ringing' || phase === 'dialing'
    : phase === 'connected' || phase === 'dialing';
}

/**
 * The action `event` asks for, or undefined. The letter is read from `key` (the layout's
 * letter), falling back to the physical key on layouts without Latin letters.
 */
export function shortcutFor(event: KeyboardEvent): ShortcutAction | undefined {
  if (!event.ctrlKey || !event.shiftKey || event.altKey || event.metaKey) return undefined;
  const key = event.key.toLowerCase();
  const letter = /^[a-z]$/.test(key) ? key : /^Key[A-Z]$/.test(event.code) ? event.code.slice(3).toLowerCase() : '';
  for (const [action, shortcut] of Object.entries(SHORTCUTS) as [
    ShortcutAction,
    (typeof SHORTCUTS)[ShortcutAction],
  ][]) {
    if (shortcut.letter === letter) return action;
  }
  return undefined;
}

/**
 * Listens for the shortcuts on the window of the host's document while the host is connected:
 * the softphone usually owns its frame, so a shortcut works wherever the focus is in it. The
 * handler returns whether it acted; only then the key's default (a browser's own use) is prevented.
 */
export class ShortcutsController implements ReactiveController {
  readonly #onAction: (action: ShortcutAction) => boolean;

  constructor(host: ReactiveControllerHost, onAction: (action: ShortcutAction) => boolean) {
    this.#onAction = onAction;
    host.addController(this);
  }

  hostConnected(): void {
    globalThis.addEventListener('keydown', this.#onKeydown);
  }

  hostDisconnected(): void {
    globalThis.removeEventListener('keydown', this.#onKeydown);
  }

  readonly #onKeydown = (event: KeyboardEvent): void => {
    if (event.defaultPrevented || event.repeat) return;
    const action = shortcutFor(event);
    if (action !== undefined && this.#onAction(action)) event.preventDefault();
  };
}
