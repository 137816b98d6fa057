import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { loadSession, savedSession, saveSession } from './session-store.js';
import type { WrapUp } from './session-types.js';
import type { SoftphoneSession } from './softphone-session.js';

/** Where the keeper finds what it keeps; read on each use, so a changed `session-key` applies at once. */
export interface SessionKeeperSource {
  /** The sessionStorage key (`session-key`); '' keeps nothing. */
  key(): string;
  session(): SoftphoneSession;
  /** What the agent has typed in the wrap-up so far. */
  wrapUp(): WrapUp;
}

/**
 * Keeps the panel's live call (or its wrap-up) in sessionStorage across a reload of its frame:
 * picks a saved call up when the panel is connected, saves after every update, and forgets the
 * call once it is over. Add it before the {@link SoftphoneSession}: controllers connect in the
 * order they were added, and the saved call must be pending before the session loads the bridge,
 * so that `partner_config` finds it.
 */
export class SessionKeeper implements ReactiveController {
  readonly #source: SessionKeeperSource;

  constructor(host: ReactiveControllerHost, source: SessionKeeperSource) {
    this.#source = source;
    host.addController(this);
  }

  hostConnected(): void {
    const session = this.#source.session();
    const key = this.#source.key();
    if (session.phase === 'starting' && key !== '') session.pendingRestore = loadSession(key);
  }

  hostUpdated(): void {
    const session = this.#source.session();
    const key = this.#source.key();
    // While starting, a saved call is still waiting for partner_config: leave it.
    if (key === '' || session.phase === 'starting') return;
    saveSession(key, savedSession(session.phase, session.call, this.#source.wrapUp()));
  }
}
