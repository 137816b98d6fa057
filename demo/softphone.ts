import type { Bridge, CallbackEventType, CallbackPayload, PartnerConfigEvent } from '../src/index.js';
import { byId, setOptions } from './dom.js';
import { callerChoices, formatDuration, formatPhone, IVR_CONTEXT, STATUSES } from './fixtures.js';

/** Where the simulated softphone stands. `wrapup`: the call is over, notes can still be sent. */
export type Phase = 'starting' | 'idle' | 'ringing' | 'dialing' | 'connected' | 'wrapup';

/** One callback event from the bridge, as a tagged union. */
export type CallbackMessage = { [K in CallbackEventType]: { readonly type: K; readonly payload: CallbackPayload<K> } }[CallbackEventType];

interface ActiveCall {
  readonly conversationId: string;
  readonly direction: 'inbound' | 'outbound';
  readonly number: string;
  readonly startedAt: number;
  acceptedAt: number | undefined;
  durationSeconds: number | undefined;
}

const PHASE_LABELS: Readonly<Record<Phase, string>> = {
  starting: 'Starting',
  idle: 'Idle',
  ringing: 'Ringing',
  dialing: 'Dialing',
  connected: 'On call',
  wrapup: 'Wrap-up',
};

/**
 * The left pane: a stand-in for a vendor's web softphone. It speaks only the Softphone contract:
 * it calls the bridge's methods and obeys the callback it hands to `load`.
 */
