import type { FakeAdapter, FakeCallLogRecord } from '../../adapters/fake/index.js';
import { adapterWriteFailed, notConnected, type AdapterContext, type CrmRecordRef } from '../../src/index.js';
import type { FakePop } from './crm-store.js';

/** What the console does when the fake CRM changes through the adapter. */
export interface CrmHooks {
  /** A call log was created or updated. Awaited: the write is confirmed only once this resolves. */
  logged(record: FakeCallLogRecord): Promise<void>;
  /** A screen pop was shown, for a call in `direction`. */
  popped(pop: FakePop, direction: 'inbound' | 'outbound'): Promise<void>;
  /** The softphone's status reached the CRM's presence. */
  presence(softphoneId: string): void;
}

/** The observed adapter, plus what the agent does in the CRM during a call. */
export interface ObservedAdapter extends FakeAdapter {
  /**
   * The agent picked the caller's record for a live call (a shared line's "This is the caller"):
   * the bridge links the call, and its log, to it. Rejects while the bridge is not connected.
   */
  linkRecord(conversationId: string, record: CrmRecordRef): Promise<void>;
}

/**
 * The fake adapter, with the console told of every change it makes: FakeCrm announces only that
 * its call logs changed, not which one, nor pops or presence. A call log is confirmed to the
 * bridge only after `logged` (the console saves it in IndexedDB) has succeeded, so a page that
 * closes in between leaves the write in the outbox, to be written again, never lost.
 */
export function observedAdapter(adapter: FakeAdapter, hooks: CrmHooks): ObservedAdapter {
  const { crm, screenPop, setPresence } = adapter;
  // The bridge hands its context to connect(); linkRecord is how a CRM page links a record to a call.
  let context: AdapterContext | undefined;
  return {
    ...adapter,
    async connect(ctx) {
      context = ctx;
      return adapter.connect(ctx);
    },
    async disconnect() {
      context = undefined;
      return adapter.disconnect();
    },
    linkRecord(conversationId, record) {
      if (context === undefined) return Promise.reject(notConnected('The demo CRM'));
      return context.linkRecord(conversationId, record);
    },
    async writeCallLog(write) {
      const receipt = await adapter.writeCallLog(write);
      const record = crm.callLogs().find((log) => log.key === write.key);
      try {
        if (record !== undefined) await hooks.logged(record);
      } catch (cause) {
        throw adapterWriteFailed('The demo CRM could not save the call log.', { cause, details: { key: write.key } });
      }
      return receipt;
    },
    ...(screenPop === undefined
      ? {}
      : {
          async screenPop(request) {
            const before = crm.pops.length;
            const result = await screenPop(request);
            const pop = crm.pops.at(-1);
            if (pop !== undefined && crm.pops.length > before) await hooks.popped(pop, request.direction);
            return result;
          },
        }),
    ...(setPresence === undefined
      ? {}
      : {
          async setPresence(write) {
            const receipt = await setPresence(write);
            hooks.presence(write.softphoneId);
            return receipt;
          },
        }),
  };
}
