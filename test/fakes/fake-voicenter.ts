import type { VoicenterWebPhone, WebPhoneCallback, WebPhoneHandler } from '../../connectors/voicenter/index.js';

type CallState = 'ringing' | 'dialing' | 'talking';

/**
 * A fake `new voicenterWebPhone()` written from the Voicenter API document, seed 003 §11 "WebRTC
 * Web-phone (BETA 1.00)" (/work/shared/seeds/003_98f5a4d21a14edb6.txt); no public copy of
 * voicenterWebPhone-min.js exists to check it against. Sources of each rule, beside it:
 *
 * - callbacks are properties holding one function each (§11 "Set callback functions");
 * - `initiate({user, password})` registers the extension (§11 "Methods"), answered by
 *   `onRegister`, `onRegisterFailed` or `onInitiateFailed` (§11 callbacks). Which failure comes
 *   when is not documented: here missing credentials fail the initiation, wrong ones the
 *   registration (an assumption);
 * - `call(number)` answers `onCall(ivrID)` "if success" (§11 "Methods"), else `onCallFailed`;
 * - `answer`, `hangUp` and `mute` take the ivrID, `unmute()` nothing (§11 "Methods");
 * - `onCallAnswer` receives a `token` (§11 line 28), every other call callback the `ivrID`.
 *
 * Not documented, and so assumptions: `call` on an unregistered phone throws; callbacks that wait
 * for the network come in a later microtask.
 */
export class FakeVoicenterWebPhone implements VoicenterWebPhone {
  onRegister: WebPhoneHandler;
  onInitiateFailed: WebPhoneHandler;
  onRegisterFailed: WebPhoneHandler;
  onDisconnect: WebPhoneHandler;
  onRinging: WebPhoneHandler;
  onCall: WebPhoneHandler;
  onCallEnd: WebPhoneHandler;
  onCallFailed: WebPhoneHandler;
  onCallRejected: WebPhoneHandler;
  onCallAnswer: WebPhoneHandler;
  registered = false;
  /** Numbers given to `call()`, in order. */
  readonly dialled: string[] = [];
  /** Every callback fired, in order, for replays. */
  readonly fired: { readonly name: WebPhoneCallback; readonly ivrID: string }[] = [];
  #calls = new Map<string, { direction: 'inbound' | 'outbound'; state: CallState }>();
  #next = 1;
  readonly #answerToken: (ivrID: string) => string;

  /**
   * @param extension the one extension this phone registers with
   * @param options.answerToken what `onCallAnswer` receives. Seed 003 §11 calls its argument
   *   `token` where every other callback gets `ivrID`, and never says what it holds: by default
   *   the ivrID, or any mapping a test gives (an opaque token) so the connector is tested
   *   against both readings.
   */
  constructor(
    private readonly extension = { user: 'KGpK4iWq', password: 'EXTENSION-PASSWORD-SECRET' },
    options: { readonly answerToken?: (ivrID: string) => string } = {},
  ) {
    this.#answerToken = options.answerToken ?? ((ivrID) => ivrID);
  }

  initiate(extension: { readonly user: string; readonly password: string }): void {
    queueMicrotask(() => {
      if (!extension?.user || !extension.password) return this.fire('onInitiateFailed', '');
      if (extension.user !== this.extension.user || extension.password !== this.extension.password)
        return this.fire('onRegisterFailed', '');
      this.registered = true;
      this.fire('onRegister', '');
    });
  }

  call(number: string): void {
    // Assumption: the seed gives no failure mode for call() on an unregistered phone.
    if (!this.registered) throw new Error('voicenterWebPhone: call() needs a registered extension');
    // Any non-empty text: the seed's example dials the local form "0500000000" (§11), and
    // Voicenter takes E.164 without the plus as well (seed 003 §1 Click2Call, "Phone").
    if (typeof number !== 'string' || number.trim() === '') throw new Error('voicenterWebPhone: call() needs a number');
    this.dialled.push(number);
    const ivrID = this.#newIvr('outbound', 'dialing');
    queueMicrotask(() => this.fire('onCall', ivrID));
  }

