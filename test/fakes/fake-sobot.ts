import type { SobotAgent, SobotCallbacks, SobotListener, SobotMakeCall } from '../../connectors/sobot/index.js';
import { ALL_EVENT_FIELDS_EXAMPLE, CALL_EVENT_FIELDS_EXAMPLE } from '../fixtures/vendor/sobot/message-format.js';

/*
 * Sources cited below:
 * - SEED: shared/seeds/001_c2e00f8b153bfa61.txt, "Call Capability (JS-SDK)" 6.4.0, i.e. Sobot's
 *   https://sg.sobot.com/call-sdk/6.4.0/sobot-call-sdk.js document (sections named as in it).
 * - FORMAT: https://developer.zhichi.com/pages/ae4786, Sobot's "呼叫能力消息格式" (Call
 *   Capability Message Format) for the JS-SDK: the fields of all events, the fields of call
 *   events (callID, partyID, callType, partyRole, ANI, DNIS) and the party model
 *   ("话务相关": a party is IDLE, Dialing, Ringing, Talk or Held). The payloads it shows are
 *   in test/fixtures/vendor/sobot/message-format.ts.
 * - IOS: Sobot's own iOS call SDK, github.com/ZCSDK/SobotCall,
 *   SobotCallLib.framework/Headers/SobotCallMessageTools.h: the call messages it handles
 *   (…Dialing, …Ringing, …Established "the other side answered, start the timer",
 *   …Released, …PartyChanged/…PartyDeleted/…PartyAdd, …): no Abandoned among them; and
 *   SobotCallLib.framework/Headers/SobotCallRecordEntity.h, whose MainCDRInfo example (a message
 *   no request produced) has `"referenceID": 0` and a millisecond `creationTime`.
 * Error codes: SEED documents `errorCode` as a string without listing values; the codes below
 * (NOT_INITIALIZED, BUSY, PARAM, NOT_LOGGED_IN) are the fake's own.
 */

/**
 * The answered / released event names (SB-3). FORMAT's event sections past `EventDialing` were not
 * readable; IOS names `Established` (the other side answered) and `Released` (hang-up) among
 * Sobot's call messages, in the same `Event…` naming as the documented `EventDialing` and
 * `EventRinging`. IOS lists no `Abandoned` message, so the fake never sends `EventAbandoned`.
 */
export const SOBOT_CALL_EVENTS = { answered: 'EventEstablished', released: 'EventReleased' } as const;

/** The reason codes `notReady` accepts (SEED, "Occupied": 2 DND, 11 break, 12–18). */
const REASON_CODES = [2, 11, 12, 13, 14, 15, 16, 17, 18];

/** The company's inbound number callers dial (FORMAT's example `DNIS`, a 400 hotline). */
const HOTLINE = CALL_EVENT_FIELDS_EXAMPLE.DNIS;

/** The number customers see when nothing else is chosen (SEED, "Outbound" example `ANI`). */
const DEFAULT_DISPLAY_NUMBER = '01066666666';

/** The agent's work status as the fake tracks it (SEED Table 3 `workStatus`; its values are not documented). */
type WorkStatus = 'idle' | 'ringing' | 'dialing' | 'talking';

/** A party's state (FORMAT, "话务相关": Party有5个状态). */
export type SobotPartyState = 'IDLE' | 'Dialing' | 'Ringing' | 'Talk' | 'Held';

/** One leg of a call (FORMAT: `partyID`, `partyRole`), with the PSTN numbers its events carry. */
export interface FakeParty {
  readonly partyID: string;
  readonly partyRole: 'Customer' | 'Agent' | 'ThirdPSTN';
  state: SobotPartyState;
  /** `ANI`: the PSTN originator of this leg (FORMAT). */
  readonly ani: string;
  /** `DNIS`: the PSTN receiver of this leg (FORMAT). */
  readonly dnis: string;
}

/** A call as the regain message's `workStatusInfo` names it (SEED Table 4). */
export interface FakeCallInfo {
  readonly callID: string;
  readonly callType: 'Inbound' | 'Outbound';
  /** The customer's number (SEED Table 4 `otherDN`). */
  readonly otherDN: string;
}

/** A call with its two parties. */
export interface FakeCall extends FakeCallInfo {
  readonly customer: FakeParty;
  readonly agent: FakeParty;
}

