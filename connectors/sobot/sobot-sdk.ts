import {
  callbackFailed,
  callbackTimeout,
  isRecord,
  withTimeout,
  type BridgeError,
  type Clock,
} from '../../src/contract/index.js';

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
  return isRecord(value) && METHODS.every((m) => typeof value[m] === 'function');
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
    const answer = new Promise<void>((resolve, reject) => {
      const callbacks: SobotCallbacks = {
        success: () => resolve(),
        error: (cause) => reject(vendorError(method, cause)),
      };
      try {
        if (status === 'ready') this.agent.ready(callbacks);
        else this.agent.notReady({ ...callbacks, reasonCode: status });
      } catch (cause) {
        reject(vendorError(method, cause));
      }
    });
    return withTimeout(
      answer,
      this.timeoutMs,
      () => callbackTimeout(`sobot: agent.${method}()`, this.timeoutMs, { connector: 'sobot', vendorMethod: method }),
      this.clock,
    );
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
  const code = isRecord(cause) ? cause['errorCode'] : undefined;
  const vendorCode = typeof code === 'string' || typeof code === 'number' ? String(code).slice(0, 64) : 'none';
  return callbackFailed(`sobot: agent.${method}() failed (errorCode ${vendorCode}).`, {
    details: { connector: 'sobot', vendorMethod: method, vendorCode },
    cause,
  });
}
