/** After webhook-setup.ts, in the frame: the records the fake receiver holds for each conversation. */
import type { FakeWebhookEndpoint } from '../../../fakes/fake-webhook.js';
import { exposeCrm, notesOf } from './crm.js';

const endpoint = (window as unknown as { relEndpoint: FakeWebhookEndpoint }).relEndpoint;
const recordsFor = (id: string) => [...endpoint.records.values()].filter((r) => r.payload.call['conversationId'] === id);
exposeCrm({
  records: (ids) => ids.map((id) => recordsFor(id).length),
  settled: (ids) => ids.every((id) => recordsFor(id).some((r) => r.payload.call['notes'] === notesOf(id))),
});
