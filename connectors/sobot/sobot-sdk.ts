import { BridgeError, callbackFailed, callbackTimeout, type Clock } from '../../src/contract/index.js';

/** The `success` / `error` callbacks every Sobot request method takes. */
export interface SobotCallbacks {
  readonly success?: (event: unknown) => void;
  readonly error?: (cause: unknown) => void;
}

/** A listener of `agent.on(eventName, listener)`; the message carries `messageID`. */
export type SobotListener = (message: unknown) => void;

/** The request of `agent.makeCall`. `ANI` and `outboundPlanCode` exclude each other (seed). */
export interface SobotMakeCall {
  readonly otherDN: string;
  readonly ANI?: string;
  readonly agentANI?: string;
  readonly outboundPlanCode?: string;
  readonly privacyNumber?: string;
  readonly outboundRouteType?: string;
}

/**
 * The part of `new SobotClient.agent()` (Sobot Call SDK 6.4.0) the connector uses.
 *
 * @see https://sg.sobot.com/call-sdk/6.4.0/sobot-call-sdk.js (seed 001, "Call Capability (JS-SDK)")
 */
export interface SobotAgent {
  on(eventName: string, listener: SobotListener): unknown;
  off(eventName: string, listener?: SobotListener): unknown;
  ready(request: SobotCallbacks): void;
  notReady(request: SobotCallbacks & { readonly reasonCode: number }): void;
  makeCall(request: SobotMakeCall): void;
  rejectCall(): void;
}

const METHODS = ['on', 'off', 'ready', 'notReady', 'makeCall', 'rejectCall'] as const;

/** Whether `value` has the methods of a {@link SobotAgent}. */
export function isSobotAgent(value: unknown): value is SobotAgent {
  return typeof value === 'object' && value !== null && METHODS.every((m) => typeof (value as Record<string, unknown>)[m] === 'function');
}

/** A status of the agent: ready, or not ready for a reason code (2 DND, 11 break, 12–18). */
export type SobotStatus = 'ready' | number;

/**
 * A facade over the agent: the only code that calls the Sobot SDK. It adds what the SDK lacks
 * for a connector: unsubscribe functions, Promises with a timeout for the callback methods, and
 * errors as BridgeErrors that carry Sobot's `errorCode` but not its `errorMessage` (free text).
 */
export class SobotSdk {
  constructor(
    private readonly agent: SobotAgent,
    private readonly clock: Clock,
    private readonly timeoutMs: number,
  ) {}

  /** `agent.on(eventName, listener)`; returns the matching `agent.off`. */
  listen(eventName: string, listener: SobotListener): () => void {
    this.agent.on(eventName, listener);
    return () => void this.agent.off(eventName, listener);
  }

  /** `agent.ready()` or `agent.notReady({reasonCode})`; resolves on `success`. */
  setStatus(status: SobotStatus): Promise<void> {
    const method = status === 'ready' ? 'ready' : 'notReady';
    return new Promise((resolve, reject) => {
      let settled = false;
      const settle = (error?: BridgeError) => {
        if (settled) return;
        settled = true;
        this.clock.clearTimeout(timer);
        if (error === undefined) resolve();
        else reject(error);
      };
      const timer = this.clock.setTimeout(
        () => settle(callbackTimeout(`sobot: agent.${method}()`, this.timeoutMs, { connector: 'sobot', vendorMethod: method })),
        this.timeoutMs,
      );
      const callbacks: SobotCallbacks = { success: () => settle(), error: (cause) => settle(vendorError(method, cause)) };
      try {
        if (status === 'ready') this.agent.ready(callbacks);
        else this.agent.notReady({ ...callbacks, reasonCode: status });
      } catch (cause) {
        settle(vendorError(method, cause));
      }
    });
  }

  /** `agent.makeCall(request)`. The seed documents no callbacks for it; a throw is a refusal. */
  makeCall(request: SobotMakeCall): void {
    try {
      this.agent.makeCall(request);
    } catch (cause) {
      throw vendorError('makeCall', cause);
    }
  }

  /** `agent.rejectCall()`: declines the ringing call. */
  rejectCall(): void {
    try {
      this.agent.rejectCall();
    } catch (cause) {
      throw vendorError('rejectCall', cause);
    }
  }
}

function vendorError(method: string, cause: unknown): BridgeError {
  const code = typeof cause === 'object' && cause !== null ? (cause as Record<string, unknown>)['errorCode'] : undefined;
  const vendorCode = typeof code === 'string' || typeof code === 'number' ? String(code).slice(0, 64) : 'none';
  return callbackFailed(`sobot: agent.${method}() failed (errorCode ${vendorCode}).`, {
    details: { connector: 'sobot', vendorMethod: method, vendorCode },
    cause,
  });
}
