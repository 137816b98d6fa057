import type { BridgeEvents } from '../core/bridge-events.js';
import type { BridgeStatus } from '../core/bridge-status.js';
import type { CallRecord } from '../contract/call-record.js';
import type { SoftphoneContract, SoftphoneParams } from '../contract/contract-target.js';
import type { DialRequest } from '../contract/crm-adapter.js';

// Structural types only (every import above is `import type`), so the UI never pulls the bridge,
// its emitter or zod into a page that only wants a button, and a remote client fits as well.

/** A listener of one bridge event, with that event's arguments. */
export type BridgeListener<K extends keyof BridgeEvents> = (...args: BridgeEvents[K]) => void;

/**
 * The emitter half of a {@link Bridge}: `on`/`off` by event name. Anything eventemitter3-shaped
 * fits, and so does a five-line fake in a test.
 */
export interface BridgeEventSource {
  on<K extends keyof BridgeEvents>(event: K, listener: BridgeListener<K>): unknown;
  off<K extends keyof BridgeEvents>(event: K, listener: BridgeListener<K>): unknown;
}

/** `incomingCall` as the softphone panel sends it: one object (`language` defaults to `en_US`). */
export type IncomingCallParams = SoftphoneParams<'incomingCall'>;

/**
 * The eight contract methods, as `<sb-softphone>` calls them: the contract's own type. The in-page
 * `Bridge` and the remote client (`createRemoteClient`) both fit; results are not read.
 */
export type { SoftphoneContract };

/**
 * What `<sb-softphone>` drives: the contract, plus the emitter when the bridge is in the same
 * page (it then shows the CRM record a call was matched to). A remote client has no emitter.
 */
export type SoftphoneBridge = SoftphoneContract & Partial<BridgeEventSource> & Partial<StoredCalls>;

/**
 * The in-page bridge's store, read by `<sb-softphone>` when it resumes a call after a reload: a
 * call that ended meanwhile is not shown as live. A remote client has no store.
 */
export interface StoredCalls {
  getCall(conversationId: string): Promise<Pick<CallRecord, 'state' | 'durationSeconds' | 'crmRecord'> | undefined>;
}

/** What `<sb-bridge-status>` reads: the bridge's `status()`, its events and `retryDeadLetters()`. */
export interface StatusBridge extends BridgeEventSource {
  status(): Promise<BridgeStatus>;
  retryDeadLetters(): Promise<number>;
  /** Asks for storage access and moves the calls to IndexedDB (a frame whose storage the browser blocks). Optional: remote or older bridges lack it. */
  requestDurableStorage?(): Promise<BridgeStatus['durability']>;
  /** Makes this tab the active phone when another tab has it (`activeElsewhere`). Optional: remote or older bridges lack it. */
  takeOver?(): Promise<void>;
}

/** What {@link bridgeCommands} calls: the CRM → softphone direction of the bridge. */
export interface DialBridge {
  startCall(request: DialRequest): Promise<unknown>;
}

/** A caller `<sb-softphone>` can simulate an inbound call from. */
export interface Caller {
  readonly name: string;
  readonly number: string;
}

/** An agent status offered by `<sb-softphone>`; `id` is the contract's `softphoneId`. */
export interface AgentStatus {
  readonly id: string;
  readonly label: string;
}

export type { BridgeEvents, BridgeStatus, DialRequest };
