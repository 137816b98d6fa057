import { DETAILS_SEPARATOR, zendeskAdapter } from '../../../adapters/zendesk/index.js';
import { runAdapterConformance } from '../../conformance/crm-adapter.suite.js';
import { appClient, closeApps, support, ticketsFor, zaf } from './harness.js';

// The adapter runs on the real ZAF SDK in an app iframe; iframes are removed after each test.
afterEach(closeApps);

runAdapterConformance('zendesk', async () => {
  const account = support();
  const client = zaf(account);
  return {
    adapter: zendeskAdapter({ client: () => appClient(client), requestTimeoutMs: 500 }),
    // The log is the ticket; its newest comment carries the notes and call details.
    callLogsFor: async (key) =>
      ticketsFor(account, key.replace(/:callLog$/, '')).map((ticket) => {
        const body = ticket.comments[ticket.comments.length - 1]?.body ?? '';
        const [notes = '', details = ''] = body.split(`\n\n${DETAILS_SEPARATOR}\n`);
        return {
          notes,
          durationSeconds: Number(/^Duration: (\d+) s$/m.exec(details)?.[1]),
          disposition: /^Disposition: (.*)$/m.exec(details)?.[1],
        };
      }),
    failNextWrite: () => client.inject('POST /api/v2/tickets.json', { kind: 'status', status: 503 }),
    loseNextReply: () => client.inject('POST /api/v2/tickets.json', { kind: 'lost-reply' }),
  };
});
