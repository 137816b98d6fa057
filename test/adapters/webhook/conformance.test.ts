import { runAdapterConformance } from '../../conformance/crm-adapter.suite.js';
import { webhook } from './harness.js';

runAdapterConformance('webhook', async () => {
  const { endpoint, adapter } = webhook();
  return {
    adapter,
    callLogsFor: async (key) => {
      const record = endpoint.records.get(key);
      if (record === undefined) return [];
      const call = record.payload.call as { notes?: string; durationSeconds?: number; disposition?: string };
      return [{ notes: call.notes, durationSeconds: call.durationSeconds, disposition: call.disposition }];
    },
    failNextWrite: () => endpoint.inject({ kind: 'status', status: 503 }),
    loseNextReply: () => endpoint.inject({ kind: 'lost-reply' }),
  };
});
