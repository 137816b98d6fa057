import type { SobotAgent, SobotCallbacks, SobotListener, SobotMakeCall } from '../../connectors/sobot/index.js';

/**
 * The call event names the seed leaves to its "Call Capability Message Format File". The fake
 * uses the same reading as the connector's defaults (connectors/sobot/README.md).
 */
export const SOBOT_CALL_EVENTS = { answered: 'EventEstablished', released: 'EventReleased', abandoned: 'EventAbandoned' } as const;

/** The reason codes `notReady` accepts (seed: 2 DND, 11 break, 12–18). */
const REASON_CODES = [2, 11, 12, 13, 14, 15, 16, 17, 18];

type WorkStatus = 'idle' | 'ringing' | 'dialing' | 'talking';

interface FakeCall {
  readonly callID: string;
  readonly callType: 'Inbound' | 'Outbound';
  readonly otherDN: string;
}

/** What the Sobot server still holds from an earlier session of the same agent (before a reload). */
export interface SobotServerSession {
  readonly agentState: '1' | '2';
  readonly reasonCode?: number;
  readonly call?: FakeCall;
  readonly workStatusTimestamp?: number;
}

/**
 * A fake `new SobotClient.agent()` written from the Sobot Call SDK 6.4.0 document (seed 001). It
 * enforces what the document says: `initAgent` needs `token`, `companyId` and `agent`; `login`
 * needs `initAgent` and `phoneType` + `bindExt`; every agent method needs a login; `notReady`
 * needs a documented `reasonCode`; `makeCall` needs `otherDN`, and `ANI` excludes
 * `outboundPlanCode`. Events go to listeners of their name and of `EventAgentAll`; message fields
 * are those of the seed's tables (`messageID`, Table 4's call fields, Table 2's regain), with an
 * extra attribute the SDK says it may add. Callbacks answer asynchronously, as over a network.
 */
export class FakeSobotAgent implements SobotAgent {
  /** Every request, by method, for assertions. Credentials are kept only as "present". */
  readonly requests: { readonly method: string; readonly request: Record<string, unknown> }[] = [];
  agentState: '0' | '1' | '2' = '0';
  reasonCode: number | undefined;
  workStatus: WorkStatus = 'idle';
  call: FakeCall | undefined;
  /** Every event sent to listeners, in order, for replays. */
  readonly emitted: { readonly eventName: string; readonly message: unknown }[] = [];
  /** Set by a test: the server has the agent online from a previous page (initAgent then regains). */
  serverSession: SobotServerSession | undefined;
  #listeners = new Map<string, SobotListener[]>();
  #initialized = false;
  #loggedIn = false;
  #connected = true;
  #nextCall = 1;
  #workSince = 0;

  constructor(private readonly now: () => number = () => Date.now()) {}

  on(eventName: string, listener: SobotListener): this {
    this.#listeners.set(eventName, [...(this.#listeners.get(eventName) ?? []), listener]);
    return this;
  }

