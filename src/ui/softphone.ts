import { html, type PropertyDeclarations, type PropertyValues, type TemplateResult } from 'lit';
import { BridgeEventsController } from './bridge-controller.js';
import { callControls } from './call-controls.js';
import { dialPad } from './dial-pad.js';
import { FocusKeeper } from './focus-keeper.js';
import { chosenCaller, inboundForm } from './inbound-form.js';
import { panelHeader } from './panel-header.js';
import { RefusedEvent } from './refused-event.js';
import { SessionKeeper } from './session-keeper.js';
import type { Phase, WrapUp } from './session-types.js';
import { shortcutApplies, ShortcutsController, type ShortcutAction } from './shortcuts.js';
import { SoftphoneBase } from './softphone-base.js';
import { SoftphoneSession } from './softphone-session.js';
import { softphoneStyles } from './softphone.styles.js';
import { themeStyles } from './theme.styles.js';
import { Ticker } from './ticker.js';
import { wrapUpForm } from './wrap-up.js';

// Its own module since the split of issue 15; still exported here, where it has always been.
export { DEFAULT_STATUSES } from './default-statuses.js';

/** Where focus goes when the button the agent pressed is disabled by what it did: the phase's next action. */
const FOCUS_NEXT: Readonly<Record<Phase, string>> = {
  ringing: '#accept',
  dialing: '#hang-up',
  connected: '#hang-up',
  wrapup: '#disposition',
  idle: '#incoming',
  starting: '',
};

/**
 * @summary A demo softphone panel that drives the Softphone contract: simulate an inbound call,
 * accept / reject / let it ring out / hang up, a call timer, disposition and notes, a dial pad and
 * a status selector. It calls `bridge.load(callback)` once it is in the document with a bridge,
 * and obeys the callback: `disposition` fills the list, `partner_config` gives the `partnerId`
 * (nothing starts before it), `start_call` dials, `update_presence` changes the status.
 *
 * Caller names, disposition codes and notes are rendered as text, never as HTML.
 *
 * Built for a 300×500 or 360×480 softphone panel: the call state, the latest message, the caller,
 * the call controls and the wrap-up show together; the dial pad and the simulator fold away
 * during a call.
 *
 * **After-call work** is a state: a new call (simulated, dialled, or asked by the CRM with
 * `start_call`) during wrap-up first submits what the agent typed for the last call
 * (`callNotesSubmitted`), then starts; nothing typed is discarded.
 *
 * **Keyboard shortcuts** (on the frame's window, so they work wherever the focus is, even in the
 * notes; Ctrl+Shift chords type no character; `disable-shortcuts` turns them off):
 * - **Ctrl+Shift+A**: Accept a ringing call, or "They answered" while dialing.
 * - **Ctrl+Shift+H**: Hang up.
 * - **Enter** in "Number to dial" dials, and does nothing else.
 *
 * @fires sb-refused - {@link RefusedEvent}: the bridge refused a contract call (action and code only).
 * @cssprop --sb-font - font family
 * @cssprop --sb-bg - surface
 * @cssprop --sb-fg - text
 * @cssprop --sb-muted - secondary text
 * @cssprop --sb-border - borders of panel and fields
 * @cssprop --sb-field-bg - inputs, selects, keys
 * @cssprop --sb-accent - primary buttons
 * @cssprop --sb-accent-fg - text on primary buttons
 * @cssprop --sb-success - Accept, connected
 * @cssprop --sb-success-fg - text on Accept
 * @cssprop --sb-danger - Reject, Hang up, errors
 * @cssprop --sb-danger-fg - text on Reject and Hang up
 * @cssprop --sb-focus - keyboard focus ring
 * @cssprop --sb-radius - corner radius
 * @csspart panel - the outer section.
 */
