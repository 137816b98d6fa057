import type { WebPhoneCallback } from '../../connectors/voicenter/index.js';
import { FakeVoicenterWebPhone } from '../../test/fakes/fake-voicenter.js';
import type { Trace } from './trace.js';

/** The web-phone's current or last call, as the panel's buttons and the CDR need it. */
export interface WebPhoneCall {
  readonly ivrID: string;
  readonly direction: 'inbound' | 'outbound';
  readonly state: 'ringing' | 'dialing' | 'talking' | 'ended';
  /** The number given to `call()` (outbound); inbound numbers come from the pop-up. */
  readonly number: string | undefined;
  readonly startedAt: number;
  readonly answeredAt: number | undefined;
  readonly endedAt: number | undefined;
}

/** The callbacks that end a call. */
const ENDINGS: ReadonlySet<WebPhoneCallback> = new Set(['onCallEnd', 'onCallRejected', 'onCallFailed']);

/**
 * The fake `voicenterWebPhone` (test/fakes, written from the API document) with a trace: each
 * callback fires inside a trace entry named after it, so the contract calls the connector makes
 * show under it, and `call(number)` from the connector is recorded. It also remembers the current
 * call, which the fake keeps private, so that the panel knows what its buttons may do.
 */
export class TracedWebPhone extends FakeVoicenterWebPhone {
  /** The call in progress, if any. */
  current: WebPhoneCall | undefined;
  /** The last call that ended (for the CDR that follows it). */
  last: WebPhoneCall | undefined;

  constructor(
    private readonly trace: Trace,
    private readonly now: () => number,
    extension: { user: string; password: string },
  ) {
    super(extension);
  }

  override call(number: string): void {
    this.trace.vendorCall(`myPhone.call('${number}')`);
    super.call(number);
  }

  override fire(name: WebPhoneCallback, ivrID: string): void {
    this.#follow(name, ivrID);
    this.trace.during('vendor', name, () => super.fire(name, ivrID));
  }

  #follow(name: WebPhoneCallback, ivrID: string): void {
    const at = this.now();
    const call = this.current;
    if (name === 'onRinging' || name === 'onCall') {
      const inbound = name === 'onRinging';
      this.current = {
        ivrID,
        direction: inbound ? 'inbound' : 'outbound',
        state: inbound ? 'ringing' : 'dialing',
        number: inbound ? undefined : this.dialled.at(-1),
        startedAt: at,
        answeredAt: undefined,
        endedAt: undefined,
      };
    } else if (call?.ivrID !== ivrID) {
      return;
    } else if (name === 'onCallAnswer') {
      this.current = { ...call, state: 'talking', answeredAt: at };
    } else if (ENDINGS.has(name)) {
      this.last = { ...call, state: 'ended', endedAt: at };
      this.current = undefined;
    }
  }
}
