import { html, LitElement, type PropertyDeclarations, type PropertyValues, type TemplateResult } from 'lit';
import { BridgeEventsController } from './bridge-controller.js';
import type { AgentStatus, Caller, SoftphoneBridge } from './bridge-like.js';
import { callControls } from './call-controls.js';
import { DEFAULT_STATUSES } from './default-statuses.js';
import { dialPad } from './dial-pad.js';
import { FocusKeeper } from './focus-keeper.js';
import { chosenCaller, inboundForm } from './inbound-form.js';
import { panelHeader } from './panel-header.js';
import { RefusedEvent } from './refused-event.js';
import { loadSession, savedSession, saveSession } from './session-store.js';
import type { Phase } from './session-types.js';
import { shortcutApplies, ShortcutsController, type ShortcutAction } from './shortcuts.js';
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
export class SbSoftphone extends LitElement {
  static override styles = [themeStyles, softphoneStyles];
  static override properties: PropertyDeclarations = {
    bridge: { attribute: false },
    callers: { attribute: false },
    statuses: { attribute: false },
    ivrContext: { attribute: false },
    label: { type: String },
    headingLevel: { type: Number, attribute: 'heading-level' },
    defaultCountry: { type: String, attribute: 'default-country' },
    ringTimeout: { type: Number, attribute: 'ring-timeout' },
    sessionKey: { type: String, attribute: 'session-key' },
    disableShortcuts: { type: Boolean, attribute: 'disable-shortcuts' },
    _dialError: { state: true },
    _choice: { state: true },
    _otherNumber: { state: true },
    _dialNumber: { state: true },
    _disposition: { state: true },
    _notes: { state: true },
    _alert: { state: true },
    _message: { state: true },
  };

  /** The contract to drive: the in-page `Bridge`, a remote client, or anything with the eight methods. */
  declare bridge: SoftphoneBridge | undefined;
  /** Callers the agent can simulate an inbound call from; "Another number…" is always offered. */
  declare callers: readonly Caller[];
  /** Statuses of the status selector; the first is the agent's status at start. */
  declare statuses: readonly AgentStatus[];
  /** Extra `callAccepted` fields for inbound calls, as a simulated IVR would send (`ivrExitPath`…). */
  declare ivrContext: Readonly<Record<string, string>>;
  /** The panel's accessible name, and the text of its (visually hidden) heading. */
  declare label: string;
  /**
   * The level of the panel's heading (attribute `heading-level`), 1 by default: the panel is
   * usually the whole page of the softphone's frame, which needs a level-one heading. A page
   * that embeds it under its own `<h1>` sets 2 or more.
   */
  declare headingLevel: number;
  /**
   * The ISO country (attribute `default-country`, `US` by default) whose national numbers the
   * agent types: "(415) 555-0117" dials +14155550117. Every number is checked as E.164 before
   * it is dialled, and one that is not a phone number is not dialled: the panel says why.
   */
  declare defaultCountry: string;
  /**
   * Seconds an unanswered inbound call rings (attribute `ring-timeout`, 30 by default; 0: for
   * ever); then it ends as missed (`callRejected`, `passive`). A dialled call is never cut: the
   * agent says when the far end answers or hangs up.
   */
  declare ringTimeout: number;
  /**
   * The sessionStorage key (attribute `session-key`, `sb-softphone` by default) under which the
   * panel keeps its live call (phase, caller, times, disposition and notes typed so far), so a
   * reload of its frame resumes the call once the bridge sends `partner_config`. Empty: not kept.
   */
  declare sessionKey: string;
  /** Turns the keyboard shortcuts off (attribute `disable-shortcuts`), for a page that uses the same keys. */
  declare disableShortcuts: boolean;
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
  readonly #focus = new FocusKeeper(this, () => this.shadowRoot, () => FOCUS_NEXT[this.#session.phase]);
  #lastConversation: string | undefined;

  constructor() {
    super();
    // Initialised here, not as field initialisers, so they go through lit's accessors whatever
    // the compiler's useDefineForClassFields setting (see docs/decisions/0006-ui-components.md).
    this.bridge = undefined;
    this.callers = [];
    this.statuses = DEFAULT_STATUSES;
    this.ivrContext = {};
    this.label = 'Softphone';
    this.headingLevel = 1;
    this.defaultCountry = 'US';
    this.ringTimeout = 30;
    this.sessionKey = 'sb-softphone';
    this.disableShortcuts = false;
    this._dialError = '';
    this._choice = '0';
    this._otherNumber = '';
    this._dialNumber = '';
    this._disposition = '';
    this._notes = '';
    this._alert = '';
    this._message = '';
    this.#session = new SoftphoneSession(this, {
      announce: (text, urgent) => {
        if (urgent) this._alert = text;
        else this._message = text;
      },
      refused: (action, code) => this.dispatchEvent(new RefusedEvent(action, code)),
      dialNumberChanged: (number) => (this._dialNumber = number),
      wrapUp: () => ({ disposition: this._disposition, notes: this._notes }),
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

  override connectedCallback(): void {
    // Before the controllers connect (and load the bridge), so partner_config finds the saved call.
    const s = this.#session;
    if (s.phase === 'starting' && this.sessionKey !== '') s.pendingRestore = loadSession(this.sessionKey);
    super.connectedCallback();
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
    this.#session.hangUp({ disposition: this._disposition, notes: this._notes });
  }

  /** Sends disposition and notes (`callNotesSubmitted`); after the end, this closes wrap-up. */
  submitNotes(): void {
    this.#session.submitNotes({ disposition: this._disposition, notes: this._notes });
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
    }
    if (conversation !== this.#lastConversation) this._dialError = '';
    this.#lastConversation = conversation;
    if (session.phase !== 'ringing') this._alert = '';
    this.#ticker.every = session.live ? 1000 : 0;
  }

  protected override updated(): void {
    // While starting, a saved call is still waiting for partner_config: leave it.
    if (this.sessionKey === '' || this.#session.phase === 'starting') return;
    const wrapUp = { disposition: this._disposition, notes: this._notes };
    saveSession(this.sessionKey, savedSession(this.#session.phase, this.#session.call, wrapUp));
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
