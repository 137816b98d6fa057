/**
 * Before dist/softphone-bridge.webhook.iife.js: its configuration, with the fake receiver's fetch
 * (test/fakes/fake-webhook.ts: same rules as examples/webhook-receiver) so the frame needs no server.
 */
import { FakeWebhookEndpoint } from '../../../fakes/fake-webhook.js';

const SECRET = 'blocked-storage-secret-0123456789abcdef';
const endpoint = new FakeWebhookEndpoint('http://localhost/hook', SECRET);
const page = window as unknown as { softphoneBridgeConfig: unknown; relEndpoint: FakeWebhookEndpoint };
page.relEndpoint = endpoint;
page.softphoneBridgeConfig = { url: endpoint.url, secret: SECRET, fetch: endpoint.fetch, dispositions: ['resolved'] };
