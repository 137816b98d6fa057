import type { CallRecord } from '../contract/call-record.js';
import type { BridgeStore, CallStep } from './bridge-store.js';
import { upsertEntry } from './entry-rules.js';
import type { NewWrite, OutboxEntry } from './outbox-entry.js';
import { isPrunable } from './prune-rule.js';

/**
 * A {@link BridgeStore} in memory: for tests, and the fallback where IndexedDB is unavailable
 * (the bridge then reports `durability: 'memory'`). Records are copied in and out with
 * `structuredClone`, as IndexedDB does, so that callers cannot change stored data by reference.
 */
export function createMemoryStore(): BridgeStore {
  const calls = new Map<string, CallRecord>();
  const entries = new Map<string, OutboxEntry>();

  const queue = (writes: readonly NewWrite[], now: number): void => {
    for (const write of writes) entries.set(write.key, upsertEntry(entries.get(write.key), write, now));
  };

  return {
    durability: 'memory',
    async updateCall<T>(conversationId: string, step: (call: CallRecord | undefined) => CallStep<T>, now: number): Promise<T> {
      const current = calls.get(conversationId);
      const outcome = step(current === undefined ? undefined : structuredClone(current));
      if (outcome.call !== undefined) calls.set(conversationId, structuredClone(outcome.call));
      queue(structuredClone(outcome.writes), now);
      return outcome.result;
    },
    async getCall(conversationId) {
      const call = calls.get(conversationId);
      return call === undefined ? undefined : structuredClone(call);
    },
    async listCalls() {
      return structuredClone([...calls.values()]);
    },
    async enqueue(writes, now) {
      queue(structuredClone(writes), now);
    },
    async listEntries(status) {
      const all = [...entries.values()];
      return structuredClone(status === undefined ? all : all.filter((entry) => entry.status === status));
    },
    async updateEntry(key, change) {
      const current = entries.get(key);
      const next = change(current === undefined ? undefined : structuredClone(current));
      if (next !== undefined) entries.set(key, structuredClone(next));
      const stored = entries.get(key);
      return stored === undefined ? undefined : structuredClone(stored);
    },
    async prune(before) {
      let removed = 0;
      for (const [key, entry] of entries) {
        if (entry.status === 'sent' && entry.updatedAt < before) {
          entries.delete(key);
          removed += 1;
        }
      }
      const pendingKeys = new Set([...entries.keys()]);
      for (const [id, call] of calls) {
        if (isPrunable(call, before, pendingKeys)) {
          calls.delete(id);
          removed += 1;
        }
      }
      return removed;
    },
    close() {
      calls.clear();
      entries.clear();
    },
  };
}
