export { webhookAdapter } from './webhook-adapter.js';
export { parseWebhookOptions, type WebhookAdapterOptions, type WebhookSettings } from './options.js';
export { toPayload, PAYLOAD_VERSION, type CallLogPayload } from './to-payload.js';
export { signRequest, importSigningKey, SIGNATURE_HEADER, TIMESTAMP_HEADER, IDEMPOTENCY_HEADER } from './signature.js';
export { receiptFrom, isRetryableStatus } from './http-reply.js';
