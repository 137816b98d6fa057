import { webhookAdapter } from '../../../adapters/webhook/index.js';
import type { AdapterContext, Logger } from '../../../src/contract/index.js';
import { FakeWebhookEndpoint } from '../../fakes/fake-webhook.js';

/** A secret of the minimum length the adapter accepts. */
export const SECRET = 'softphone-bridge-test-secret-0123456789';
/** The endpoint the fake serves (loopback http is allowed for tests). */
export const URL_ = 'http://127.0.0.1:8787/calls';

/** A fresh fake endpoint and a webhook adapter posting to it. */
export function webhook(options: Record<string, unknown> = {}) {
  const endpoint = new FakeWebhookEndpoint(URL_, SECRET);
  const adapter = webhookAdapter({
    url: URL_,
    secret: SECRET,
    fetch: endpoint.fetch,
    timeoutMs: 300,
    ...options,
  } as never);
  return { endpoint, adapter };
}

/** A logger that keeps every line, to check that secrets and customer data stay out. */
export function recordingLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  const write = (message: string, fields?: unknown) => lines.push(`${message} ${JSON.stringify(fields ?? {})}`);
  return { lines, debug: write, info: write, warn: write, error: write };
}

/** An adapter context with the page's clock and no-op callbacks. */
export function context(
  logger: Logger = recordingLogger(),
  signal: AbortSignal = new AbortController().signal,
): AdapterContext {
  return {
    logger,
    clock: {
      now: () => Date.now(),
      setTimeout: (f, ms) => setTimeout(f, ms),
      clearTimeout: (h) => clearTimeout(h as number),
    },
    signal,
    requestCall: async () => {},
    updatePresence: async () => {},
    updateConfig: async () => {},
    linkRecord: async () => {},
    refuse: () => {},
  };
}
