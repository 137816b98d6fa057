import type { ReactiveController, ReactiveControllerHost } from 'lit';

/**
 * Keeps the keyboard focus on a sensible button after the agent acts: the button pressed (or the
 * shortcut's) may be disabled by the update the action causes, and focus on a disabled button is
 * lost to the document body. After such an update, focus goes to the selector `next()` names.
 */
export class FocusKeeper implements ReactiveController {
  readonly #root: () => ShadowRoot | null;
  readonly #next: () => string;
  #pending = false;

  /** `root`: where the buttons are; `next`: the selector to focus now ('' for none). */
  constructor(host: ReactiveControllerHost, root: () => ShadowRoot | null, next: () => string) {
    this.#root = root;
    this.#next = next;
    host.addController(this);
  }

  /** Wraps an action of the agent's: the update it causes hands focus on if it has to. */
  act(action: () => void): () => void {
    return () => this.run(action);
  }

  /** Runs an action of the agent's now, as {@link act}. */
  run(action: () => void): void {
    this.#pending = true;
    action();
  }

  hostUpdated(): void {
    if (!this.#pending) return;
    this.#pending = false;
    const active = this.#root()?.activeElement as HTMLButtonElement | null | undefined;
    if (active !== null && active !== undefined && !active.disabled) return;
    const next = this.#next();
    if (next !== '') this.#root()?.querySelector<HTMLElement>(next)?.focus();
  }
}
