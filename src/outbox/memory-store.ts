import type { CallRecord } from '../contract/call-record.js';
import type { BridgeStore, CallStep } from './bridge-store.js';
import { upsertEntry } from './entry-rules.js';
import type { NewWrite, OutboxEntry } from './outbox-entry.js';
import { pruneTargets } from './prune-rule.js';

/**
 * A {@link BridgeStore} in memory: for tests, and the fallback where IndexedDB is unavailable
 * (the bridge then reports `durability: 'memory'`). Records are copied in and out with
 * `structuredClone` (which passes `undefined` through), as IndexedDB does, so that callers cannot change stored data by reference.
 */
export function createMemoryStore(): BridgeStore {
  const calls = new Map<string, CallRecord>();
  const entries = new Map<string, OutboxEntry>();

  const queue = (writes: readonly NewWrite[], now: number): void => {
    for (const write of structuredClone(writes)) entries.set(write.key, upsertEntry(entries.get(write.key), write, now));
  };

  return {
    durability: 'memory',
    async updateCall<T>(conversationId: string, step: (call: CallRecord | undefined) => CallStep<T>, now: number): Promise<T> {
      const outcome = step(structuredClone(calls.get(conversationId)));
      if (outcome.call !== undefined) calls.set(conversationId, structuredClone(outcome.call));
      queue(outcome.writes, now);
      return outcome.result;
    },
    async getCall(conversationId) {
      return structuredClone(calls.get(conversationId));
    },
    async listCalls() {
      return structuredClone([...calls.values()]);
    },
    async enqueue(writes, now) {
      queue(writes, now);
    },
    async listEntries(status) {
      return structuredClone([...entries.values()].filter((entry) => status === undefined || entry.status === status));
    },
    async updateEntry(key, change) {
      const next = change(structuredClone(entries.get(key)));
      if (next !== undefined) entries.set(key, structuredClone(next));
      return structuredClone(entries.get(key));
    },
    async prune(before) {
      const { entryKeys, conversationIds } = pruneTargets([...entries.values()], [...calls.values()], before);
      for (const key of entryKeys) entries.delete(key);
      for (const id of conversationIds) calls.delete(id);
      return entryKeys.length + conversationIds.length;
    },
    close() {
      calls.clear();
      entries.clear();
    },
  };
}
