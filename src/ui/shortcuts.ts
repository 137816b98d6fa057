/** What a keyboard shortcut of `<sb-softphone>` does. */
export type ShortcutAction = 'accept' | 'hang-up';

/**
 * The shortcuts, Ctrl+Shift with a letter (as contact-center desktops such as Twilio Flex use):
 * with Ctrl held they never type a character, so they cannot clash with typing a number or
 * notes, and unlike Alt+Shift (Windows' input-language switch) or Ctrl+Alt (AltGr on many
 * European layouts) they reach the page.
 */
export const SHORTCUTS: Readonly<Record<ShortcutAction, { readonly letter: string; readonly aria: string; readonly label: string }>> = {
  accept: { letter: 'a', aria: 'Control+Shift+A', label: 'Ctrl+Shift+A' },
  'hang-up': { letter: 'h', aria: 'Control+Shift+H', label: 'Ctrl+Shift+H' },
};

/**
 * The action `event` asks for, or undefined. The letter is read from `key` (the layout's
 * letter), falling back to the physical key on layouts without Latin letters.
 */
export function shortcutFor(event: KeyboardEvent): ShortcutAction | undefined {
  if (!event.ctrlKey || !event.shiftKey || event.altKey || event.metaKey) return undefined;
  const key = event.key.toLowerCase();
  const letter = /^[a-z]$/.test(key) ? key : /^Key[A-Z]$/.test(event.code) ? event.code.slice(3).toLowerCase() : '';
  for (const [action, shortcut] of Object.entries(SHORTCUTS) as [ShortcutAction, (typeof SHORTCUTS)[ShortcutAction]][]) {
    if (shortcut.letter === letter) return action;
  }
  return undefined;
}
