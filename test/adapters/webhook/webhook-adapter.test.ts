import { expect } from '@esm-bundle/chai';
import { BridgeError, type CallLogWrite, type CallRecord } from '../../../src/contract/index.js';
import { createBridge } from '../../../src/core/create-bridge.js';
import { createMemoryStore } from '../../../src/outbox/memory-store.js';
import { SECRET, URL_, context, recordingLogger, webhook } from './harness.js';

function call(conversationId: string, overrides: Partial<CallRecord> = {}): CallRecord {
  const now = Date.now();
  return {
    conversationId,
    partnerId: 'p',
    direction: 'inbound',
    state: 'ended',
    phoneNumber: '+15557654321',
    language: 'en_US',
    ivr: {},
    notes: 'card ending 4242',
    durationSeconds: 12,
    outcome: 'completed',
    startedAt: now - 12_000,
    updatedAt: now,
    revision: 2,
    extra: {},
    ...overrides,
  };
}
const write = (c: CallRecord, receipt?: CallLogWrite['receipt']): CallLogWrite => ({
  kind: 'callLog',
  key: `${c.conversationId}:callLog`,
  call: c,
  receipt,
  attempt: 1,
});

async function failure(promise: Promise<unknown>): Promise<BridgeError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).to.be.instanceOf(BridgeError);
  return error as BridgeError;
}

