import type { CallbackEventType } from '../contract/callback-events.js';
import type { CallRecord } from '../contract/call-record.js';
import type { SoftphoneMethod } from '../contract/softphone-payloads.js';
import type { BridgeError } from '../errors/index.js';
import type { OutboxEntry } from '../outbox/outbox-entry.js';
import type { Verdict } from './call-machine.js';

/**
 * Everything the bridge tells its subscribers, by event name (`noun.pastParticiple`).
 *
 * @example
 * bridge.on('call.updated', (call) => render(call));
 * bridge.on('outbox.deadLettered', (entry, error) => alertAdmin(error.code));
 */
export interface BridgeEvents {
  /** A conversation changed (created, moved, or merged new data). */
  'call.updated': [call: CallRecord, change: { readonly method: string; readonly verdict: Verdict }];
  /** An event was valid but did not apply (`CALL_TRANSITION_IGNORED`), e.g. a replay after the end. */
  'call.ignored': [error: BridgeError];
  /** A contract method was called with bad input; the same error rejects the method's Promise. */
  'contract.rejected': [error: BridgeError];
  /** The bridge delivered an event to the softphone's callback. */
  'callback.delivered': [eventType: CallbackEventType];
  /** The softphone's callback threw (`CALLBACK_FAILED`); the bridge carries on. */
  'callback.failed': [error: BridgeError];
  /** The adapter connected; `load` has delivered the CRM's configuration. */
  'adapter.connected': [];
  /** The adapter could not connect (`ADAPTER_CONNECT_FAILED`); `load` rejects with it. */
  'adapter.failed': [error: BridgeError];
  /** The adapter refused something the agent asked for in the CRM (`DIAL_NUMBER_INVALID`...). */
  'adapter.refused': [error: BridgeError];
  /** The CRM could not show the caller's record. Logging goes on regardless. */
  'screenPop.failed': [error: BridgeError];
  /** The agent's status changed, from the softphone (`statusChanged`) or the CRM (`update_presence`). */
  'presence.changed': [softphoneId: string, origin: 'softphone' | 'crm'];
  /** A write was queued in the outbox. */
  'outbox.queued': [key: string];
  /** The CRM confirmed a write. */
  'outbox.written': [entry: OutboxEntry];
  /** A write attempt failed and will be retried at `entry.nextAttemptAt`. */
  'outbox.failed': [entry: OutboxEntry, error: BridgeError];
  /** A write was given up (`OUTBOX_DEAD_LETTERED` wrapping the last error); it stays stored for retry. */
  'outbox.deadLettered': [entry: OutboxEntry, error: BridgeError];
  /**
   * The browser gave less than durable, shared storage (a frame whose third-party storage is
   * blocked, a private window): the store is in memory, or the drain lock is this page's own.
   * Limits found before the first `load()` are told at that `load()`, so that a listener added after
   * a script-tag bundle ran still hears them; `status()` says the same at any time.
   */
  'storage.limited': [limit: StorageLimit];
  /** The agent granted storage access: calls and writes moved from memory to IndexedDB (`requestDurableStorage`). */
  'storage.durable': [];
}

/** What {@link BridgeEvents} `storage.limited` reports: which part fell back, and why, in words. */
export interface StorageLimit {
  /** `store`: calls and writes are kept in this page's memory; `drainLock`: tabs are not kept from draining at once. */
  readonly what: 'store' | 'drainLock';
  readonly reason: string;
}

/** The names of {@link BridgeEvents}. */
export type BridgeEventName = keyof BridgeEvents;

/** The softphone method an error or event came from, when it came from one. */
export type { SoftphoneMethod };
