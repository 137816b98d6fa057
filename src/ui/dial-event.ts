/**
 * `sb-dial`: the agent clicked a number to call (`<sb-call-button>`). Bubbles out of shadow roots
 * (`composed`), so one listener on `document` hears every button of the page. Cancelable: a
 * listener that handles the dial itself calls `preventDefault()`, and the button then leaves the
 * `softphoneBridge` command queue alone.
 *
 * @example
 * document.addEventListener('sb-dial', (event) => bridge.startCall({ dialTo: event.number }));
 */
export class DialEvent extends Event {
  /** The event's name, for `addEventListener`. */
  static readonly eventName = 'sb-dial';
  /** The number to dial, as the page wrote it. */
  readonly number: string;

  constructor(number: string) {
    super(DialEvent.eventName, { bubbles: true, composed: true, cancelable: true });
    this.number = number;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'sb-dial': DialEvent;
  }
}
