import { isRecord } from '../../src/contract/index.js';

/** A web-phone callback; most receive the call's `ivrID`. */
export type WebPhoneHandler = ((ivrID: string) => void) | null | undefined;

/** The callbacks the connector sets on the web-phone. */
export const WEB_PHONE_CALLBACKS = [
  'onRegister',
  'onRegisterFailed',
  'onInitiateFailed',
  'onDisconnect',
  'onRinging',
  'onCall',
  'onCallAnswer',
  'onCallEnd',
  'onCallFailed',
  'onCallRejected',
] as const;

/** The name of one web-phone callback. */
export type WebPhoneCallback = (typeof WEB_PHONE_CALLBACKS)[number];

/**
 * The part of Voicenter's WebRTC web-phone (`new voicenterWebPhone()`, voicenterWebPhone-min.js,
 * BETA 1.00) the connector uses: callbacks are properties, one function each.
 *
 * @see ../../../shared/seeds/003_98f5a4d21a14edb6.txt §11 "WebRTC Web-phone"
 */
export type VoicenterWebPhone = { [K in WebPhoneCallback]?: WebPhoneHandler } & {
  initiate(extension: { readonly user: string; readonly password: string }): void;
  call(number: string): void;
};

/** Whether `value` has the methods of a {@link VoicenterWebPhone}. */
export function isWebPhone(value: unknown): value is VoicenterWebPhone {
  return isRecord(value) && typeof value['call'] === 'function' && typeof value['initiate'] === 'function';
}

/**
 * A facade over the web-phone: the only code that touches it. The web-phone holds one function
 * per callback, and the page may have set its own: the connector's handler runs first, then the
 * page's, and `unhook` puts the page's back (unless something replaced ours meanwhile, in which
 * case ours just stops acting).
 */
export class WebPhoneSdk {
  #unhooks: (() => void)[] = [];

  constructor(private readonly phone: VoicenterWebPhone) {}

  /** Sets `name` to call `handler` and then whatever was set before. */
  hook(name: WebPhoneCallback, handler: (id: string) => void): void {
    const phone = this.phone;
    const previous = phone[name];
    let active = true;
    const wrapper = function (this: unknown, id: string): void {
      if (active) handler(id);
      if (typeof previous === 'function') previous.call(this, id);
    };
    phone[name] = wrapper;
    this.#unhooks.push(() => {
      active = false;
      if (phone[name] === wrapper) phone[name] = previous;
    });
  }

  /** Restores every callback hooked. */
  unhookAll(): void {
    for (const unhook of this.#unhooks) unhook();
    this.#unhooks = [];
  }

  /** `initiate({user, password})`: registers the extension. */
  initiate(extension: { readonly user: string; readonly password: string }): void {
    this.phone.initiate({ user: extension.user, password: extension.password });
  }

  /** `call(number)`: the web-phone answers with `onCall(ivrID)`, or `onCallFailed(ivrID)`. */
  call(number: string): void {
    this.phone.call(number);
  }
}
