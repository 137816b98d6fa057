/**
 * `sb-refused`: the bridge refused something the softphone panel did (a rejected contract call).
 * Carries the action and the error code only, never the payload: it may hold numbers or notes.
 *
 * @example
 * softphone.addEventListener('sb-refused', (event) => toast(`${event.action}: ${event.code}`));
 */
export class RefusedEvent extends Event {
  /** The event's name, for `addEventListener`. */
  static readonly eventName = 'sb-refused';
  /** The contract method that was refused, e.g. `callEnded`. */
  readonly action: string;
  /** The `BridgeError` code, e.g. `CONTRACT_PAYLOAD_INVALID`; `UNKNOWN` if there was none. */
  readonly code: string;

  constructor(action: string, code: string) {
    super(RefusedEvent.eventName, { bubbles: true, composed: true });
    this.action = action;
    this.code = code;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'sb-refused': RefusedEvent;
  }
}