describe('webhookAdapter()', () => {
  it('connects with the partner config and dispositions it was given', async () => {
    const partnerConfig = { partnerId: 'p', businessSegmentId: 'b', channelOriginId: 'c' };
    const { adapter } = webhook({ partnerConfig, dispositions: ['resolved', 'voicemail'] });
    expect(await adapter.connect(context())).to.deep.equal({ partnerConfig, dispositions: ['resolved', 'voicemail'] });
    expect(adapter.screenPop).to.equal(undefined);
    expect(adapter.setPresence).to.equal(undefined);
  });

  it('rejects load with CONFIG_INVALID naming the options at fault', async () => {
    const bridge = createBridge({
      adapter: webhook({ url: 'http://crm.example.com/calls', secret: 'x' }).adapter,
      store: createMemoryStore(),
      logger: recordingLogger(),
    });
    const error = await failure(bridge.load(() => {}));
    expect(error.code).to.equal('CONFIG_INVALID');
    expect(error.details['keys']).to.deep.equal(['url', 'secret']);
    await bridge.dispose();
  });

  it('POSTs the signed JSON body with the timestamp and idempotency headers', async () => {
    const { adapter, endpoint } = webhook();
    await adapter.connect(context());
    const receipt = await adapter.writeCallLog(write(call('wa-1')));
    expect(receipt).to.deep.equal({ recordId: 'wh-1', recordType: 'webhook' });
    const [request] = endpoint.requests;
    expect(request?.status).to.equal(201);
    expect(request?.headers.get('Idempotency-Key')).to.equal('wa-1:callLog');
    expect(request?.headers.get('Content-Type')).to.equal('application/json');
    expect(Number(request?.headers.get('X-SoftphoneBridge-Timestamp'))).to.be.closeTo(Date.now() / 1000, 5);
    expect(request?.headers.get('X-SoftphoneBridge-Signature')).to.match(/^sha256=[0-9a-f]{64}$/);
    expect(JSON.parse(request?.body ?? '{}')).to.include({ type: 'call.log', key: 'wa-1:callLog' });
  });

  it('updates the same receiver record on the next revision, naming it in the body', async () => {
    const { adapter, endpoint } = webhook();
    await adapter.connect(context());
    const first = await adapter.writeCallLog(write(call('wa-2')));
    const second = await adapter.writeCallLog(write(call('wa-2', { notes: 'later notes', revision: 3 }), first));
    expect(second.recordId).to.equal(first.recordId);
    expect(JSON.parse(endpoint.requests[1]?.body ?? '{}').recordId).to.equal(first.recordId);
    expect(endpoint.records.get('wa-2:callLog')?.payload.call['notes']).to.equal('later notes');
  });

  it('uses the key as the record id when a 2xx reply has no JSON id', async () => {
    const { adapter } = webhook({ fetch: async () => new Response(null, { status: 204 }) });
    await adapter.connect(context());
    expect((await adapter.writeCallLog(write(call('wa-3')))).recordId).to.equal('wa-3:callLog');
    const { adapter: textReply } = webhook({
      fetch: async () => new Response('{"recordId":"x"}', { status: 200, headers: { 'Content-Type': 'text/plain' } }),
    });
    await textReply.connect(context());
    expect((await textReply.writeCallLog(write(call('wa-3')))).recordId).to.equal('wa-3:callLog');
    const { adapter: numeric } = webhook({ fetch: async () => Response.json({ id: 987 }, { status: 201 }) });
    await numeric.connect(context());
    expect((await numeric.writeCallLog(write(call('wa-3')))).recordId).to.equal('987');
  });

  for (const status of [408, 429, 500, 502, 503]) {
    it(`retries HTTP ${status}`, async () => {
      const { adapter, endpoint } = webhook();
      await adapter.connect(context());
      endpoint.inject({ kind: 'status', status });
      const error = await failure(adapter.writeCallLog(write(call(`wa-${status}`))));
      expect(error).to.include({ code: 'ADAPTER_WRITE_FAILED', retryable: true });
      expect(error.details).to.deep.equal({ key: `wa-${status}:callLog`, status });
    });
  }

  for (const status of [400, 401, 403, 404, 409, 422]) {
    it(`does not retry HTTP ${status}`, async () => {
      const { adapter, endpoint } = webhook();
      await adapter.connect(context());
      endpoint.inject({ kind: 'status', status });
      expect(await failure(adapter.writeCallLog(write(call(`wa-${status}`))))).to.include({
        code: 'ADAPTER_WRITE_REFUSED',
        retryable: false,
      });
    });
  }

  it('is refused by the receiver when the secret differs (401, not retried)', async () => {
    const { adapter } = webhook({ secret: `${SECRET}-rotated` });
    await adapter.connect(context());
    const error = await failure(adapter.writeCallLog(write(call('wa-secret'))));
    expect(error).to.include({ code: 'ADAPTER_WRITE_REFUSED', retryable: false });
    expect(error.details['status']).to.equal(401);
  });

  it('retries a network failure and times out a request that never answers', async () => {
    const { adapter, endpoint } = webhook({ timeoutMs: 100 });
    await adapter.connect(context());
    endpoint.inject({ kind: 'network' });
    expect(await failure(adapter.writeCallLog(write(call('wa-net'))))).to.include({
      code: 'ADAPTER_WRITE_FAILED',
      retryable: true,
    });
    endpoint.inject({ kind: 'hang' });
    const started = Date.now();
    const timeout = await failure(adapter.writeCallLog(write(call('wa-hang'))));
    expect(timeout).to.include({ code: 'ADAPTER_TIMEOUT', retryable: true });
    expect(Date.now() - started).to.be.lessThan(1000);
  });

  it('does not follow redirects with a signed body, and does not retry them', async () => {
    const { adapter, endpoint } = webhook();
    await adapter.connect(context());
    endpoint.inject({ kind: 'redirect' });
    const error = await failure(adapter.writeCallLog(write(call('wa-redirect'))));
    expect(error).to.include({ code: 'ADAPTER_WRITE_REFUSED', retryable: false });
    expect(error.message).to.contain('redirected');
  });

  it('aborts an in-flight request when the bridge goes away', async () => {
    const { adapter, endpoint } = webhook({ timeoutMs: 60_000 });
    const disposed = new AbortController();
    await adapter.connect(context(recordingLogger(), disposed.signal));
    endpoint.inject({ kind: 'hang' });
    const pending = failure(adapter.writeCallLog(write(call('wa-abort'))));
    disposed.abort();
    expect(await pending).to.include({ code: 'ADAPTER_WRITE_FAILED', retryable: true });
  });

  it('logs one exact record through a bridge, with notes after the end, and never logs the secret', async () => {
    const { adapter, endpoint } = webhook();
    const logger = recordingLogger();
    const bridge = createBridge({
      adapter,
      store: createMemoryStore(),
      logger,
      retry: { baseDelayMs: 1, maxDelayMs: 2 },
    });
    await bridge.load(() => {});
    const ids = { partnerId: 'p', conversationId: 'wa-bridge' };
    endpoint.inject({ kind: 'lost-reply' });
    await bridge.incomingCall({ ...ids, callerANI: '+15557654321' });
    await bridge.callEnded({ ...ids, duration: 30, notes: 'first' });
    await bridge.callNotesSubmitted({ ...ids, notes: 'card ending 4242' });
    for (let i = 0; i < 20 && (await bridge.status()).outbox.pending > 0; i += 1) {
      await new Promise((resolve) => setTimeout(resolve, 5));
      await bridge.flush();
    }
    expect(endpoint.records.size).to.equal(1);
    expect(endpoint.records.get('wa-bridge:callLog')?.payload.call['notes']).to.equal('card ending 4242');
    await bridge.dispose();
    for (const line of logger.lines)
      expect(line).not.to.contain(SECRET).and.not.to.contain(URL_).and.not.to.contain('4242');
  });
});
