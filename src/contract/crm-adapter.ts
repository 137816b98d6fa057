import type { DispositionEvent, PartnerConfigEvent, StartCallEvent } from './callback-events.js';
import type { CallRecord, CrmRecordRef } from './call-record.js';
import type { CallLogWrite, PresenceWrite, WriteReceipt } from './crm-write.js';
import type { CallPolicy } from './spec.js';
import type { BridgeError } from '../errors/index.js';
import type { Clock } from '../shared/clock.js';
import type { Logger } from '../shared/logger.js';

/**
 * A request from the CRM to dial (click-to-dial, a CRM button). Partner fields may be left out:
 * the bridge fills them from the partner configuration before sending `start_call`.
 */
export type DialRequest = Partial<Pick<StartCallEvent, 'partnerId' | 'businessSegmentId' | 'channelOriginId'>> &
  Pick<StartCallEvent, 'dialTo'> &
  Partial<Pick<StartCallEvent, 'dialFrom' | 'participantType'>> & {
    /** The record the agent clicked on; the outbound call is logged against it without a search. */
    readonly crmRecord?: CrmRecordRef;
  };

/**
 * The configuration a CRM holds for the softphone, delivered as `disposition` and
 * `partner_config`, and the call policy its admin chose (overriding the bridge's options).
 */
export interface AdapterConfig {
  readonly dispositions?: DispositionEvent;
  readonly partnerConfig?: PartnerConfigEvent;
  readonly policy?: Partial<CallPolicy>;
}

/** What a screen pop is asked to show. */
export interface ScreenPopRequest {
  readonly conversationId: string;
  readonly direction: CallRecord['direction'];
  /** The caller's number (inbound) or the dialled one (outbound), as the softphone sent it. */
  readonly phoneNumber: string;
}

/**
 * How a screen pop went: `record` when the CRM found one record (or the agent chose one), so
 * that the call is logged against it; none when the number matched nothing or several.
 */
export interface ScreenPopResult {
  readonly record?: CrmRecordRef;
}

/**
 * What the bridge lends an adapter when it connects: the injected side effects, and the way back
 * to the softphone. Everything an adapter does that is not a reply goes through here.
 */
export interface AdapterContext {
  readonly logger: Logger;
  readonly clock: Clock;
  /** Aborted when the bridge is disposed; pass it to `fetch` and listeners. */
  readonly signal: AbortSignal;
  /** The CRM asks the softphone to dial: becomes `start_call`. Resolves once delivered or queued. */
  requestCall(request: DialRequest): Promise<void>;
  /** The CRM changed the agent's presence: becomes `update_presence` (unless it is our own echo). */
  updatePresence(softphoneId: string): Promise<void>;
  /** The CRM's configuration changed after connect. */
  updateConfig(config: AdapterConfig): Promise<void>;
  /** The agent opened or chose a record for a live call: the log will be linked to it. */
  linkRecord(conversationId: string, record: CrmRecordRef): Promise<void>;
  /**
   * Something the agent asked for in the CRM cannot be done (a click-to-dial on an invalid
   * number): emitted as `adapter.refused` so the softphone's host can tell the agent.
   */
  refuse(error: BridgeError): void;
}

/**
 * One CRM, as the bridge sees it. Required members are what every CRM must do; each optional
 * member is a capability, present only when the CRM has it (see {@link capabilitiesOf}).
 *
 * Rules every adapter follows (the conformance suite checks them):
 * - `writeCallLog` is idempotent on `write.key`: with a `receipt` it updates that record, and
 *   without one it must not create a second record for a key it already wrote.
 * - Errors are thrown as `BridgeError`s; `retryable: false` for errors that no retry can fix.
 * - Nothing customer-related (numbers, names, notes) goes to the logger.
 */
export interface CrmAdapter {
  /** Stable kebab-case id (`salesforce`, `fake`); used in logs and database names. */
  readonly name: string;
  /** Resolves once the CRM is usable, with its configuration; rejects if it cannot connect. */
  connect(context: AdapterContext): Promise<AdapterConfig>;
  /** Lets go of the CRM (listeners, timers). */
  disconnect(): Promise<void>;
  /** Creates or updates the one call log of a conversation. Called only by the outbox. */
  writeCallLog(write: CallLogWrite): Promise<WriteReceipt>;
  /** Shows the caller's record (or a search, or a new-record form). */
  screenPop?(request: ScreenPopRequest): Promise<ScreenPopResult>;
  /** Sets the agent's presence in the CRM from the softphone's status. Called only by the outbox. */
  setPresence?(write: PresenceWrite): Promise<WriteReceipt>;
  /** Told of every change to a conversation (e.g. to show the softphone panel on ring). Must not throw. */
  callUpdated?(call: CallRecord): void;
}

/** The optional capabilities of an adapter, as flags. */
export interface AdapterCapabilities {
  readonly screenPop: boolean;
  readonly presence: boolean;
}

/** Which optional members an adapter has. */
export function capabilitiesOf(adapter: CrmAdapter): AdapterCapabilities {
  return { screenPop: typeof adapter.screenPop === 'function', presence: typeof adapter.setPresence === 'function' };
}