  off(eventName: string, listener?: SobotListener): this {
    const kept = listener === undefined ? [] : (this.#listeners.get(eventName) ?? []).filter((l) => l !== listener);
    if (kept.length === 0) this.#listeners.delete(eventName);
    else this.#listeners.set(eventName, kept);
    return this;
  }

  /** How many listeners are subscribed (to one event, or to all). */
  listenerCount(eventName?: string): number {
    if (eventName !== undefined) return this.#listeners.get(eventName)?.length ?? 0;
    return [...this.#listeners.values()].reduce((sum, list) => sum + list.length, 0);
  }

  initAgent(request: SobotCallbacks & { token?: string; companyId?: string; agent?: string; agentType?: string }): void {
    this.#record('initAgent', { ...request, token: request.token === undefined ? undefined : '(present)' });
    const missing = (['token', 'companyId', 'agent'] as const).filter((k) => typeof request[k] !== 'string' || request[k]!.trim() === '');
    if (missing.length > 0) return this.#answer(request, { status: 'error', errorMessage: `missing ${missing.join(', ')}` });
    this.#initialized = true;
    this.#answer(request, { status: 'success' });
    const session = this.serverSession;
    if (session !== undefined) {
      // Seed: an agent not offline before logging in receives EventAgentRegainStatus after initialisation.
      this.agentState = session.agentState;
      this.reasonCode = session.reasonCode;
      this.call = session.call;
      this.workStatus = session.call === undefined ? 'idle' : 'talking';
      this.#workSince = session.workStatusTimestamp ?? this.now();
      this.#loggedIn = true;
      queueMicrotask(() => this.#emit('EventAgentRegainStatus', this.regainMessage()));
    }
  }

  login(request: SobotCallbacks & { agentState?: string; phoneType?: string; bindExt?: string; bindMobile?: string }): void {
    this.#record('login', request);
    if (!this.#initialized) return this.#answer(request, { status: 'error', errorCode: 'NOT_INITIALIZED', errorMessage: 'call initAgent first' });
    if (this.workStatus !== 'idle') return this.#answer(request, { status: 'error', errorCode: 'BUSY', errorMessage: 'login is unavailable during a call' });
    if (!request.phoneType || !request.bindExt) return this.#answer(request, { status: 'error', errorCode: 'PARAM', errorMessage: 'phoneType and bindExt are required' });
    this.#loggedIn = true;
    this.agentState = request.agentState?.trim() === '1' ? '1' : '2';
    this.reasonCode = this.agentState === '2' ? 2 : undefined;
    this.#answer(request, { status: 'success', agentState: this.agentState, phoneType: request.phoneType, bindExt: request.bindExt.trim(), bindMobile: request.bindMobile ?? '', reasonCode: this.reasonCode });
  }

  ready(request: SobotCallbacks): void {
    this.#record('ready', {});
    if (!this.#loggedIn) return this.#answer(request, { status: 'error', errorCode: 'NOT_LOGGED_IN', errorMessage: 'login first' });
    this.agentState = '1';
    this.reasonCode = undefined;
    this.#answer(request, { status: 'success' });
    queueMicrotask(() => this.#emit('EventAgentReady', { messageID: 'EventAgentReady', agentState: '1' }));
  }

  notReady(request: SobotCallbacks & { reasonCode: number }): void {
    this.#record('notReady', { reasonCode: request.reasonCode });
    if (!this.#loggedIn) return this.#answer(request, { status: 'error', errorCode: 'NOT_LOGGED_IN', errorMessage: 'login first' });
    if (!REASON_CODES.includes(request.reasonCode)) return this.#answer(request, { status: 'error', errorCode: 'PARAM', errorMessage: 'unknown reasonCode' });
    this.agentState = '2';
    this.reasonCode = request.reasonCode;
    this.#answer(request, { status: 'success' });
    queueMicrotask(() => this.#emit('EventAgentNotReady', { messageID: 'EventAgentNotReady', agentState: '2', reasonCode: String(request.reasonCode) }));
  }

  /** The seed documents no callbacks for makeCall: a request it cannot take throws. */
  makeCall(request: SobotMakeCall): void {
    this.#record('makeCall', { ...request });
    if (!this.#loggedIn) throw new Error('Sobot: makeCall before login');
    if (typeof request.otherDN !== 'string' || request.otherDN.trim() === '') throw new Error('Sobot: makeCall needs otherDN');
    if (request.ANI && request.outboundPlanCode) throw new Error('Sobot: ANI and outboundPlanCode exclude each other');
    if (this.workStatus !== 'idle') throw new Error('Sobot: the agent is on a call');
    this.#startCall('Outbound', request.otherDN.trim(), 'dialing');
    queueMicrotask(() => this.#emit('EventDialing', this.#callMessage('EventDialing')));
  }

  answer(): void {
    if (this.workStatus !== 'ringing') throw new Error('Sobot: no ringing call to answer');
    this.#setWork('talking');
    this.#emit(SOBOT_CALL_EVENTS.answered, this.#callMessage(SOBOT_CALL_EVENTS.answered));
  }

  hangup(): void {
    if (this.call === undefined) throw new Error('Sobot: no call to hang up');
    this.#end(SOBOT_CALL_EVENTS.released);
  }

  /** Declines the ringing call: Sobot releases it. */
  rejectCall(): void {
    this.#record('rejectCall', {});
    if (!this.#loggedIn) throw new Error('Sobot: rejectCall before login');
    if (this.workStatus !== 'ringing') throw new Error('Sobot: no ringing call to reject');
    this.#end(SOBOT_CALL_EVENTS.released);
  }

  // ---- what the other party and the network do (test scripting) ----------------------------

  /** An inbound call rings for the agent; returns its `callID`. */
  ring(otherDN: string): string {
    if (!this.#loggedIn) throw new Error('fake Sobot: calls ring only for a logged-in agent');
    const call = this.#startCall('Inbound', otherDN, 'ringing');
    this.#emit('EventRinging', this.#callMessage('EventRinging'));
    return call.callID;
  }

  /** The customer answers the agent's outbound call. */
  customerAnswers(): void {
    if (this.workStatus !== 'dialing') throw new Error('fake Sobot: no outbound call is dialing');
    this.#setWork('talking');
    this.#emit(SOBOT_CALL_EVENTS.answered, this.#callMessage(SOBOT_CALL_EVENTS.answered));
  }

  /** The customer hangs up: abandoned while ringing, released once talking. */
  customerHangsUp(): void {
    if (this.call === undefined) throw new Error('fake Sobot: no call');
    this.#end(this.workStatus === 'ringing' ? SOBOT_CALL_EVENTS.abandoned : SOBOT_CALL_EVENTS.released);
  }

  /** The ringing call times out unanswered. */
  ringOut(): void {
    if (this.workStatus !== 'ringing') throw new Error('fake Sobot: no ringing call');
    this.#end(SOBOT_CALL_EVENTS.released);
  }

  /** The network drops: events are lost until {@link reconnect}. */
  dropConnection(): void {
    this.#connected = false;
  }

  /** The SDK reconnects and sends `EventAgentRegainStatus` with the current state. */
  reconnect(): void {
    this.#connected = true;
    this.#emit('EventAgentRegainStatus', this.regainMessage());
  }

  /** Sends any message to the listeners of `eventName` (and of `EventAgentAll`). */
  emit(eventName: string, message: unknown): void {
    this.#emit(eventName, message);
  }

  /** The `EventAgentRegainStatus` message for the current state (seed Tables 2–4). */
  regainMessage(): Record<string, unknown> {
    const agentStateInfo = {
      agent: '1005', agentType: '0', companyId: 'company-1', phoneType: 'webrtc', thisDN: '1000',
      agentState: this.agentState, agentStateTimestamp: this.now(),
      reasonCode: this.reasonCode === undefined ? '' : String(this.reasonCode), reasonCodeTimestamp: this.now(),
      workStatus: this.workStatus, workStatusTimestamp: this.#workSince,
    };
    const workStatusInfo = this.call === undefined ? undefined : { ...this.#callFields(), thirdDN: '', thirdDNRole: '0' };
    return { messageID: 'EventAgentRegainStatus', agentStateInfo, ...(workStatusInfo === undefined ? {} : { workStatusInfo }) };
  }

  #startCall(callType: FakeCall['callType'], otherDN: string, status: WorkStatus): FakeCall {
    this.call = { callID: `sobot-call-${this.#nextCall++}`, callType, otherDN };
    this.#setWork(status);
    return this.call;
  }

  #end(eventName: string): void {
    const message = this.#callMessage(eventName);
    this.call = undefined;
    this.#setWork('idle');
    this.#emit(eventName, message);
  }

  #setWork(status: WorkStatus): void {
    this.workStatus = status;
    this.#workSince = this.now();
  }

  #callFields(): Record<string, unknown> {
    const call = this.call!;
    const agentRole = call.callType === 'Inbound' ? '2' : '1';
    return { callID: call.callID, callType: call.callType, companyId: 'company-1', otherDN: call.otherDN, otherDNRole: agentRole === '2' ? '1' : '2', thisDN: '1000', thisDNRole: agentRole };
  }

  #callMessage(eventName: string): Record<string, unknown> {
    // `sdkAddedAttribute`: the SDK promises to add attributes over time; consumers must not mind.
    return { messageID: eventName, ...this.#callFields(), sdkAddedAttribute: { any: 'thing' } };
  }

  #emit(eventName: string, message: unknown): void {
    if (!this.#connected) return;
    this.emitted.push({ eventName, message });
    for (const listener of [...(this.#listeners.get(eventName) ?? []), ...(this.#listeners.get('EventAgentAll') ?? [])]) listener(message);
  }

  #record(method: string, request: object): void {
    const copy: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(request)) if (typeof value !== 'function') copy[key] = value;
    this.requests.push({ method, request: copy });
  }

  #answer(request: SobotCallbacks, result: Record<string, unknown>): void {
    queueMicrotask(() => (result['status'] === 'success' ? request.success?.(result) : request.error?.(result)));
  }
}

/** Makes a fake agent that has run `initAgent` and `login` (online, ready). */
export async function loggedInAgent(now?: () => number): Promise<FakeSobotAgent> {
  const agent = new FakeSobotAgent(now);
  await new Promise<void>((resolve, reject) => agent.initAgent({ token: 'sobot-token-SECRET', companyId: 'company-1', agent: ' 1005 ', success: () => resolve(), error: reject }));
  await new Promise<void>((resolve, reject) => agent.login({ agentState: '1', phoneType: 'webrtc', bindExt: ' 1000 ', success: () => resolve(), error: reject }));
  return agent;
}
