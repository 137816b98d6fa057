import type { SavedSession } from './session-store.js';

/** Where the simulated softphone stands. `starting`: no `partner_config` yet; `wrapup`: ended, notes still open. */
export type Phase = 'starting' | 'idle' | 'ringing' | 'dialing' | 'connected' | 'wrapup';

/** The call the panel is on. Replaced, never mutated, so lit sees each change. */
export interface ActiveCall {
  readonly conversationId: string;
  readonly direction: 'inbound' | 'outbound';
  readonly number: string;
  readonly name: string | undefined;
  readonly startedAt: number;
  readonly acceptedAt?: number;
  readonly durationSeconds?: number;
  /** The CRM record the bridge matched the call to (`call.updated`), when it is in this page. */
  readonly recordName?: string;
}

/** What the agent filled in for wrap-up; empty fields are left out of the payload. */
export interface WrapUp {
  readonly disposition: string;
  readonly notes: string;
}

/** How the session talks back to its element. */
export interface SessionDelegate {
  /** Text for the live regions; `urgent` for an incoming call. */
  announce(text: string, urgent: boolean): void;
  /** A contract call was refused; `code` is the BridgeError code. */
  refused(action: string, code: string): void;
  /** `start_call` arrived: show the number in the dial field. */
  dialNumberChanged(number: string): void;
  /** What the agent has typed in the wrap-up: submitted when a new call starts during wrap-up. */
  wrapUp(): WrapUp;
  /**
   * A number was not dialled (`outbound`) or rung from (`inbound`) because it is not a phone
   * number: show `message` at its field.
   */
  invalidNumber(message: string, direction: ActiveCall['direction']): void;
  /** A call saved before a reload is the current call again, with what the agent had typed. */
  restored(saved: SavedSession): void;
}

/** The wrap-up as contract fields: an empty disposition or blank notes are left out, not sent empty. */
export function wrapUpFields(wrapUp: WrapUp): { disposition?: string; notes?: string } {
  return {
    ...(wrapUp.disposition === '' ? {} : { disposition: wrapUp.disposition }),
    ...(wrapUp.notes.trim() === '' ? {} : { notes: wrapUp.notes }),
  };
}