export class SimulatedSoftphone {
  readonly #bridge: Bridge;
  readonly #ui = {
    status: byId('agent-status', HTMLSelectElement),
    caller: byId('caller', HTMLSelectElement),
    otherField: byId('other-number-field', HTMLDivElement),
    otherNumber: byId('other-number', HTMLInputElement),
    incoming: byId('btn-incoming', HTMLButtonElement),
    party: byId('call-party', HTMLParagraphElement),
    accept: byId('btn-accept', HTMLButtonElement),
    reject: byId('btn-reject', HTMLButtonElement),
    ringOut: byId('btn-ringout', HTMLButtonElement),
    hangUp: byId('btn-hangup', HTMLButtonElement),
    disposition: byId('disposition', HTMLSelectElement),
    notes: byId('notes', HTMLTextAreaElement),
    submitNotes: byId('btn-notes', HTMLButtonElement),
    dialNumber: byId('dial-number', HTMLInputElement),
    dial: byId('btn-dial', HTMLButtonElement),
    phase: byId('call-state', HTMLSpanElement),
    timer: byId('call-timer', HTMLSpanElement),
    announcer: byId('announcer', HTMLDivElement),
    partner: byId('partner-line', HTMLParagraphElement),
  };
  #phase: Phase = 'starting';
  #call: ActiveCall | undefined;
  #partner: PartnerConfigEvent | undefined;

  constructor(bridge: Bridge) {
    this.#bridge = bridge;
    const ui = this.#ui;
    setOptions(ui.caller, callerChoices());
    setOptions(ui.status, STATUSES.map((s) => ({ value: s.id, label: s.label })));
    setOptions(ui.disposition, [{ value: '', label: 'Waiting for the CRM…' }]);
    ui.caller.addEventListener('change', () => this.#render());
    ui.otherNumber.addEventListener('input', () => this.#render());
    ui.dialNumber.addEventListener('input', () => this.#render());
    ui.incoming.addEventListener('click', () => void this.incoming());
    ui.accept.addEventListener('click', () => void this.accept());
    ui.reject.addEventListener('click', () => void this.reject('active'));
    ui.ringOut.addEventListener('click', () => void this.reject('passive'));
    ui.hangUp.addEventListener('click', () => void this.hangUp());
    ui.submitNotes.addEventListener('click', () => void this.submitNotes());
    ui.dial.addEventListener('click', () => void this.dial(ui.dialNumber.value));
    ui.dialNumber.addEventListener('keydown', (event) => {
      if (event.key === 'Enter' && !ui.dial.disabled) void this.dial(ui.dialNumber.value);
    });
    ui.status.addEventListener('change', () => void this.#run('Status change', this.#bridge.statusChanged({ softphoneId: ui.status.value })));
    setInterval(() => this.#renderTimer(), 250);
    this.#render();
  }

  get phase(): Phase {
    return this.#phase;
  }

  /** Loads the bridge with this softphone's callback, then reports the agent's initial status. */
  async start(): Promise<void> {
    await this.#bridge.load((eventType, payload) => this.#receive({ type: eventType, payload } as CallbackMessage));
    await this.#run('Status', this.#bridge.statusChanged({ softphoneId: this.#ui.status.value }));
  }

  /** Picks a caller by position in the Caller select. */
  chooseCaller(index: number): void {
    const option = this.#ui.caller.options.item(index);
    if (option !== null) this.#ui.caller.value = option.value;
    this.#render();
  }

  /** Fills the wrap-up fields, as the agent would type them. */
  fillWrapUp(disposition: string, notes: string): void {
    this.#ui.disposition.value = disposition;
    this.#ui.notes.value = notes;
  }

  incoming(): Promise<void> {
    const number = this.#callerNumber();
    if (!this.#canStart() || number === '') return Promise.resolve();
    const call = this.#begin('inbound', number, 'ringing');
    this.#announce(`Incoming call from ${formatPhone(number)}`);
    return this.#run('Incoming call', this.#bridge.incomingCall({ partnerId: this.#partnerId(), conversationId: call.conversationId, callerANI: number, language: 'en_US' }));
  }

  accept(): Promise<void> {
    const call = this.#call;
    if (call === undefined || (this.#phase !== 'ringing' && this.#phase !== 'dialing')) return Promise.resolve();
    call.acceptedAt = Date.now();
    const ivr = call.direction === 'inbound' ? { callerANI: call.number, language: 'en_US', ...IVR_CONTEXT } : {};
    this.#setPhase('connected');
    this.#announce(call.direction === 'inbound' ? 'Call accepted' : `${formatPhone(call.number)} answered`);
    return this.#run('Accept', this.#bridge.callAccepted({ partnerId: this.#partnerId(), conversationId: call.conversationId, ...ivr }));
  }

  reject(reason: 'active' | 'passive'): Promise<void> {
    const call = this.#call;
    if (call === undefined || this.#phase !== 'ringing') return Promise.resolve();
    this.#call = undefined;
    this.#setPhase('idle');
    this.#announce(reason === 'active' ? 'Call rejected' : 'Missed call: it rang out');
    return this.#run('Reject', this.#bridge.callRejected({ partnerId: this.#partnerId(), conversationId: call.conversationId, reason }));
  }

  hangUp(): Promise<void> {
    const call = this.#call;
    if (call === undefined || (this.#phase !== 'connected' && this.#phase !== 'dialing')) return Promise.resolve();
    const duration = call.acceptedAt === undefined ? 0 : Math.round((Date.now() - call.acceptedAt) / 1000);
    call.durationSeconds = duration;
    this.#setPhase('wrapup');
    this.#announce(`Call ended after ${formatDuration(duration)}`);
    return this.#run(
      'Hang up',
      this.#bridge.callEnded({ partnerId: this.#partnerId(), conversationId: call.conversationId, duration, callType: call.direction, ...this.#wrapUpFields() }),
    );
  }

  submitNotes(): Promise<void> {
    const call = this.#call;
    if (call === undefined || !this.#notesOpen()) return Promise.resolve();
    this.#announce('Notes submitted');
    return this.#run('Submit notes', this.#bridge.callNotesSubmitted({ partnerId: this.#partnerId(), conversationId: call.conversationId, ...this.#wrapUpFields() }));
  }

  dial(raw: string): Promise<void> {
    const number = raw.trim();
    if (!this.#canStart() || number === '') return Promise.resolve();
    const call = this.#begin('outbound', number, 'dialing');
    this.#announce(`Dialing ${formatPhone(number)}`);
    return this.#run('Dial', this.#bridge.outboundCallInitiated({ partnerId: this.#partnerId(), conversationId: call.conversationId, dialledTo: number }));
  }

  // ---- the callback ------------------------------------------------------------------------

  #receive(message: CallbackMessage): void {
    const ui = this.#ui;
    switch (message.type) {
      case 'disposition':
        setOptions(ui.disposition, [{ value: '', label: 'Choose a disposition' }, ...message.payload.map((code) => ({ value: code, label: code }))]);
        break;
      case 'partner_config':
        this.#partner = message.payload;
        ui.partner.textContent = `Partner ${message.payload.partnerId}`;
        if (this.#phase === 'starting') this.#setPhase('idle');
        break;
      case 'update_presence': {
        const { softphoneId } = message.payload;
        if ([...ui.status.options].some((o) => o.value === softphoneId)) ui.status.value = softphoneId;
        this.#announce(`The CRM set your status to ${ui.status.selectedOptions.item(0)?.textContent ?? softphoneId}`);
        // A softphone reports every status change; the bridge recognises this one as an echo.
        void this.#run('Status', this.#bridge.statusChanged({ softphoneId }));
        break;
      }
      case 'start_call': {
        ui.dialNumber.value = message.payload.dialTo;
        if (this.#canStart()) void this.dial(message.payload.dialTo);
        else this.#announce('The CRM asked to dial, but a call is in progress');
        break;
      }
    }
    this.#render();
  }

  // ---- internals ---------------------------------------------------------------------------

  #begin(direction: ActiveCall['direction'], number: string, phase: Phase): ActiveCall {
    const call: ActiveCall = { conversationId: crypto.randomUUID(), direction, number, startedAt: Date.now(), acceptedAt: undefined, durationSeconds: undefined };
    this.#call = call;
    this.#ui.notes.value = '';
    this.#ui.disposition.value = '';
    this.#setPhase(phase);
    return call;
  }

  #wrapUpFields(): { disposition?: string; notes?: string } {
    const disposition = this.#ui.disposition.value;
    const notes = this.#ui.notes.value;
    return { ...(disposition === '' ? {} : { disposition }), ...(notes.trim() === '' ? {} : { notes }) };
  }

  #callerNumber(): string {
    const chosen = this.#ui.caller.value;
    return (chosen === 'other' ? this.#ui.otherNumber.value : chosen).trim();
  }

  #partnerId(): string {
    return this.#partner?.partnerId ?? '';
  }

  #canStart(): boolean {
    return this.#partner !== undefined && (this.#phase === 'idle' || this.#phase === 'wrapup');
  }

  #notesOpen(): boolean {
    return this.#phase === 'connected' || this.#phase === 'dialing' || this.#phase === 'wrapup';
  }

  #setPhase(phase: Phase): void {
    this.#phase = phase;
    this.#render();
  }

  /** Awaits a bridge call; a rejection is shown to the agent by its code (never the data). */
  async #run(action: string, task: Promise<unknown>): Promise<void> {
    try {
      await task;
    } catch (error) {
      const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : 'UNKNOWN';
      this.#announce(`${action}: the bridge refused it (${code})`);
    }
  }

  #announce(text: string): void {
    this.#ui.announcer.textContent = text;
  }

  #render(): void {
    const ui = this.#ui;
    const phase = this.#phase;
    const call = this.#call;
    const canStart = this.#canStart();
    ui.phase.textContent = PHASE_LABELS[phase];
    ui.phase.dataset['phase'] = phase;
    ui.otherField.hidden = ui.caller.value !== 'other';
    ui.caller.disabled = !canStart;
    ui.otherNumber.disabled = !canStart;
    ui.incoming.disabled = !canStart || this.#callerNumber() === '';
    ui.accept.disabled = phase !== 'ringing' && phase !== 'dialing';
    ui.accept.textContent = phase === 'dialing' ? 'They answered' : 'Accept';
    ui.reject.disabled = phase !== 'ringing';
    ui.ringOut.disabled = phase !== 'ringing';
    ui.hangUp.disabled = phase !== 'connected' && phase !== 'dialing';
    ui.disposition.disabled = !this.#notesOpen();
    ui.notes.disabled = !this.#notesOpen();
    ui.submitNotes.disabled = !this.#notesOpen();
    ui.dialNumber.disabled = !canStart;
    ui.dial.disabled = !canStart || ui.dialNumber.value.trim() === '';
    ui.status.disabled = phase === 'starting';
    ui.party.textContent = call === undefined ? 'No call' : `${call.direction === 'inbound' ? 'Inbound from' : 'Outbound to'} ${formatPhone(call.number)}`;
    this.#renderTimer();
  }

  #renderTimer(): void {
    const call = this.#call;
    let seconds = 0;
    if (call !== undefined && this.#phase === 'wrapup') seconds = call.durationSeconds ?? 0;
    else if (call !== undefined && this.#phase === 'connected' && call.acceptedAt !== undefined) seconds = (Date.now() - call.acceptedAt) / 1000;
    else if (call !== undefined && (this.#phase === 'ringing' || this.#phase === 'dialing')) seconds = (Date.now() - call.startedAt) / 1000;
    this.#ui.timer.textContent = formatDuration(seconds);
  }
}
