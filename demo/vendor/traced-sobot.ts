import type { SobotCallbacks, SobotListener, SobotMakeCall } from '../../connectors/sobot/index.js';
import { FakeSobotAgent } from '../../test/fakes/fake-sobot.js';
import type { Trace } from './trace.js';

/**
 * The fake `SobotClient.agent` (test/fakes, written from the SDK document) with a trace: every
 * listener runs inside a trace entry named after the event, so the contract calls the connector
 * makes for it show under it, and the agent methods the connector calls (`makeCall`, `ready`,
 * `notReady`, `rejectCall`) are recorded in whatever entry is open.
 */
export class TracedSobotAgent extends FakeSobotAgent {
  /** Wrapped listeners by original and event name, so that `off` finds what `on` added. */
  readonly #wrapped = new Map<SobotListener, Map<string, SobotListener>>();

  constructor(
    private readonly trace: Trace,
    now: () => number,
  ) {
    super(now);
  }

  override on(eventName: string, listener: SobotListener): this {
    const wrapped: SobotListener = (message) => this.trace.during('vendor', eventName, () => listener(message));
    const byName = this.#wrapped.get(listener) ?? new Map<string, SobotListener>();
    byName.set(eventName, wrapped);
    this.#wrapped.set(listener, byName);
    return super.on(eventName, wrapped);
  }

  override off(eventName: string, listener?: SobotListener): this {
    if (listener === undefined) return super.off(eventName);
    const byName = this.#wrapped.get(listener);
    const wrapped = byName?.get(eventName);
    byName?.delete(eventName);
    if (byName?.size === 0) this.#wrapped.delete(listener);
    return super.off(eventName, wrapped ?? listener);
  }

  override makeCall(request: SobotMakeCall): void {
    this.trace.vendorCall(`agent.makeCall({ otherDN: ${request.otherDN} })`);
    super.makeCall(request);
  }

  override ready(request: SobotCallbacks): void {
    this.trace.vendorCall('agent.ready()');
    super.ready(request);
  }

  override notReady(request: SobotCallbacks & { reasonCode: number }): void {
    this.trace.vendorCall(`agent.notReady({ reasonCode: ${request.reasonCode} })`);
    super.notReady(request);
  }

  override rejectCall(): void {
    this.trace.vendorCall('agent.rejectCall()');
    super.rejectCall();
  }
}