export class SbSoftphone extends SoftphoneBase {
  static override styles = [themeStyles, softphoneStyles];
  static override properties: PropertyDeclarations = {
    _dialError: { state: true },
    _choice: { state: true },
    _otherNumber: { state: true },
    _dialNumber: { state: true },
    _disposition: { state: true },
    _notes: { state: true },
    _alert: { state: true },
    _message: { state: true },
  };

  declare private _dialError: string;
  declare private _choice: string;
  declare private _otherNumber: string;
  declare private _dialNumber: string;
  declare private _disposition: string;
  declare private _notes: string;
  declare private _alert: string;
  declare private _message: string;

  readonly #session: SoftphoneSession;
  readonly #events: BridgeEventsController;
  readonly #ticker = new Ticker(this);
  readonly #focus = new FocusKeeper(
    this,
    () => this.shadowRoot,
    () => FOCUS_NEXT[this.#session.phase],
  );
  #lastConversation: string | undefined;

  constructor() {
    super();
    // Initialised here, as SoftphoneBase does its properties (docs/decisions/0006-ui-components.md).
    this._dialError = '';
    this._choice = '0';
    this._otherNumber = '';
    this._dialNumber = '';
    this._disposition = '';
    this._notes = '';
    this._alert = '';
    this._message = '';
    // Before the session: it picks up a saved call before the session loads the bridge.
    new SessionKeeper(this, {
      key: () => this.sessionKey,
      session: () => this.#session,
      wrapUp: () => this.#wrapUp(),
    });
    this.#session = new SoftphoneSession(this, {
      announce: (text, urgent) => {
        if (urgent) this._alert = text;
        else this._message = text;
      },
      refused: (action, code) => this.dispatchEvent(new RefusedEvent(action, code)),
      dialNumberChanged: (number) => (this._dialNumber = number),
      wrapUp: () => this.#wrapUp(),
      invalidNumber: (message, direction) => {
        if (direction === 'outbound') this._dialError = message;
      },
      restored: (saved) => {
        // Set before willUpdate compares conversations, so the restored notes are not cleared as a new call's.
        this.#lastConversation = saved.call.conversationId;
        this._disposition = saved.disposition;
        this._notes = saved.notes;
      },
    });
    this.#events = new BridgeEventsController(this, {
      'call.updated': (call) => this.#session.recordMatched(call.conversationId, call.crmRecord?.name),
    });
    new ShortcutsController(this, (action) => this.#shortcut(action));
  }

  /** Where the panel stands: `starting` until `partner_config`, then `idle`, `ringing`, `dialing`, `connected`, `wrapup`. */
  get phase(): Phase {
    return this.#session.phase;
  }

  /** The `conversationId` of the current call, if any. */
  get conversationId(): string | undefined {
    return this.#session.call?.conversationId;
  }

  /** Simulates an inbound call from the chosen caller, or from `number` when given. */
  simulateIncoming(number?: string): void {
    const typed = number?.trim();
    const caller = chosenCaller(this.callers, typed === undefined ? this._choice : 'other', typed ?? this._otherNumber);
    this.#session.incoming(caller.number, caller.name);
  }

  /** Dials the dial pad's number, or `number` when given. */
  dial(number: string = this._dialNumber): void {
    this._dialNumber = number;
    this.#session.dial(number);
  }

  /** Accepts the ringing call (`callAccepted`, with `ivrContext`), or marks a dialled one answered. */
  accept(): void {
    this.#session.accept(this.ivrContext);
  }

  /** Declines the ringing call (`callRejected`, reason `active`). */
  reject(): void {
    this.#session.reject('active');
  }

  /** Lets the ringing call ring out (`callRejected`, reason `passive`). */
  ringOut(): void {
    this.#session.reject('passive');
  }

  /** Ends the call (`callEnded` with the talk time, disposition and notes) and opens wrap-up. */
  hangUp(): void {
    this.#session.hangUp(this.#wrapUp());
  }

  /** Sends disposition and notes (`callNotesSubmitted`); after the end, this closes wrap-up. */
  submitNotes(): void {
    this.#session.submitNotes(this.#wrapUp());
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    const session = this.#session;
    session.statuses = this.statuses;
    session.defaultCountry = this.defaultCountry;
    session.ringTimeoutSeconds = this.ringTimeout;
    if (session.statusId === '') session.statusId = this.statuses[0]?.id ?? '';
    if (changed.has('bridge')) {
      session.setBridge(this.bridge);
      this.#events.setSource(this.bridge);
    }
    // A new call starts with an empty wrap-up, and a closed one leaves none behind (D12); the
    // alert only stays while the phone rings.
    const conversation = session.call?.conversationId;
    if (conversation !== this.#lastConversation) {
      this._disposition = '';
      this._notes = '';
      this._dialError = '';
    }
    this.#lastConversation = conversation;
    if (session.phase !== 'ringing') this._alert = '';
    this.#ticker.every = session.live ? 1000 : 0;
  }

  /** What the agent has typed in the wrap-up. */
  #wrapUp(): WrapUp {
    return { disposition: this._disposition, notes: this._notes };
  }

  /** The agent edits the number to dial: the last number's error no longer applies. */
  #typed(number: string): void {
    this._dialNumber = number;
    this._dialError = '';
  }

  /** A keyboard shortcut: acts (and returns true) only when its button would be enabled. */
  #shortcut(action: ShortcutAction): boolean {
    if (this.disableShortcuts || !shortcutApplies(action, this.#session.phase)) return false;
    this.#focus.run(() => (action === 'accept' ? this.accept() : this.hangUp()));
    return true;
  }

  protected override render(): TemplateResult {
    const s = this.#session;
    const act = (action: () => void) => this.#focus.act(action);
    const partner = s.partner === undefined ? 'Waiting for the bridge…' : `Partner ${s.partner.partnerId}`;
    return html`
      <section part="panel" class="panel" aria-labelledby="title" data-phase=${s.phase}>
        <div class="live">
          ${panelHeader({
            label: this.label,
            headingLevel: this.headingLevel,
            phase: s.phase,
            elapsedSeconds: s.elapsedSeconds(Date.now()),
            statuses: s.statuses,
            statusId: s.statusId,
            onStatus: (id) => s.changeStatus(id),
          })}
          <div class="messages">
            <p id="alert" class="alert" role="alert">${this._alert}</p>
            <p id="message" class="message" role="status">${this._message}</p>
          </div>
          ${callControls({
            call: s.call,
            phase: s.phase,
            shortcuts: !this.disableShortcuts,
            onAccept: act(() => this.accept()),
            onReject: act(() => this.reject()),
            onRingOut: act(() => this.ringOut()),
            onHangUp: act(() => this.hangUp()),
          })}
        </div>
        ${wrapUpForm({
          dispositions: s.dispositions,
          disposition: this._disposition,
          notes: this._notes,
          open: s.notesOpen,
          afterCall: s.phase === 'wrapup',
          onDisposition: (code) => (this._disposition = code),
          onNotes: (notes) => (this._notes = notes),
          onSubmit: act(() => this.submitNotes()),
        })}
        <div class="new-call" ?hidden=${s.live}>
          ${dialPad({
            number: this._dialNumber,
            error: this._dialError,
            disabled: !s.canStart,
            onNumber: (n) => this.#typed(n),
            onKey: (k) => this.#typed(k === '' ? this._dialNumber.slice(0, -1) : this._dialNumber + k),
            onDial: act(() => this.dial()),
          })}
          ${inboundForm({
            callers: this.callers,
            choice: this._choice,
            typed: this._otherNumber,
            disabled: !s.canStart,
            onChoice: (choice) => (this._choice = choice),
            onTyped: (number) => (this._otherNumber = number),
            onSimulate: act(() => this.simulateIncoming()),
          })}
        </div>
        <p class="partner muted">${partner}</p>
      </section>
    `;
  }
}
