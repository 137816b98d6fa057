import type { ContractTarget } from './contract-target.js';
import type { SoftphoneMethod, SoftphonePayload } from './softphone-payloads.js';
import type { BridgeError } from '../errors/index.js';
import type { Clock } from '../shared/clock.js';
import type { Logger } from '../shared/logger.js';

/** The part of the bridge a connector drives: the eight contract methods (contract-target.ts). */
export type { ContractTarget };

/**
 * One contract call as data: what a connector's pure mapping functions return for a vendor
 * event, so that the mapping can be tested without a bridge and applied in order.
 */
export type ContractCall = {
  [M in SoftphoneMethod]: { readonly method: M; readonly payload: SoftphonePayload<M> };
}[SoftphoneMethod];

/**
 * What the integrator lends a connector when it connects: the injected side effects, and where
 * problems go. A connector never throws into the vendor SDK: a malformed vendor event, a vendor
 * method that failed or a contract call the bridge refused is reported here and the connector
 * carries on with the next event.
 */
export interface ConnectorContext {
  /** Ids, event names and codes only: never numbers, names, notes or credentials. */
  readonly logger: Logger;
  /** Measures call durations when the vendor does not state them. */
  readonly clock: Clock;
  /** Told of every problem, as a `BridgeError` naming the connector, the vendor event and the fields. */
  report(error: BridgeError): void;
}

/**
 * One softphone vendor that does not speak the contract itself (Sobot, Voicenter, Sociomile):
 * a connector listens to the vendor's SDK, widget or webhooks and calls the contract like a
 * softphone would, and carries the bridge's `start_call` and `update_presence` back to the
 * vendor's dial and status methods.
 *
 * Rules every connector follows (the connector conformance suite checks them):
 * - `connect` passes the connector's own callback to `target.load`, and resolves once loaded.
 * - The vendor's call id is the `conversationId`; no other id is invented for a vendor call.
 * - Duplicate vendor events change nothing; out-of-order ones are merged by the bridge.
 * - Malformed vendor payloads are reported (`context.report`) and never stop the next event.
 * - `disconnect` removes every vendor listener the connector added.
 * - Credentials never reach a log line, an error message or a contract payload.
 *
 * @example
 * const bridge = createBridge({ adapter });
 * const connector = sobotConnector({ agent: new SobotClient.agent() });
 * await connector.connect(bridge, { logger: consoleLogger(), clock: systemClock, report: console.warn });
 */
export interface SoftphoneConnector {
  /** Stable kebab-case id (`sobot`, `voicenter`); used in logs and error details. */
  readonly name: string;
  /**
   * Subscribes to the vendor, then loads the contract with the connector's callback. Rejects with
   * `CONFIG_INVALID` for unreadable options or a missing partner id, `ALREADY_CONNECTED` on a second
   * connect, or the error `load` rejected with.
   */
  connect(target: ContractTarget, context: ConnectorContext): Promise<void>;
  /** Removes every vendor listener; later vendor events and callbacks are ignored. */
  disconnect(): Promise<void>;
  /** Resolves once every contract call the connector made so far has settled (tests, page unload). */
  settled(): Promise<void>;
}
