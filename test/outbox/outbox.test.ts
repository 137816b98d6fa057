import { expect } from '@esm-bundle/chai';
import sinon from 'sinon';
import type { CrmWrite, WriteReceipt } from '../../src/contract/crm-write.js';
import { BridgeError } from '../../src/errors/index.js';
import type { BridgeStore } from '../../src/outbox/bridge-store.js';
import { localLock } from '../../src/outbox/local-lock.js';
import { createMemoryStore } from '../../src/outbox/memory-store.js';
import type { OutboxEntry } from '../../src/outbox/outbox-entry.js';
import { Outbox } from '../../src/outbox/outbox.js';
import { resolveRetryPolicy, type RetryPolicy } from '../../src/outbox/retry-policy.js';
import type { Clock } from '../../src/shared/clock.js';
import { silentLogger } from '../../src/shared/logger.js';
import { callLogWrite, callRecord, deferred, presenceWrite } from '../fixtures/outbox-fixtures.js';

const START = 1_700_000_000_000;
const receipt: WriteReceipt = { recordId: 'LOG-1', recordType: 'CallLog' };
const KEY = 'conv-1:callLog';

type Deliver = sinon.SinonStub<[CrmWrite], Promise<WriteReceipt>>;

/** The outbox's clock, driven by sinon's fake timers. */
function clockOf(timers: sinon.SinonFakeTimers): Clock {
  return {
    now: () => timers.now,
    setTimeout: (callback, ms) => timers.setTimeout(callback, ms),
    clearTimeout: (handle) => timers.clearTimeout(handle as ReturnType<typeof timers.setTimeout>),
  };
}

