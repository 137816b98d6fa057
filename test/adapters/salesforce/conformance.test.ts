import { salesforceAdapter } from '../../../adapters/salesforce/index.js';
import { runAdapterConformance } from '../../conformance/crm-adapter.suite.js';
import { FakeOpenCti } from '../../fakes/fake-open-cti.js';
import { org } from './harness.js';

runAdapterConformance('salesforce (Apex upsert)', async () => {
  const salesforce = org({ ApexUpsert: 'true' });
  salesforce.deployCallLogClass();
  const cti = new FakeOpenCti(salesforce);
  const toLog = (fields: Record<string, unknown>) => ({
    notes: String(fields['Description'] ?? '').split('\n\n— Call details —')[0],
    durationSeconds: fields['CallDurationInSeconds'] as number,
    disposition: fields['CallDisposition'] as string | undefined,
  });
  return {
    adapter: salesforceAdapter({ openCti: cti, callbackTimeoutMs: 500 }),
    callLogsFor: async (key) => salesforce.tasksFor(key.replace(/:callLog$/, '')).map((t) => toLog(t.fields)),
    failNextWrite: () => cti.inject('runApex.upsertCallLog', { kind: 'error', code: 'SERVER_ERROR' }),
    loseNextReply: () => cti.inject('runApex.upsertCallLog', { kind: 'lost-reply' }),
  };
});