/** What the Sobot server still holds from an earlier session of the same agent (before a reload). */
export interface SobotServerSession {
  readonly agentState: '1' | '2';
  readonly reasonCode?: number;
  readonly call?: FakeCallInfo;
  readonly workStatusTimestamp?: number;
}

/**
 * A fake `new SobotClient.agent()` written from Sobot's documents (sources above). It enforces
 * what SEED says: `initAgent` needs `token`, `companyId` and `agent`; `login` needs `initAgent`,
 * `phoneType` and `bindExt`; every agent method needs a login; `notReady` needs a documented
 * `reasonCode`; `makeCall` needs `otherDN`, and `ANI` excludes `outboundPlanCode`. Events go to
 * listeners of their name and of `EventAgentAll` (SEED, "Example 1").
 *
 * Calls follow FORMAT's party model: each call has a customer party and an agent party, and every
 * call event is about one party (`partyID`, `partyRole`) and carries FORMAT's fields (`ANI`,
 * `DNIS`, no `otherDN`). With `phoneType` pstn or sip an outbound call rings the agent's own
 * phone first (SEED, "Outbound" `agentANI`: the number shown on the agent's side when the
 * system calls the agent), and dials the customer once the agent has answered.
 * Callbacks answer asynchronously, as over a network.
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
  #companyId = '';
  #agentId = '';
  #thisDN = '';
  #phoneType = 'webrtc';
  #agentPhone = '';
  /** The consulted third party of the current call, if any. */
  #third: FakeParty | undefined;
  /** The request an event answers (FORMAT `referenceID`: "which request produced the event"). */
  #reference = 0;

  constructor(private readonly now: () => number = () => Date.now()) {}

  on(eventName: string, listener: SobotListener): this {
    this.#listeners.set(eventName, [...(this.#listeners.get(eventName) ?? []), listener]);
    return this;
  }

  /** SEED, "Method to unsubscribe events": without a function, every listener of the event goes. */
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

  /** SEED, "Initialize Plug-in" and Table 1: token, companyId and agent are not nullable. */
  initAgent(
    request: SobotCallbacks & { token?: string; companyId?: string; agent?: string; agentType?: string },
  ): void {
    this.#record('initAgent', { ...request, token: request.token === undefined ? undefined : '(present)' });
    const missing = (['token', 'companyId', 'agent'] as const).filter(
      (k) => typeof request[k] !== 'string' || request[k]!.trim() === '',
    );
    // SEED Table 1, "Return value of failure callback function": {status: 'error'} (errorMessage added by the fake).
    if (missing.length > 0)
      return this.#answer(request, { status: 'error', errorMessage: `missing ${missing.join(', ')}` });
    this.#initialized = true;
    this.#companyId = request.companyId!.trim();
    this.#agentId = request.agent!.trim();
    this.#answer(request, { status: 'success' });
    const session = this.serverSession;
    if (session !== undefined) {
      // SEED: an agent not offline before logging in receives EventAgentRegainStatus after initialisation.
      this.agentState = session.agentState;
      this.reasonCode = session.reasonCode;
      this.call = session.call === undefined ? undefined : this.#withParties(session.call, 'Talk');
      this.workStatus = session.call === undefined ? 'idle' : 'talking';
      this.#workSince = session.workStatusTimestamp ?? this.now();
      this.#loggedIn = true;
      queueMicrotask(() => this.#emit('EventAgentRegainStatus', this.regainMessage()));
    }
  }

  /**
   * SEED, "Login": phoneType and bindExt are not nullable; login is unavailable while the work
   * status is calling, dialing, talking, holding or sorting; an empty agentState means DND.
   * Success answers with status, agentState, phoneType, bindExt, bindMobile and reasonCode
   * (a number); failure with status, errorCode, errorMessage.
   */
  login(
    request: SobotCallbacks & { agentState?: string; phoneType?: string; bindExt?: string; bindMobile?: string },
  ): void {
    this.#record('login', request);
    if (!this.#initialized)
      return this.#answer(request, {
        status: 'error',
        errorCode: 'NOT_INITIALIZED',
        errorMessage: 'call initAgent first',
      });
    if (this.workStatus !== 'idle')
      return this.#answer(request, {
        status: 'error',
        errorCode: 'BUSY',
        errorMessage: 'login is unavailable during a call',
      });
    if (!request.phoneType || !request.bindExt)
      return this.#answer(request, {
        status: 'error',
        errorCode: 'PARAM',
        errorMessage: 'phoneType and bindExt are required',
      });
    // SEED, "Login" phoneType: sip, pstn or webrtc.
    const phoneType = request.phoneType.trim();
    if (!['sip', 'pstn', 'webrtc'].includes(phoneType))
      return this.#answer(request, {
        status: 'error',
        errorCode: 'PARAM',
        errorMessage: 'phoneType must be sip, pstn or webrtc',
      });
    this.#loggedIn = true;
    this.#phoneType = phoneType;
    this.#thisDN = request.bindExt.trim();
    // The agent's own phone: the bound mobile answers pstn, the extension sip (SEED, bindMobile / bindExt).
    this.#agentPhone = (phoneType === 'pstn' ? request.bindMobile : request.bindExt)?.trim() ?? '';
    this.agentState = request.agentState?.trim() === '1' ? '1' : '2';
    this.reasonCode = this.agentState === '2' ? 2 : undefined;
    this.#answer(request, {
      status: 'success',
      agentState: this.agentState,
      phoneType,
      bindExt: request.bindExt.trim(),
      bindMobile: request.bindMobile?.trim() ?? '',
      reasonCode: this.reasonCode,
    });
  }

  /** SEED, "Available": success {status}; the state change is announced by EventAgentReady (SEED, Example 2). */
  ready(request: SobotCallbacks): void {
    this.#record('ready', {});
    if (!this.#loggedIn)
      return this.#answer(request, { status: 'error', errorCode: 'NOT_LOGGED_IN', errorMessage: 'login first' });
    this.agentState = '1';
    this.reasonCode = undefined;
    this.#answer(request, { status: 'success' });
    queueMicrotask(() =>
      this.#emit('EventAgentReady', {
        messageID: 'EventAgentReady',
        ...this.#common(),
        ...this.#agentFields(),
        agentState: '1',
      }),
    );
  }

  /** SEED, "Occupied": `reasonCode` (number) is required and documented as 2, 11–18. Events carry it as text (Table 3). */
  notReady(request: SobotCallbacks & { reasonCode: number }): void {
    this.#record('notReady', { reasonCode: request.reasonCode });
    if (!this.#loggedIn)
      return this.#answer(request, { status: 'error', errorCode: 'NOT_LOGGED_IN', errorMessage: 'login first' });
    if (!REASON_CODES.includes(request.reasonCode))
      return this.#answer(request, { status: 'error', errorCode: 'PARAM', errorMessage: 'unknown reasonCode' });
    this.agentState = '2';
    this.reasonCode = request.reasonCode;
    this.#answer(request, { status: 'success' });
    queueMicrotask(() =>
      this.#emit('EventAgentNotReady', {
        messageID: 'EventAgentNotReady',
        ...this.#common(),
        ...this.#agentFields(),
        agentState: '2',
        reasonCode: String(request.reasonCode),
      }),
    );
  }

  /**
   * SEED, "Outbound": `otherDN` is not nullable, `ANI` and `outboundPlanCode` exclude each other,
   * and no callbacks are documented, so a request the fake cannot take throws. `ANI` is the number
   * the customer sees; `agentANI` the one the agent's phone shows when Sobot calls it first.
   */
  makeCall(request: SobotMakeCall): void {
    this.#record('makeCall', { ...request });
    if (!this.#loggedIn) throw new Error('Sobot: makeCall before login');
    if (typeof request.otherDN !== 'string' || request.otherDN.trim() === '')
      throw new Error('Sobot: makeCall needs otherDN');
    if (request.ANI && request.outboundPlanCode) throw new Error('Sobot: ANI and outboundPlanCode exclude each other');
    if (this.workStatus !== 'idle') throw new Error('Sobot: the agent is on a call');
    const reference = this.#request();
    const customer = request.otherDN.trim();
    const display = request.ANI?.trim() || DEFAULT_DISPLAY_NUMBER;
    const agentFirst = this.#phoneType !== 'webrtc';
    const call = this.#startCall({ callID: this.#newCallId(), callType: 'Outbound', otherDN: customer }, 'dialing', {
      customer: { state: 'IDLE', ani: display, dnis: customer },
      // The agent's phone leg: from agentANI (else the display number) to the agent's own phone.
      agent: agentFirst
        ? { state: 'Ringing', ani: request.agentANI?.trim() || display, dnis: this.#agentPhone }
        : { state: 'Dialing', ani: display, dnis: customer },
    });
    queueMicrotask(() => {
      if (this.call !== call) return;
      if (agentFirst) return this.#partyEvent('EventRinging', call.agent, reference);
      this.#partyEvent('EventDialing', call.agent, reference);
      this.#ringCustomer(call, reference);
    });
  }

  /**
   * SEED, "Answer": the agent answers the leg ringing for them: an inbound call, or (pstn/sip)
   * their own phone's leg of an outbound call, after which Sobot dials the customer.
   */
  answer(): void {
    const call = this.call;
    if (call === undefined || call.agent.state !== 'Ringing') throw new Error('Sobot: no ringing call to answer');
    const reference = this.#request();
    this.#move(call.agent, 'Talk', SOBOT_CALL_EVENTS.answered, reference);
    if (call.callType === 'Outbound') return this.#ringCustomer(call, reference);
    this.#setWork('talking');
    this.#move(call.customer, 'Talk', SOBOT_CALL_EVENTS.answered, reference);
  }

  /** SEED, "Hang up" (no arguments, no callbacks documented): the agent's party is released, then the customer's. */
  hangup(): void {
    if (this.call === undefined) throw new Error('Sobot: no call to hang up');
    this.#end(['agent', 'customer'], this.#request());
  }

  /**
   * SEED, "Reject" (no arguments, no callbacks documented): declines the ringing call; only the
   * agent's party is released (the caller may go on queueing). That it throws when nothing rings is
   * the fake's reading; SEED states no condition.
   */
  rejectCall(): void {
    this.#record('rejectCall', {});
    if (!this.#loggedIn) throw new Error('Sobot: rejectCall before login');
    if (this.workStatus !== 'ringing') throw new Error('Sobot: no ringing call to reject');
    this.#end(['agent'], this.#request());
  }

  /**
   * SEED, "Inquiry" (`initiateConsult({targetType, target})`, both not nullable; targetType 0
   * agent, 1 3rd-party no., 2 extension): the agent consults a third party during a call. The
   * fake models a 3rd-party number: a ThirdPSTN party (FORMAT partyRole) on the same `callID`
   * with `callType` Consult (FORMAT callType). Whether Sobot keeps the callID is not documented;
   * the same one is the harder case for a consumer, so the fake uses it.
   */
  initiateConsult(request: { targetType?: string; target?: string }): void {
    this.#record('initiateConsult', { ...request });
    const call = this.call;
    if (call === undefined || call.agent.state !== 'Talk') throw new Error('Sobot: consult needs a call in talk');
    const targetType = request.targetType?.trim();
    const target = request.target?.trim();
    if (targetType === undefined || !['0', '1', '2'].includes(targetType) || !target)
      throw new Error('Sobot: initiateConsult needs targetType (0, 1, 2) and target');
    if (targetType !== '1')
      throw new Error('fake Sobot: only a consult of a 3rd-party number (targetType 1) is modelled');
    this.#third = {
      partyID: `${call.callID}-third`,
      partyRole: 'ThirdPSTN',
      state: 'Ringing',
      ani: DEFAULT_DISPLAY_NUMBER,
      dnis: target,
    };
    this.#partyEvent('EventRinging', this.#third, this.#request(), 'Consult');
  }

  /** SEED, "Retrieve After Inquiry": the third party's talk ends and the agent is back with the customer. */
  retrieveConsult(): void {
    this.#record('retrieveConsult', {});
    const third = this.#third;
    if (third === undefined) throw new Error('Sobot: no consult to retrieve');
    this.#third = undefined;
    third.state = 'IDLE';
    this.#partyEvent(SOBOT_CALL_EVENTS.released, third, this.#request(), 'Consult');
  }

  // ---- what the other party and the network do (test scripting) ----------------------------

  /** The consulted third party answers. */
  thirdPartyAnswers(): void {
    const third = this.#third;
    if (third === undefined || third.state !== 'Ringing') throw new Error('fake Sobot: no third party is being rung');
    third.state = 'Talk';
    this.#partyEvent(SOBOT_CALL_EVENTS.answered, third, 0, 'Consult');
  }

  /** An inbound call from `number` rings for the agent; returns its `callID`. */
  ring(number: string): string {
    if (!this.#loggedIn) throw new Error('fake Sobot: calls ring only for a logged-in agent');
    // An inbound call: the customer is the PSTN originator, the company's hotline the receiver (FORMAT ANI/DNIS).
    const call = this.#startCall({ callID: this.#newCallId(), callType: 'Inbound', otherDN: number }, 'ringing', {
      customer: { state: 'Dialing', ani: number, dnis: HOTLINE },
      agent: { state: 'Ringing', ani: number, dnis: HOTLINE },
    });
    this.#partyEvent('EventRinging', call.agent, 0);
    return call.callID;
  }

  /** The customer answers the agent's outbound call. */
  customerAnswers(): void {
    const call = this.call;
    if (call === undefined || call.callType !== 'Outbound' || call.customer.state !== 'Ringing')
      throw new Error('fake Sobot: the customer is not being rung');
    this.#setWork('talking');
    this.#move(call.customer, 'Talk', SOBOT_CALL_EVENTS.answered, 0);
    if (call.agent.state !== 'Talk') this.#move(call.agent, 'Talk', SOBOT_CALL_EVENTS.answered, 0);
  }

  /** The customer hangs up (while ringing, or talking): the customer's party is released, then the agent's. */
  customerHangsUp(): void {
    if (this.call === undefined) throw new Error('fake Sobot: no call');
    this.#end(['customer', 'agent'], 0);
  }

  /** The ringing inbound call times out unanswered: the agent's party is released. */
  ringOut(): void {
    if (this.workStatus !== 'ringing') throw new Error('fake Sobot: no ringing call');
    this.#end(['agent'], 0);
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

  /** The `EventAgentRegainStatus` message for the current state (SEED Tables 2–4). */
  regainMessage(): Record<string, unknown> {
    const agentStateInfo = {
      agent: this.#agentId,
      agentType: '0',
      companyId: this.#companyId,
      phoneType: this.#phoneType,
      thisDN: this.#thisDN,
      agentState: this.agentState,
      agentStateTimestamp: this.now(),
      reasonCode: this.reasonCode === undefined ? '' : String(this.reasonCode),
      reasonCodeTimestamp: this.now(),
      workStatus: this.workStatus,
      workStatusTimestamp: this.#workSince,
    };
    const call = this.call;
    // SEED Table 4 and its DNRole list: 1 Origination (caller), 2 Destination (called).
    const agentRole = call?.callType === 'Inbound' ? '2' : '1';
    const workStatusInfo =
      call === undefined
        ? undefined
        : {
            callID: call.callID,
            callType: call.callType,
            companyId: this.#companyId,
            otherDN: call.otherDN,
            otherDNRole: agentRole === '2' ? '1' : '2',
            thisDN: this.#thisDN,
            thisDNRole: agentRole,
            thirdDN: '',
            thirdDNRole: '0',
          };
    return {
      messageID: 'EventAgentRegainStatus',
      agentStateInfo,
      ...(workStatusInfo === undefined ? {} : { workStatusInfo }),
    };
  }

  #newCallId(): string {
    return `sobot-call-${this.#nextCall++}`;
  }

  #startCall(
    info: FakeCallInfo,
    status: WorkStatus,
    legs: { customer: Omit<FakeParty, 'partyID' | 'partyRole'>; agent: Omit<FakeParty, 'partyID' | 'partyRole'> },
  ): FakeCall {
    // FORMAT's EventDialing example gives the dialling party the call's own id; other parties get their own.
    const call: FakeCall = {
      ...info,
      agent: {
        partyID: info.callType === 'Outbound' ? info.callID : `${info.callID}-agent`,
        partyRole: 'Agent',
        ...legs.agent,
      },
      customer: {
        partyID: info.callType === 'Inbound' ? info.callID : `${info.callID}-customer`,
        partyRole: 'Customer',
        ...legs.customer,
      },
    };
    this.call = call;
    this.#setWork(status);
    return call;
  }

  /** A regained call's parties (both talking); its PSTN numbers follow its direction as in {@link ring} / {@link makeCall}. */
  #withParties(info: FakeCallInfo, state: SobotPartyState): FakeCall {
    const inbound = info.callType === 'Inbound';
    const ani = inbound ? info.otherDN : DEFAULT_DISPLAY_NUMBER;
    const dnis = inbound ? HOTLINE : info.otherDN;
    return {
      ...info,
      agent: { partyID: `${info.callID}-agent`, partyRole: 'Agent', state, ani, dnis },
      customer: { partyID: `${info.callID}-customer`, partyRole: 'Customer', state, ani, dnis },
    };
  }

  #ringCustomer(call: FakeCall, reference: number): void {
    this.#move(call.customer, 'Ringing', 'EventRinging', reference);
  }

  /** Releases the named parties in order (each one `EventReleased`), then the call is over for the agent. */
  #end(order: readonly ('agent' | 'customer')[], reference: number): void {
    const call = this.call!;
    const messages = order
      .map((leg) => call[leg])
      .filter((party) => party.state !== 'IDLE')
      .map((party) => {
        party.state = 'IDLE';
        return this.#partyMessage(SOBOT_CALL_EVENTS.released, call, party, reference);
      });
    const third = this.#third;
    if (third !== undefined)
      messages.push(this.#partyMessage(SOBOT_CALL_EVENTS.released, call, third, reference, 'Consult'));
    this.#third = undefined;
    this.call = undefined;
    this.#setWork('idle');
    for (const message of messages) this.#emit(SOBOT_CALL_EVENTS.released, message);
  }

  #move(party: FakeParty, state: SobotPartyState, eventName: string, reference: number): void {
    party.state = state;
    this.#partyEvent(eventName, party, reference);
  }

  #partyEvent(eventName: string, party: FakeParty, reference: number, callType?: 'Consult'): void {
    this.#emit(eventName, this.#partyMessage(eventName, this.call!, party, reference, callType));
  }

  #setWork(status: WorkStatus): void {
    this.workStatus = status;
    this.#workSince = this.now();
  }

  #request(): number {
    return ++this.#reference;
  }

  /**
   * FORMAT, "所有事件公共字段": the fields every event carries (attachedData: the fake has no
   * business data). `referenceID` 0 for an event no request produced, as in IOS's MainCDRInfo example.
   */
  #common(reference = 0): Record<string, unknown> {
    return {
      creationTime: this.now(),
      companyId: this.#companyId || ALL_EVENT_FIELDS_EXAMPLE.companyId,
      referenceID: reference,
      attachedData: {},
    };
  }

  /** FORMAT, "坐席类事件公共字段": the fields of agent events (agentID, agentUUID, thisDN, thisQueues). */
  #agentFields(): Record<string, unknown> {
    return { agentID: this.#agentId, agentUUID: `uuid-${this.#agentId}`, thisDN: this.#thisDN, thisQueues: [] };
  }

  /**
   * FORMAT, "话务类事件公共字段": a call event about one party. `sdkAddedAttribute` stands for the
   * attributes SEED says the SDK keeps adding ("will continue to increase its attributes").
   */
  #partyMessage(
    eventName: string,
    call: FakeCall,
    party: FakeParty,
    reference: number,
    callType: string = call.callType,
  ): Record<string, unknown> {
    return {
      messageID: eventName,
      ...this.#common(reference),
      callID: call.callID,
      partyID: party.partyID,
      callType,
      partyRole: party.partyRole,
      ANI: party.ani,
      DNIS: party.dnis,
      sdkAddedAttribute: { any: 'thing' },
    };
  }

  #emit(eventName: string, message: unknown): void {
    if (!this.#connected) return;
    this.emitted.push({ eventName, message });
    for (const listener of [...(this.#listeners.get(eventName) ?? []), ...(this.#listeners.get('EventAgentAll') ?? [])])
      listener(message);
  }

  #record(method: string, request: object): void {
    const copy: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(request)) if (typeof value !== 'function') copy[key] = value;
    this.requests.push({ method, request: copy });
  }

  /** SEED: every request method answers through its `success` / `error` callback. */
  #answer(request: SobotCallbacks, result: Record<string, unknown>): void {
    queueMicrotask(() => (result['status'] === 'success' ? request.success?.(result) : request.error?.(result)));
  }
}

/** Makes a fake agent that has run `initAgent` and `login` (online, ready), answering by `phoneType` (default webrtc). */
export async function loggedInAgent(
  now?: () => number,
  phone: { phoneType?: 'webrtc' | 'sip' | 'pstn'; bindMobile?: string } = {},
): Promise<FakeSobotAgent> {
  const agent = new FakeSobotAgent(now);
  await new Promise<void>((resolve, reject) =>
    agent.initAgent({
      token: 'sobot-token-SECRET',
      companyId: 'company-1',
      agent: ' 1005 ',
      success: () => resolve(),
      error: reject,
    }),
  );
  await new Promise<void>((resolve, reject) =>
    agent.login({
      agentState: '1',
      phoneType: phone.phoneType ?? 'webrtc',
      bindExt: ' 1000 ',
      ...(phone.bindMobile === undefined ? {} : { bindMobile: phone.bindMobile }),
      success: () => resolve(),
      error: reject,
    }),
  );
  return agent;
}