describe('Outbox', () => {
  let timers: sinon.SinonFakeTimers;
  let store: BridgeStore;
  let deliver: Deliver;
  let listener: { written: sinon.SinonSpy; failed: sinon.SinonSpy; deadLettered: sinon.SinonSpy };
  let online: EventTarget;
  const outboxes: Outbox[] = [];

  /** An outbox over the shared memory store; random() = 0, so the first retry comes after 500 ms. */
  function createOutbox(retry: Partial<RetryPolicy> = {}, lock = localLock()): Outbox {
    const outbox = new Outbox({
      store,
      lock,
      clock: clockOf(timers),
      random: () => 0,
      logger: silentLogger,
      retry: resolveRetryPolicy(retry),
      deliver,
      listener,
      onlineTarget: online,
      presenceMaxAgeMs: 60_000,
      sweepIntervalMs: 30_000,
    });
    outboxes.push(outbox);
    return outbox;
  }

  /** Starts the outbox and waits for its first round to finish. */
  async function started(outbox: Outbox): Promise<Outbox> {
    outbox.start();
    await outbox.drain();
    return outbox;
  }

  async function stored(key = KEY): Promise<OutboxEntry | undefined> {
    return (await store.listEntries()).find((entry) => entry.key === key);
  }

  beforeEach(() => {
    timers = sinon.useFakeTimers({ now: START, toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    store = createMemoryStore();
    deliver = sinon.stub<[CrmWrite], Promise<WriteReceipt>>().resolves(receipt);
    listener = { written: sinon.spy(), failed: sinon.spy(), deadLettered: sinon.spy() };
    online = new EventTarget();
  });

  afterEach(() => {
    for (const outbox of outboxes.splice(0)) outbox.stop();
    timers.restore();
    sinon.restore();
  });

  it('delivers a due write once, with no receipt on the first try, and keeps it as sent', async () => {
    await store.enqueue([callLogWrite()], START);
    await started(createOutbox());

    expect(deliver.callCount).to.equal(1);
    expect(deliver.firstCall.args[0]).to.deep.equal({
      kind: 'callLog',
      key: KEY,
      call: callRecord(),
      receipt: undefined,
      attempt: 1,
    });
    expect(await stored()).to.include({ status: 'sent', revision: 1 });
    expect((await stored())?.receipt).to.deep.equal(receipt);
    expect(listener.written.calledOnce).to.equal(true);

    await timers.tickAsync(5 * 30_000);
    expect(deliver.callCount).to.equal(1);
  });

  it('sends nothing before start()', async () => {
    await store.enqueue([callLogWrite()], START);
    const outbox = createOutbox();
    await outbox.drain();
    await timers.tickAsync(60_000);
    expect(deliver.called).to.equal(false);
  });

  it('picks up a write another tab left in the store at the next sweep', async () => {
    await started(createOutbox());
    await store.enqueue([callLogWrite()], timers.now);

    await timers.tickAsync(29_999);
    expect(deliver.called).to.equal(false);
    await timers.tickAsync(1);
    expect(deliver.callCount).to.equal(1);
  });

  it('retries a failed write after the backoff, not before', async () => {
    deliver.onFirstCall().rejects(new Error('network down'));
    await store.enqueue([callLogWrite()], START);
    await started(createOutbox());

    expect(deliver.callCount).to.equal(1);
    expect(listener.failed.calledOnce).to.equal(true);
    const [failedEntry, error] = listener.failed.firstCall.args as [OutboxEntry, BridgeError];
    expect(error).to.be.instanceOf(BridgeError);
    expect(error.code).to.equal('ADAPTER_WRITE_FAILED');
    // The vendor's message may quote customer data: it stays the cause, and the message says what failed.
    expect(error.message).to.equal('The CRM did not take the callLog write.');
    expect((error.cause as Error).message).to.equal('network down');
    expect(failedEntry).to.include({ status: 'pending', attempts: 1, nextAttemptAt: START + 500 });
    expect(failedEntry.lastError).to.include({
      code: 'ADAPTER_WRITE_FAILED',
      message: 'The CRM did not take the callLog write.',
    });

    await timers.tickAsync(499);
    expect(deliver.callCount).to.equal(1);
    await timers.tickAsync(1);
    expect(deliver.callCount).to.equal(2);
    expect(deliver.secondCall.args[0].attempt).to.equal(2);
    expect(await stored()).to.include({ status: 'sent', attempts: 0 });
  });

  it('backs off longer after each failure', async () => {
    deliver.rejects(new Error('down'));
    await store.enqueue([callLogWrite()], START);
    await started(createOutbox());

    const attemptTimes: number[] = [timers.now];
    deliver.callsFake(async () => {
      attemptTimes.push(timers.now);
      throw new Error('down');
    });
    await timers.tickAsync(500 + 1_000 + 2_000 + 4_000);
    expect(attemptTimes.map((t) => t - START)).to.deep.equal([0, 500, 1_500, 3_500, 7_500]);
  });

  it('retries at once when the page comes back online', async () => {
    deliver.onFirstCall().rejects(new Error('offline'));
    await store.enqueue([callLogWrite()], START);
    const outbox = await started(createOutbox());
    expect(deliver.callCount).to.equal(1);

    online.dispatchEvent(new Event('online'));
    await outbox.drain();

    expect(timers.now).to.equal(START);
    expect(deliver.callCount).to.equal(2);
    expect(await stored()).to.include({ status: 'sent' });
  });

  it('dead-letters a write after maxAttempts failures, reports it once and keeps it as dead', async () => {
    deliver.rejects(new Error('CRM down'));
    await store.enqueue([callLogWrite()], START);
    await started(createOutbox({ maxAttempts: 3 }));

    await timers.tickAsync(500);
    await timers.tickAsync(1_000);
    expect(deliver.callCount).to.equal(3);
    expect(listener.failed.callCount).to.equal(2);
    expect(listener.deadLettered.callCount).to.equal(1);
    const [deadEntry, error] = listener.deadLettered.firstCall.args as [OutboxEntry, BridgeError];
    expect(deadEntry).to.include({ key: KEY, status: 'dead', attempts: 3 });
    expect(error.code).to.equal('OUTBOX_DEAD_LETTERED');
    expect(error.details).to.include({ attempts: 3, lastCode: 'ADAPTER_WRITE_FAILED' });

    await timers.tickAsync(10 * 60_000);
    expect(deliver.callCount).to.equal(3);
    expect(listener.deadLettered.callCount).to.equal(1);
    expect(await stored()).to.include({ status: 'dead', attempts: 3 });
  });

  it('dead-letters at once when the adapter says the write will never succeed', async () => {
    deliver.rejects(new BridgeError('ADAPTER_WRITE_FAILED', 'HTTP 400: bad field', { retryable: false }));
    await store.enqueue([callLogWrite()], START);
    await started(createOutbox());

    expect(deliver.callCount).to.equal(1);
    expect(listener.failed.called).to.equal(false);
    expect(listener.deadLettered.calledOnce).to.equal(true);
    expect(await stored()).to.include({ status: 'dead', attempts: 1 });

    await timers.tickAsync(10 * 60_000);
    expect(deliver.callCount).to.equal(1);
  });

  it('sends dead letters again after retryDead()', async () => {
    deliver.onFirstCall().rejects(new BridgeError('ADAPTER_WRITE_REFUSED'));
    await store.enqueue([callLogWrite()], START);
    const outbox = await started(createOutbox());
    expect(await stored()).to.include({ status: 'dead' });

    expect(await outbox.retryDead()).to.equal(1);

    expect(deliver.callCount).to.equal(2);
    expect(deliver.secondCall.args[0].attempt).to.equal(1);
    expect(await stored()).to.include({ status: 'sent' });
    expect(await outbox.retryDead()).to.equal(0);
  });

  it('sends the data queued while a write was in flight afterwards, with the receipt of the first', async () => {
    const inFlight = deferred<WriteReceipt>();
    const sending = deferred<void>();
    deliver.onFirstCall().callsFake(() => {
      sending.resolve();
      return inFlight.promise;
    });
    deliver.onSecondCall().resolves(receipt);
    await store.enqueue([callLogWrite(callRecord({ notes: 'first draft' }))], START);
    const outbox = createOutbox();
    outbox.start();
    await sending.promise;

    await store.enqueue([callLogWrite(callRecord({ notes: 'final notes', revision: 3 }))], timers.now);
    inFlight.resolve(receipt);
    await outbox.drain();

    expect(deliver.callCount).to.equal(2);
    const [firstWrite, secondWrite] = deliver.args.map(([write]) => write as Extract<CrmWrite, { kind: 'callLog' }>);
    expect(firstWrite?.call.notes).to.equal('first draft');
    expect(firstWrite?.receipt).to.equal(undefined);
    expect(secondWrite?.call.notes).to.equal('final notes');
    expect(secondWrite?.receipt).to.deep.equal(receipt);
    expect(await stored()).to.include({ status: 'sent', revision: 2 });
  });

  it('counts a write that never settles as failed after writeTimeoutMs and retries it', async () => {
    const sending = deferred<void>();
    deliver.onFirstCall().callsFake(() => {
      sending.resolve();
      return new Promise<WriteReceipt>(() => {});
    });
    await store.enqueue([callLogWrite()], START);
    createOutbox({ writeTimeoutMs: 5_000 }).start();
    await sending.promise;

    await timers.tickAsync(4_999);
    expect(listener.failed.called).to.equal(false);
    expect(await stored()).to.include({ status: 'pending', attempts: 0 });

    await timers.tickAsync(1);
    expect(listener.failed.calledOnce).to.equal(true);
    const timedOut = listener.failed.firstCall.args[1] as BridgeError;
    expect(timedOut.details).to.deep.equal({ timeoutMs: 5_000 });
    // The outbox's own write timeout is the CRM not answering in time, not a refused write.
    expect(timedOut).to.include({
      code: 'ADAPTER_TIMEOUT',
      retryable: true,
      message: 'The CRM, on the callLog write: no answer within 5000 ms.',
    });
    expect(await stored()).to.include({ status: 'pending', attempts: 1, nextAttemptAt: START + 5_500 });

    await timers.tickAsync(500);
    expect(deliver.callCount).to.equal(2);
    expect(await stored()).to.include({ status: 'sent' });
  });

  it('dead-letters a presence change older than presenceMaxAgeMs instead of sending it', async () => {
    await store.enqueue([presenceWrite('away')], START - 60_001);
    await started(createOutbox());

    expect(deliver.called).to.equal(false);
    expect(listener.deadLettered.calledOnce).to.equal(true);
    const error = listener.deadLettered.firstCall.args[1] as BridgeError;
    expect(error.code).to.equal('OUTBOX_DEAD_LETTERED');
    expect(error.details).to.include({ key: 'presence', reason: 'expired' });
    expect(await stored('presence')).to.include({ status: 'dead' });
  });

  it('gives up a presence change that kept failing for longer than presenceMaxAgeMs', async () => {
    deliver.rejects(new Error('CRM down'));
    await store.enqueue([presenceWrite('away')], START);
    await started(createOutbox());
    expect(listener.failed.callCount).to.equal(1);
    // Each failure touches the entry; the age still counts from when the status was queued.
    await timers.tickAsync(61_000);
    expect(listener.deadLettered.calledOnce).to.equal(true);
    expect((listener.deadLettered.firstCall.args[1] as BridgeError).details).to.include({ reason: 'expired' });
    const attempts = deliver.callCount;
    await timers.tickAsync(120_000);
    expect(deliver.callCount).to.equal(attempts);
  });

  it('sends a presence change that is exactly presenceMaxAgeMs old', async () => {
    await store.enqueue([presenceWrite('away')], START - 60_000);
    await started(createOutbox());

    expect(deliver.callCount).to.equal(1);
    expect(deliver.firstCall.args[0]).to.include({ kind: 'presence', softphoneId: 'away' });
    expect(listener.deadLettered.called).to.equal(false);
  });

  it('leaves expired presence changes out of retryDead()', async () => {
    await store.enqueue([presenceWrite('away')], START - 120_000);
    const outbox = await started(createOutbox());

    expect(await outbox.retryDead()).to.equal(0);
    expect(deliver.called).to.equal(false);
  });

  it('schedules nothing after stop(), ignores online, and keeps the write for the next start', async () => {
    deliver.onFirstCall().rejects(new Error('down'));
    await store.enqueue([callLogWrite()], START);
    const outbox = await started(createOutbox());

    outbox.stop();
    await timers.tickAsync(10 * 60_000);
    online.dispatchEvent(new Event('online'));
    await outbox.drain();
    expect(deliver.callCount).to.equal(1);
    expect(await stored()).to.include({ status: 'pending' });

    await started(outbox);
    expect(deliver.callCount).to.equal(2);
    expect(await stored()).to.include({ status: 'sent' });
  });

  it('delivers a write once when two outboxes share the store and the drain lock', async () => {
    const lock = localLock();
    const sending = deferred<void>();
    const reply = deferred<WriteReceipt>();
    deliver.onFirstCall().callsFake(() => {
      sending.resolve();
      return reply.promise;
    });
    await store.enqueue([callLogWrite()], START);
    const first = createOutbox({}, lock);
    const second = createOutbox({}, lock);
    first.start();
    await sending.promise;
    second.start();
    const secondRound = second.drain();
    reply.resolve(receipt);
    await Promise.all([first.drain(), secondRound]);

    expect(deliver.callCount).to.equal(1);
    expect(await stored()).to.include({ status: 'sent' });
  });

  it('runs another round for a drain() requested while the previous round is scheduling its timer', async () => {
    const outbox = createOutbox();
    // Hold the read the first round makes after its work (to schedule the next timer).
    const scheduling = deferred<void>();
    const release = deferred<void>();
    const list = store.listEntries.bind(store);
    let reads = 0;
    sinon.stub(store, 'listEntries').callsFake(async (status) => {
      const entries = await list(status);
      reads += 1;
      if (reads === 2) {
        scheduling.resolve();
        await release.promise;
      }
      return entries;
    });
    outbox.start();
    await scheduling.promise;

    await store.enqueue([callLogWrite()], START);
    const flushed = outbox.drain();
    release.resolve();
    await flushed;

    expect(deliver.callCount).to.equal(1);
    expect(await stored()).to.include({ status: 'sent' });
  });

  it('reports stats by status', async () => {
    deliver.withArgs(sinon.match({ key: 'presence' })).rejects(new BridgeError('ADAPTER_WRITE_REFUSED'));
    await store.enqueue(
      [callLogWrite(), callLogWrite(callRecord({ conversationId: 'conv-2' })), presenceWrite()],
      START,
    );
    const outbox = createOutbox();
    expect(await outbox.stats()).to.deep.equal({ pending: 3, sent: 0, dead: 0 });
    await started(outbox);
    expect(await outbox.stats()).to.deep.equal({ pending: 0, sent: 2, dead: 1 });
  });
});
