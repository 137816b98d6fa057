import { dynamicsAdapter } from '../../../adapters/dynamics/index.js';
import { runAdapterConformance } from '../../conformance/crm-adapter.suite.js';
import { SERVICE_PROTECTION_MESSAGE } from '../../fixtures/vendor/dynamics/dataverse-errors.js';
import { callsFor, cif, options } from './harness.js';

for (const version of [1, 2] as const) {
  runAdapterConformance(`dynamics (CIF ${version}.0)`, async () => {
    const fake = cif(undefined, version);
    return {
      adapter: dynamicsAdapter(options(fake, version === 2 ? { presenceMap: { available: 'Available' } } : {})),
      callLogsFor: async (key) =>
        callsFor(fake, key.replace(/:callLog$/, '')).map((row) => ({
          notes: String(row['description'] ?? '').split('\n\n— Call details —')[0],
          durationSeconds: Number(/^Duration: (\d+) s$/m.exec(String(row['description']))?.[1]),
          disposition: row['category'] as string | undefined,
        })),
      // Without a receipt the adapter searches, then creates: the create is the write that fails.
      // A transient refusal: Dataverse's service protection limit (HTTP 429), as CIF rejects it.
      failNextWrite: () => fake.inject('createRecord', { kind: 'error', message: SERVICE_PROTECTION_MESSAGE }),
      loseNextReply: () => fake.inject('createRecord', { kind: 'lost-reply' }),
    };
  });
}
