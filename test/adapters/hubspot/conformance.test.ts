import { hubspotAdapter } from '../../../adapters/hubspot/index.js';
import { runAdapterConformance } from '../../conformance/crm-adapter.suite.js';
import { asLog, closeWidgets, options, portal, widget } from './harness.js';

// The adapter constructs the real SDK in a widget iframe; iframes are removed after each test.
afterEach(closeWidgets);

runAdapterConformance('hubspot', async () => {
  const hubspot = portal();
  const { CallingExtensions } = await widget(hubspot);
  return {
    adapter: hubspotAdapter(options(CallingExtensions, { availableStatuses: ['available'] })),
    callLogsFor: async (key) => hubspot.engagementsFor(key.replace(/:callLog$/, '')).map(asLog),
    // HubSpot creates the engagement when told a call started: the create is the write that fails.
    failNextWrite: () => hubspot.inject('create', 'failed'),
    // The log itself is the engagement update (callCompleted): that is the write whose answer is lost.
    loseNextReply: () => hubspot.inject('update', 'lost-reply'),
  };
});
