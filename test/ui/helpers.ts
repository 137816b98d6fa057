import sinon from 'sinon';
import type { BridgeEvents } from '../../src/core/bridge-events.js';
import type { CallbackEventType, CallbackPayload, SoftphoneCallback } from '../../src/contract/callback-events.js';
import type { BridgeStatus, SoftphoneBridge, StatusBridge } from '../../src/ui/bridge-like.js';
import '../../src/ui/define.js';

export const PARTNER = { partnerId: 'partner-1', businessSegmentId: 'segment-1', channelOriginId: 'origin-1' };
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
/** An attacker-chosen caller name or note: must show as these characters, never as markup. */
export const XSS = `<img src=x onerror="window.__xss=1"><script>window.__xss=2</script>"'&`;

export function status(overrides: Partial<BridgeStatus> & { pending?: number; dead?: number } = {}): BridgeStatus {
  const { pending = 0, dead = 0, ...rest } = overrides;
  return {
    loaded: true,
    connected: true,
    durability: 'durable',
    drainLock: 'web-locks',
    outbox: { pending, sent: 0, dead },
    ...rest,
  };
}

/** A sinon-stubbed bridge: the eight contract methods, status, retry, and a tiny emitter. */
export function fakeBridge() {
  const listeners = new Map<string, Set<(...args: never) => void>>();
  let callback: SoftphoneCallback | undefined;
  const bridge = {
    load: sinon.stub<[SoftphoneCallback], Promise<void>>().callsFake(async (cb) => {
      callback = cb;
    }),
    incomingCall: sinon.stub().resolves(undefined),
    callAccepted: sinon.stub().resolves(undefined),
    callRejected: sinon.stub().resolves(undefined),
    callEnded: sinon.stub().resolves(undefined),
    callNotesSubmitted: sinon.stub().resolves(undefined),
    outboundCallInitiated: sinon.stub().resolves(undefined),
    statusChanged: sinon.stub().resolves(undefined),
    status: sinon.stub<[], Promise<BridgeStatus>>().resolves(status()),
    retryDeadLetters: sinon.stub<[], Promise<number>>().resolves(0),
    on: sinon.spy((event: string, listener: (...args: never) => void) => {
      if (!listeners.has(event)) listeners.set(event, new Set());
      listeners.get(event)?.add(listener);
    }),
    off: sinon.spy((event: string, listener: (...args: never) => void) => {
      listeners.get(event)?.delete(listener);
    }),
  } satisfies SoftphoneBridge & StatusBridge;
  return {
    bridge,
    /** Delivers a callback event as the bridge would (after `load`). */
    send<T extends CallbackEventType>(type: T, payload: CallbackPayload<T>): void {
      if (callback === undefined) throw new Error('load() was not called');
      callback(type, payload);
    },
    emit<K extends keyof BridgeEvents>(event: K, ...args: BridgeEvents[K]): void {
      for (const listener of listeners.get(event) ?? []) (listener as (...a: BridgeEvents[K]) => void)(...args);
    },
    listenerCount: (event: string) => listeners.get(event)?.size ?? 0,
  };
}

/** Creates `tag`, sets its properties, attaches it to the document and waits for its first render. */
export async function mount<K extends 'sb-softphone' | 'sb-bridge-status' | 'sb-call-button'>(
  tag: K,
  props: Partial<HTMLElementTagNameMap[K]> = {},
): Promise<HTMLElementTagNameMap[K]> {
  const element = document.createElement(tag);
  Object.assign(element, props);
  document.body.append(element);
  await settle(element);
  return element;
}

/** Lets pending Promises (bridge stubs) resolve, then waits for the element's render. */
export async function settle(element: { updateComplete: Promise<boolean> }): Promise<void> {
  for (let i = 0; i < 3; i++) {
    await new Promise<void>((resolve) => queueMicrotask(resolve));
    await element.updateComplete;
  }
}

/** The element with `selector` in `host`'s shadow root (fails the test if there is none). */
export function $<E extends Element = HTMLElement>(host: Element, selector: string): E {
  const found = host.shadowRoot?.querySelector<E>(selector);
  if (found === null || found === undefined) throw new Error(`no ${selector} in <${host.localName}>`);
  return found;
}

/** Sets a field's value and fires the event a user's edit would. */
export function edit(field: HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement, value: string): void {
  field.value = value;
  field.dispatchEvent(new Event(field instanceof HTMLSelectElement ? 'change' : 'input', { bubbles: true }));
}

export function cleanup(): void {
  for (const element of document.body.querySelectorAll('sb-softphone, sb-bridge-status, sb-call-button, .ui-test'))
    element.remove();
  // <sb-softphone> keeps its live call there for a reload; the next test starts without one.
  sessionStorage.clear();
  sinon.restore();
}
