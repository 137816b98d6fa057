import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { CallbackEventType, CallbackPayload, PartnerConfigEvent, SoftphoneCallback } from '../contract/callback-events.js';
import type { AgentStatus, SoftphoneBridge } from './bridge-like.js';
import { describeParty, errorCode } from './format.js';
import { checkNumber } from './number-check.js';
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
  /** A number was not dialled (`outbound`) or rung from (`inbound`) because it is not a phone number: show `message` at its field. */
  invalidNumber(message: string, direction: ActiveCall['direction']): void;
  /** A call saved before a reload is the current call again, with what the agent had typed. */
  restored(saved: SavedSession): void;
}

type CallbackMessage = { [K in CallbackEventType]: { readonly type: K; readonly payload: CallbackPayload<K> } }[CallbackEventType];

/**
 * The softphone panel's logic as a lit controller: the call phase, and every contract call the
 * panel makes (`incomingCall` … `statusChanged`), plus obedience to the callback it hands to
 * `load`. The element only renders it. Transitions are optimistic, as a real softphone's: the
 * phone rings before the bridge has stored the event; a refusal is announced, not rolled back.
 */
export class SoftphoneSession implements ReactiveController {
  phase: Phase = 'starting';
  call: ActiveCall | undefined;
  partner: PartnerConfigEvent | undefined;
  dispositions: readonly string[] = [];
  statuses: readonly AgentStatus[] = [];
  statusId = '';
  /** The ISO country whose national numbers the agent types (`toE164`'s default country). */
  defaultCountry = 'US';
  /** A call saved before a reload, resumed once the bridge has sent `partner_config`. */
  pendingRestore: SavedSession | undefined;
  readonly #host: ReactiveControllerHost;
  readonly #delegate: SessionDelegate;
  #bridge: SoftphoneBridge | undefined;
  #loaded: SoftphoneBridge | undefined;
  #connected = false;
  #ringTimeoutSeconds = 0;
  #ringTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(host: ReactiveControllerHost, delegate: SessionDelegate) {
    this.#host = host;
    this.#delegate = delegate;
    host.addController(this);
  }

  get canStart(): boolean {
    return this.partner !== undefined && (this.phase === 'idle' || this.phase === 'wrapup');
  }

  get notesOpen(): boolean {
    return this.phase === 'connected' || this.phase === 'dialing' || this.phase === 'wrapup';
  }

  /** Seconds on the timer: ringing or dialing since the start, talking since the answer, or the final duration. */
  elapsedSeconds(now: number): number {
    const call = this.call;
    if (call === undefined) return 0;
    if (this.phase === 'wrapup') return call.durationSeconds ?? 0;
    if (this.phase === 'connected') return (now - (call.acceptedAt ?? now)) / 1000;
    return this.phase === 'ringing' || this.phase === 'dialing' ? (now - call.startedAt) / 1000 : 0;
  }

  /** Follows another bridge; it is loaded once the element is in the document. */
  setBridge(bridge: SoftphoneBridge | undefined): void {
    this.#bridge = bridge;
    this.#load();
  }

  /**
   * Seconds an inbound call may ring unanswered; then it ends as missed (`callRejected`,
   * `passive`). 0 or less: never (D16). A dialled call is left alone: whether the far end
   * answers is the agent's to say ("They answered"), and cutting a call the agent forgot to mark
   * would end a live conversation.
   */
  get ringTimeoutSeconds(): number {
    return this.#ringTimeoutSeconds;
  }

  set ringTimeoutSeconds(seconds: number) {
    const next = Number.isFinite(seconds) && seconds > 0 ? seconds : 0;
    if (next === this.#ringTimeoutSeconds) return;
    this.#ringTimeoutSeconds = next;
    this.#armRingTimer();
  }

  hostConnected(): void {
    this.#connected = true;
    this.#load();
    this.#armRingTimer();
  }

  hostDisconnected(): void {
    this.#connected = false;
    this.#armRingTimer();
  }

  incoming(raw: string, name: string | undefined): void {
    if (!this.canStart || raw.trim() === '') return;
    const checked = checkNumber(raw, this.defaultCountry);
    if (!checked.ok) return this.#invalid(checked.message, 'inbound');
    const number = checked.e164;
    this.#closeWrapUp();
    const call = this.#begin('inbound', number, name, 'ringing');
    this.#delegate.announce(`Incoming call from ${describeParty(name, number)}`, true);
    this.#run('incomingCall', (b) => b.incomingCall({ partnerId: this.#partnerId(), conversationId: call.conversationId, callerANI: number }));
  }

  /** Accepts a ringing call, or marks a dialled one answered; `ivr` adds what a simulated IVR learned. */
  accept(ivr: Readonly<Record<string, string>> = {}): void {
    const call = this.call;
    if (call === undefined || (this.phase !== 'ringing' && this.phase !== 'dialing')) return;
    this.#set('connected', { ...call, acceptedAt: Date.now() });
    this.#delegate.announce(call.direction === 'inbound' ? 'Call accepted' : `${call.number} answered`, false);
    const extra = call.direction === 'inbound' ? { ...ivr, callerANI: call.number } : {};
    this.#run('callAccepted', (b) => b.callAccepted({ ...extra, partnerId: this.#partnerId(), conversationId: call.conversationId }));
  }

  /** `active`: the agent declined; `passive`: the agent let it ring out (or the ring timeout did: `message`). */
  reject(reason: 'active' | 'passive', message?: string): void {
    const call = this.call;
    if (call === undefined || this.phase !== 'ringing') return;
    this.#set('idle', undefined);
    this.#delegate.announce(message ?? (reason === 'active' ? 'Call rejected' : 'Missed call: it rang out'), false);
    this.#run('callRejected', (b) => b.callRejected({ partnerId: this.#partnerId(), conversationId: call.conversationId, reason }));
  }

  hangUp(wrapUp: WrapUp): void {
    const call = this.call;
    if (call === undefined || (this.phase !== 'connected' && this.phase !== 'dialing')) return;
    const duration = call.acceptedAt === undefined ? 0 : Math.round((Date.now() - call.acceptedAt) / 1000);
    this.#set('wrapup', { ...call, durationSeconds: duration });
    this.#delegate.announce('Call ended', false);
    const payload = { partnerId: this.#partnerId(), conversationId: call.conversationId, duration, callType: call.direction, ...wrapUpFields(wrapUp) };
    this.#run('callEnded', (b) => b.callEnded(payload));
  }

  /** Sends disposition and notes; after the end this closes the wrap-up. */
  submitNotes(wrapUp: WrapUp): void {
    const call = this.call;
    if (call === undefined || !this.notesOpen) return;
    if (this.phase === 'wrapup') this.#set('idle', undefined);
    this.#delegate.announce('Notes submitted', false);
    this.#run('callNotesSubmitted', (b) => b.callNotesSubmitted({ partnerId: this.#partnerId(), conversationId: call.conversationId, ...wrapUpFields(wrapUp) }));
  }

  /** Dials `raw` once it is checked as E.164 (national numbers as {@link defaultCountry}'s); otherwise says why not. */
  dial(raw: string): void {
    if (!this.canStart) return;
    const checked = checkNumber(raw, this.defaultCountry);
    if (!checked.ok) return this.#invalid(checked.message, 'outbound');
    const number = checked.e164;
    this.#closeWrapUp();
    const call = this.#begin('outbound', number, undefined, 'dialing');
    this.#delegate.announce(`Dialing ${number}`, false);
    this.#run('outboundCallInitiated', (b) => b.outboundCallInitiated({ partnerId: this.#partnerId(), conversationId: call.conversationId, dialledTo: number }));
  }

  changeStatus(softphoneId: string): void {
    if (softphoneId === '') return;
    this.statusId = softphoneId;
    this.#host.requestUpdate();
    this.#run('statusChanged', (b) => b.statusChanged({ softphoneId }));
  }

  /** `call.updated` from an in-page bridge: shows the record the CRM matched. */
  recordMatched(conversationId: string, recordName: string | undefined): void {
    if (this.call?.conversationId !== conversationId || recordName === undefined || this.call.recordName === recordName) return;
    this.call = { ...this.call, recordName };
    this.#host.requestUpdate();
  }

  #load(): void {
    const bridge = this.#bridge;
    if (!this.#connected || bridge === undefined || bridge === this.#loaded) return;
    this.#loaded = bridge;
    // A callback from a bridge the element no longer follows is ignored.
    const callback = ((type: CallbackEventType, payload: unknown) => {
      if (this.#bridge === bridge) this.#receive({ type, payload } as CallbackMessage);
    }) as SoftphoneCallback;
    void this.#run('load', (b) => b.load(callback)).then((ok) => {
      // A failed load is tried again the next time the element is attached.
      if (!ok && this.#loaded === bridge) this.#loaded = undefined;
      // A softphone reports the agent's status once it is up, as it does on every change.
      if (ok && this.#bridge === bridge && this.statusId !== '') this.changeStatus(this.statusId);
    });
  }

  #receive(message: CallbackMessage): void {
    switch (message.type) {
      case 'disposition':
        if (Array.isArray(message.payload)) this.dispositions = message.payload.filter((code) => typeof code === 'string');
        break;
      case 'partner_config':
        this.partner = message.payload;
        if (this.phase === 'starting') this.#resume();
        break;
      case 'update_presence': {
        const { softphoneId } = message.payload;
        if (typeof softphoneId !== 'string' || softphoneId === '') return;
        const label = this.statuses.find((s) => s.id === softphoneId)?.label ?? softphoneId;
        this.#delegate.announce(`The CRM set your status to ${label}`, false);
        // Reported like any change; the bridge recognises the echo and does not send it back.
        this.changeStatus(softphoneId);
        break;
      }
      case 'start_call': {
        const { dialTo } = message.payload;
        if (typeof dialTo !== 'string') return;
        this.#delegate.dialNumberChanged(dialTo);
        if (this.canStart) this.dial(dialTo);
        else this.#delegate.announce('The CRM asked to dial, but a call is in progress', false);
        break;
      }
    }
    this.#host.requestUpdate();
  }

  #begin(direction: ActiveCall['direction'], number: string, name: string | undefined, phase: Phase): ActiveCall {
    const call: ActiveCall = { conversationId: crypto.randomUUID(), direction, number, name, startedAt: Date.now() };
    this.#set(phase, call);
    return call;
  }

  #set(phase: Phase, call: ActiveCall | undefined): void {
    this.phase = phase;
    this.call = call;
    this.#armRingTimer();
    this.#host.requestUpdate();
  }

  /** Leaves `starting`: for the call saved before a reload, if there is one, else idle. */
  #resume(): void {
    const saved = this.pendingRestore;
    this.pendingRestore = undefined;
    if (saved === undefined) return this.#set('idle', undefined);
    this.#set(saved.phase, saved.call);
    this.#delegate.restored(saved);
    this.#delegate.announce(`Call with ${describeParty(saved.call.name, saved.call.number)} restored after a reload`, false);
    void this.#reconcile(saved);
  }

  /**
   * Checks a resumed call against the in-page bridge's store, when there is one: a call that was
   * logged meanwhile (`wrapped`, `rejected`) leaves the panel idle; one that ended opens wrap-up
   * with its duration. Nothing changes if the agent already moved on.
   */
  async #reconcile(saved: SavedSession): Promise<void> {
    const bridge = this.#bridge;
    if (bridge?.getCall === undefined) return;
    let record: Awaited<ReturnType<NonNullable<SoftphoneBridge['getCall']>>>;
    try {
      record = await bridge.getCall(saved.call.conversationId);
    } catch {
      return; // the store could not be read: the call stays as saved, the bridge judges the next event
    }
    const call = this.call;
    if (record === undefined || call?.conversationId !== saved.call.conversationId || this.phase !== saved.phase) return;
    const party = describeParty(call.name, call.number);
    const recordName = record.crmRecord?.name ?? call.recordName;
    const named = recordName === undefined || recordName === call.recordName ? call : { ...call, recordName };
    if (record.state === 'wrapped' || record.state === 'rejected') {
      this.#set('idle', undefined);
      this.#delegate.announce(`The call with ${party} ended while the page reloaded`, false);
    } else if (record.state === 'ended' && this.phase !== 'wrapup') {
      this.#set('wrapup', { ...named, durationSeconds: record.durationSeconds ?? 0 });
      this.#delegate.announce(`The call with ${party} ended while the page reloaded: wrap it up`, false);
    } else if (named !== call) {
      this.#set(this.phase, named);
    }
  }

  /**
   * After-call work is a state (D9): a new call during wrap-up first submits what the agent typed
   * for the last one, so nothing typed is lost and that call's log is complete.
   */
  #closeWrapUp(): void {
    if (this.phase !== 'wrapup') return;
    this.submitNotes(this.#delegate.wrapUp());
  }

  #invalid(message: string, direction: ActiveCall['direction']): void {
    this.#delegate.announce(message, false);
    this.#delegate.invalidNumber(message, direction);
  }

  /** (Re)arms the ring timeout for the ringing call, counted from its start (a restored call keeps its age). */
  #armRingTimer(): void {
    if (this.#ringTimer !== undefined) clearTimeout(this.#ringTimer);
    this.#ringTimer = undefined;
    const call = this.call;
    const seconds = this.#ringTimeoutSeconds;
    if (!this.#connected || call === undefined || seconds === 0 || this.phase !== 'ringing') return;
    const left = call.startedAt + seconds * 1000 - Date.now();
    this.#ringTimer = setTimeout(() => {
      this.#ringTimer = undefined;
      if (this.call?.conversationId === call.conversationId) this.reject('passive', `Missed call: no answer in ${seconds} s`);
    }, Math.max(0, left));
  }

  #partnerId(): string {
    return this.partner?.partnerId ?? '';
  }

  /** Calls the bridge; resolves `true` if it accepted, `false` if it refused (announced, never thrown). */
  #run(action: string, call: (bridge: SoftphoneBridge) => Promise<unknown>): Promise<boolean> {
    const bridge = this.#bridge;
    if (bridge === undefined) return Promise.resolve(false);
    let pending: Promise<unknown>;
    try {
      pending = call(bridge);
    } catch (error) {
      pending = Promise.reject(error);
    }
    return pending.then(
      () => true,
      (error: unknown) => {
        const code = errorCode(error);
        this.#delegate.announce(`${action}: the bridge refused it (${code})`, false);
        this.#delegate.refused(action, code);
        return false;
      },
    );
  }
}

function wrapUpFields(wrapUp: WrapUp): { disposition?: string; notes?: string } {
  return { ...(wrapUp.disposition === '' ? {} : { disposition: wrapUp.disposition }), ...(wrapUp.notes.trim() === '' ? {} : { notes: wrapUp.notes }) };
}
