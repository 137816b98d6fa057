import { salesforceAdapter } from '../../../adapters/salesforce/index.js';
import { runAdapterConformance } from '../../conformance/crm-adapter.suite.js';
import { FakeOpenCti } from '../../fakes/fake-open-cti.js';
import { org } from './harness.js';

runAdapterConformance('salesforce (Apex upsert)', async () => {
  const salesforce = org({ ApexUpsert: 'true' });
  const byKey = new Map<string, string>();
  salesforce.deployApex('SoftphoneBridgeCallLog', 'upsertCallLog', ({ callKey = '', fieldsJson = '{}' }) => {
    const fields = JSON.parse(fieldsJson) as Record<string, unknown>;
    const existing = byKey.get(callKey);
    if (existing !== undefined) {
      const task = salesforce.tasks.get(existing)!;
      task.fields = { ...task.fields, ...fields };
      task.updates += 1;
      return existing;
    }
    const id = salesforce.createTask(fields);
    byKey.set(callKey, id);
    return id;
  });
  const cti = new FakeOpenCti(salesforce);
  const toLog = (fields: Record<string, unknown>) => ({
    notes: String(fields['Description'] ?? '').split('\n\n— Call details —')[0],
    durationSeconds: fields['CallDurationInSeconds'] as number,
    disposition: fields['CallDisposition'] as string | undefined,
  });
  return {
    adapter: salesforceAdapter({ openCti: cti, callbackTimeoutMs: 500 }),
    callLogsFor: async (key) => salesforce.tasksFor(key.replace(/:callLog$/, '')).map((t) => toLog(t.fields)),
    failNextWrite: () => cti.inject('runApex', { kind: 'error', code: 'SERVER_ERROR', description: 'UNABLE_TO_LOCK_ROW' }),
    loseNextReply: () => cti.inject('runApex', { kind: 'lost-reply' }),
  };
});
