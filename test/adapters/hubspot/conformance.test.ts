import { hubspotAdapter } from '../../../adapters/hubspot/index.js';
import { runAdapterConformance } from '../../conformance/crm-adapter.suite.js';
import { asLog, options, portal } from './harness.js';

runAdapterConformance('hubspot', async () => {
  const hubspot = portal();
  return {
    adapter: hubspotAdapter(options(hubspot, { availableStatuses: ['available'] })),
    callLogsFor: async (key) => hubspot.engagementsFor(key.replace(/:callLog$/, '')).map(asLog),
    // HubSpot creates the engagement when told a call started: the create is the write that fails.
    failNextWrite: () => hubspot.inject('create', 'failed'),
    // The log itself is the engagement update (callCompleted): that is the write whose answer is lost.
    loseNextReply: () => hubspot.inject('update', 'lost-reply'),
  };
});
