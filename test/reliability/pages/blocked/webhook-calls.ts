/** After the webhook bundle: the calls of calls.ts, and how many records the receiver holds for each. */
import type { FakeWebhookEndpoint } from '../../../fakes/fake-webhook.js';
import { runCalls } from './calls.js';

const endpoint = (window as unknown as { relEndpoint: FakeWebhookEndpoint }).relEndpoint;
const CALLS = 6;
const recordsFor = (id: string) => [...endpoint.records.values()].filter((r) => r.payload.call['conversationId'] === id);
const run = runCalls(CALLS, (ids) => ids.length === CALLS && ids.every((id) => recordsFor(id).some((r) => typeof r.payload.call['notes'] === 'string' && r.payload.call['notes'] !== '')));
(window as unknown as { relRecords: () => number[] }).relRecords = () => run.conversations.map((id) => recordsFor(id).length);
