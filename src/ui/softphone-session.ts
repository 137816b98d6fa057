import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { PartnerConfigEvent } from '../contract/callback-events.js';
import type { AgentStatus, SoftphoneBridge } from './bridge-like.js';
import { BridgeLink, type CallbackMessage } from './bridge-link.js';
import { describeParty } from './format.js';
import { checkNumber } from './number-check.js';
import { RingTimer } from './ring-timer.js';
import { reclaimStep, reconcile, type StoredCall } from './session-resume.js';
import type { SavedSession } from './session-store.js';
import { wrapUpFields, type ActiveCall, type Phase, type SessionDelegate, type WrapUp } from './session-types.js';

// The session's types live in their own module; re-exported so that imports of this one keep working.
export type { ActiveCall, Phase, SessionDelegate, WrapUp } from './session-types.js';

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
  readonly #link: BridgeLink;
  #ringTimeoutSeconds = 0;
  readonly #ringTimer = new RingTimer();

  constructor(host: ReactiveControllerHost, delegate: SessionDelegate) {
    this.#host = host;
    this.#delegate = delegate;
    this.#link = new BridgeLink({
      receive: (message) => this.#receive(message),
      // A softphone reports the agent's status once it is up, as it does on every change.
      loaded: () => this.changeStatus(this.statusId),
      refused: (action, code) => {
        this.#delegate.announce(`${action}: the bridge refused it (${code})`, false);
        this.#delegate.refused(action, code);
      },
    });
    host.addController(this);
  }

  get canStart(): boolean {
    return this.partner !== undefined && (this.phase === 'idle' || this.phase === 'wrapup');
  }

  /** Whether a call is live (ringing, dialing or connected): its controls show, a new call cannot start. */
  get live(): boolean {
    return this.phase === 'ringing' || this.phase === 'dialing' || this.phase === 'connected';
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
    this.#link.follow(bridge);
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
    this.#link.connected = true;
    this.#armRingTimer();
  }

  hostDisconnected(): void {
    this.#link.connected = false;
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
    this.#link.run('incomingCall', (b) => b.incomingCall({ ...this.#ids(call), callerANI: number }));
  }

  /** Accepts a ringing call, or marks a dialled one answered; `ivr` adds what a simulated IVR learned. */
  accept(ivr: Readonly<Record<string, string>> = {}): void {
    const call = this.call;
    if (call === undefined || (this.phase !== 'ringing' && this.phase !== 'dialing')) return;
    this.#set('connected', { ...call, acceptedAt: Date.now() });
    this.#delegate.announce(call.direction === 'inbound' ? 'Call accepted' : `${call.number} answered`, false);
    const extra = call.direction === 'inbound' ? { ...ivr, callerANI: call.number } : {};
    this.#link.run('callAccepted', (b) => b.callAccepted({ ...extra, ...this.#ids(call) }));
  }

  /** `active`: the agent declined; `passive`: the agent let it ring out (or the ring timeout did: `message`). */
  reject(reason: 'active' | 'passive', message?: string): void {
    const call = this.call;
    if (call === undefined || this.phase !== 'ringing') return;
    this.#set('idle', undefined);
    this.#delegate.announce(message ?? (reason === 'active' ? 'Call rejected' : 'Missed call: it rang out'), false);
    this.#link.run('callRejected', (b) => b.callRejected({ ...this.#ids(call), reason }));
  }

  hangUp(wrapUp: WrapUp): void {
    const call = this.call;
    if (call === undefined || (this.phase !== 'connected' && this.phase !== 'dialing')) return;
    const duration = call.acceptedAt === undefined ? 0 : Math.round((Date.now() - call.acceptedAt) / 1000);
    this.#set('wrapup', { ...call, durationSeconds: duration });
    this.#delegate.announce('Call ended', false);
    const payload = { ...this.#ids(call), duration, callType: call.direction, ...wrapUpFields(wrapUp) };
    this.#link.run('callEnded', (b) => b.callEnded(payload));
  }

  /** Sends disposition and notes; after the end this closes the wrap-up. */
  submitNotes(wrapUp: WrapUp): void {
    const call = this.call;
    if (call === undefined || !this.notesOpen) return;
    if (this.phase === 'wrapup') this.#set('idle', undefined);
    this.#delegate.announce('Notes submitted', false);
    this.#link.run('callNotesSubmitted', (b) => b.callNotesSubmitted({ ...this.#ids(call), ...wrapUpFields(wrapUp) }));
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
    this.#link.run('outboundCallInitiated', (b) => b.outboundCallInitiated({ ...this.#ids(call), dialledTo: number }));
  }

  changeStatus(softphoneId: string): void {
    if (softphoneId === '') return;
    this.statusId = softphoneId;
    this.#host.requestUpdate();
    this.#link.run('statusChanged', (b) => b.statusChanged({ softphoneId }));
  }

  /** `call.updated` from an in-page bridge: shows the record the CRM matched. */
  recordMatched(conversationId: string, recordName: string | undefined): void {
    if (this.call?.conversationId !== conversationId || recordName === undefined || this.call.recordName === recordName)
      return;
    this.call = { ...this.call, recordName };
    this.#host.requestUpdate();
  }

  #receive(message: CallbackMessage): void {
    switch (message.type) {
      case 'disposition':
        if (Array.isArray(message.payload))
          this.dispositions = message.payload.filter((code) => typeof code === 'string');
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
    this.#delegate.announce(
      `Call with ${describeParty(saved.call.name, saved.call.number)} restored after a reload`,
      false,
    );
    const reclaim = reclaimStep(saved, this.#partnerId());
    if (reclaim !== undefined) void this.#link.run(reclaim.action, reclaim.call);
    void this.#reconcile(saved);
  }

  /**
   * Checks a resumed call against the in-page bridge's store, when there is one (`reconcile`);
   * a store that cannot be read leaves the call as saved: the bridge judges the next event.
   */
  async #reconcile(saved: SavedSession): Promise<void> {
    const bridge = this.#link.bridge;
    if (bridge?.getCall === undefined) return;
    let record: StoredCall | undefined;
    try {
      record = await bridge.getCall(saved.call.conversationId);
    } catch {
      return;
    }
    const next = reconcile(saved, record, this.phase, this.call);
    if (next === undefined) return;
    this.#set(next.phase, next.call);
    if (next.message !== undefined) this.#delegate.announce(next.message, false);
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

  /** (Re)arms the ring timeout for the ringing call, while the panel is in the document and has one. */
  #armRingTimer(): void {
    const call = this.call;
    const seconds = this.#ringTimeoutSeconds;
    if (!this.#link.connected || call === undefined || seconds === 0 || this.phase !== 'ringing')
      return this.#ringTimer.clear();
    this.#ringTimer.arm(call.startedAt + seconds * 1000, () => {
      if (this.call?.conversationId === call.conversationId)
        this.reject('passive', `Missed call: no answer in ${seconds} s`);
    });
  }

  #partnerId(): string {
    return this.partner?.partnerId ?? '';
  }

  /** The two ids every call event carries. */
  #ids(call: ActiveCall): { partnerId: string; conversationId: string } {
    return { partnerId: this.#partnerId(), conversationId: call.conversationId };
  }
}
