import type { ActiveCall, Phase, WrapUp } from './session-types.js';

/** What `<sb-softphone>` keeps of a live call so that a reload of its frame resumes it. */
export interface SavedSession {
  readonly phase: Extract<Phase, 'ringing' | 'dialing' | 'connected' | 'wrapup'>;
  readonly call: ActiveCall;
  readonly disposition: string;
  readonly notes: string;
}

/** What to keep of the call in `phase` for a reload (with what the agent typed); none when there is no call. */
export function savedSession(phase: Phase, call: ActiveCall | undefined, wrapUp: WrapUp): SavedSession | undefined {
  if (phase === 'idle' || phase === 'starting' || call === undefined) return undefined;
  return { phase, call, disposition: wrapUp.disposition, notes: wrapUp.notes };
}

const PHASES: readonly string[] = ['ringing', 'dialing', 'connected', 'wrapup'];

/**
 * The frame's sessionStorage, or undefined where the browser refuses it (a cross-site frame with
 * storage blocked throws on access). sessionStorage, not the bridge's store: the softphone's
 * frame may hold only a remote client, which has no store; and sessionStorage lives exactly as
 * long as the tab, survives a reload of the frame, and is not shared with other tabs.
 */
function storage(): Storage | undefined {
  try {
    return globalThis.sessionStorage;
  } catch {
    return undefined;
  }
}

/** Saves the live call under `key`, or forgets it (`undefined`). Never throws: a full or blocked storage only loses the restore. */
export function saveSession(key: string, session: SavedSession | undefined): void {
  try {
    if (session === undefined) storage()?.removeItem(key);
    else storage()?.setItem(key, JSON.stringify(session));
  } catch {
    // QuotaExceededError or SecurityError: the call goes on; only a reload would lose it.
  }
}

/** The call saved under `key`, if there is a well-formed one. */
export function loadSession(key: string): SavedSession | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(storage()?.getItem(key) ?? 'null');
  } catch {
    return undefined;
  }
  if (typeof parsed !== 'object' || parsed === null) return undefined;
  const { phase, call, disposition, notes } = parsed as Record<string, unknown>;
  if (
    typeof phase !== 'string' ||
    !PHASES.includes(phase) ||
    typeof disposition !== 'string' ||
    typeof notes !== 'string'
  )
    return undefined;
  if (typeof call !== 'object' || call === null) return undefined;
  const c = call as Record<string, unknown>;
  const ok =
    typeof c.conversationId === 'string' &&
    (c.direction === 'inbound' || c.direction === 'outbound') &&
    typeof c.number === 'string' &&
    (c.name === undefined || typeof c.name === 'string') &&
    typeof c.startedAt === 'number' &&
    (c.acceptedAt === undefined || typeof c.acceptedAt === 'number') &&
    (c.durationSeconds === undefined || typeof c.durationSeconds === 'number') &&
    (c.recordName === undefined || typeof c.recordName === 'string');
  return ok ? (parsed as SavedSession) : undefined;
}