  /** §11: "answer a ringing call, function expects the ivrID of the call to answer". */
  answer(ivrID: string): void {
    if (this.#calls.get(ivrID)?.state !== 'ringing')
      throw new Error('voicenterWebPhone: no ringing call with this ivrID');
    this.#calls.set(ivrID, { direction: 'inbound', state: 'talking' });
    this.fire('onCallAnswer', this.#answerToken(ivrID));
  }

  /** §11: hangUp, then `onCallEnd` ("call ended"). */
  hangUp(ivrID: string): void {
    if (!this.#calls.delete(ivrID)) throw new Error('voicenterWebPhone: no call with this ivrID');
    this.fire('onCallEnd', ivrID);
  }

  /** §11: mute takes the ivrID; unmute takes nothing. */
  mute(ivrID: string): void {
    if (!this.#calls.has(ivrID)) throw new Error('voicenterWebPhone: no call with this ivrID');
  }

  unmute(): void {}

  // ---- what the other party and the network do (test scripting) ----------------------------

  /** A call comes in: `onRinging(ivrID)`. Returns the ivrID. */
  incoming(): string {
    if (!this.registered) throw new Error('fake web-phone: calls reach a registered extension only');
    const ivrID = this.#newIvr('inbound', 'ringing');
    this.fire('onRinging', ivrID);
    return ivrID;
  }

  /** The callee of an outbound call answers: `onCallAnswer`. */
  calleeAnswers(ivrID: string): void {
    this.#calls.set(ivrID, { direction: 'outbound', state: 'talking' });
    this.fire('onCallAnswer', this.#answerToken(ivrID));
  }

  /** The other party hangs up: `onCallEnd`. */
  remoteHangsUp(ivrID: string): void {
    this.#calls.delete(ivrID);
    this.fire('onCallEnd', ivrID);
  }

  /** The callee declines: `onCallRejected`. */
  calleeRejects(ivrID: string): void {
    this.#calls.delete(ivrID);
    this.fire('onCallRejected', ivrID);
  }

  /** The outbound call could not be made: `onCallFailed`. */
  failCall(ivrID: string): void {
    this.#calls.delete(ivrID);
    this.fire('onCallFailed', ivrID);
  }

  /** The extension drops off: `onDisconnect`. */
  dropRegistration(): void {
    this.registered = false;
    this.fire('onDisconnect', '');
  }

  /** Calls one callback as the phone would (whatever function is set, if any). */
  fire(name: WebPhoneCallback, ivrID: string): void {
    this.fired.push({ name, ivrID });
    const handler = this[name];
    if (typeof handler === 'function') handler.call(this, ivrID);
  }

  /** How many callbacks hold a function. */
  handlerCount(): number {
    const names: WebPhoneCallback[] = [
      'onRegister',
      'onInitiateFailed',
      'onRegisterFailed',
      'onDisconnect',
      'onRinging',
      'onCall',
      'onCallEnd',
      'onCallFailed',
      'onCallRejected',
      'onCallAnswer',
    ];
    return names.filter((n) => typeof this[n] === 'function').length;
  }

  #newIvr(direction: 'inbound' | 'outbound', state: CallState): string {
    // Seed 004's ivrid "20220916103546022555eb61e755c08a": a time, then hex.
    const ivrID = `20240130090000${String(this.#next++).padStart(4, '0')}55eb61e755c08a`;
    this.#calls.set(ivrID, { direction, state });
    return ivrID;
  }
}

/** A fake web-phone already registered with its extension. */
export async function registeredPhone(): Promise<FakeVoicenterWebPhone> {
  const phone = new FakeVoicenterWebPhone();
  phone.initiate({ user: 'KGpK4iWq', password: 'EXTENSION-PASSWORD-SECRET' });
  await new Promise((resolve) => setTimeout(resolve, 0));
  return phone;
}

/** The CRM server's relay to the page (a WebSocket, say): what the Voicenter cloud posted to the server. */
export class FakeServerRelay<T = unknown> {
  readonly #listeners = new Set<(message: T) => void>();

  /** The `serverEvents` option: subscribe, get the unsubscribe function. */
  readonly subscribe = (listener: (message: T) => void): (() => void) => {
    this.#listeners.add(listener);
    return () => void this.#listeners.delete(listener);
  };

  /** Relays one message to the page. */
  send(message: T): void {
    for (const listener of [...this.#listeners]) listener(message);
  }

  /** How many subscribers there are. */
  get size(): number {
    return this.#listeners.size;
  }
}
