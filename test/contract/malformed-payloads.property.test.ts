import { expect } from '@esm-bundle/chai';
import fc from 'fast-check';
import { fakeAdapter, FakeCrm } from '../../adapters/fake/index.js';
import { createBridge } from '../../src/core/create-bridge.js';
import { BridgeError, isBridgeErrorCode } from '../../src/errors/index.js';
import { createMemoryStore } from '../../src/outbox/memory-store.js';
import type { Logger } from '../../src/shared/logger.js';

const METHODS = [
  'load',
  'incomingCall',
  'callAccepted',
  'callRejected',
  'callEnded',
  'callNotesSubmitted',
  'outboundCallInitiated',
  'statusChanged',
] as const;
type Method = (typeof METHODS)[number];

const REQUIRED: Record<Exclude<Method, 'load'>, Record<string, unknown>> = {
  incomingCall: { partnerId: 'p', conversationId: 'c', callerANI: '+15550100' },
  callAccepted: { partnerId: 'p', conversationId: 'c' },
  callRejected: { partnerId: 'p', conversationId: 'c', reason: 'active' },
  callEnded: { partnerId: 'p', conversationId: 'c', duration: 3 },
  callNotesSubmitted: { partnerId: 'p', conversationId: 'c' },
  outboundCallInitiated: { partnerId: 'p', conversationId: 'c', dialledTo: '+15550100' },
  statusChanged: { softphoneId: 's' },
};

/** A marker that must never show up in an error message or a log line. */
const SECRET = 'SECRET-7d1e';

/** Values that are wrong for every field of the contract. */
const wrongValue = fc.oneof(
  fc.constant(null),
  fc.constant(undefined),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant({ [SECRET]: SECRET }),
  fc.array(fc.string(), { maxLength: 3 }),
  fc.constant(Number.NaN),
);

/** An otherwise valid payload with one required field removed or given a wrong value. */
function brokenPayload(method: Exclude<Method, 'load'>) {
  const fields = Object.keys(REQUIRED[method]);
  return fc
    .record({ field: fc.constantFrom(...fields), value: wrongValue, remove: fc.boolean(), asJson: fc.boolean() })
    .map(({ field, value, remove, asJson }) => {
      const payload: Record<string, unknown> = { ...REQUIRED[method], note: SECRET };
      if (remove) delete payload[field];
      else payload[field] = value;
      return asJson ? [JSON.stringify(payload)] : [payload];
    });
}

/** Arguments that are wrong in shape: nothing, junk, broken JSON, too many, a prototype trap. */
const junkArguments = fc.oneof(
  fc
    .array(fc.anything(), { maxLength: 6 })
    .filter((args) => args.length !== 1 || typeof args[0] !== 'object' || args[0] === null || Array.isArray(args[0])),
  fc.string().map((s) => [`{"x":"${SECRET}${s}`]),
  fc.constant([JSON.parse(`{"__proto__":{"polluted":"${SECRET}"}}`) as unknown]),
  fc.constant([Object.create(null) as unknown]),
  fc.constant(['x'.repeat(300_000)]),
);

const call: fc.Arbitrary<[Method, unknown[]]> = fc
  .constantFrom(...METHODS)
  .chain((method): fc.Arbitrary<[Method, unknown[]]> =>
    method === 'load'
      ? fc.tuple(
          fc.constant<Method>(method),
          fc.oneof(fc.constant<unknown[]>([`no.such.${SECRET}`]), fc.array(fc.anything(), { maxLength: 2 })),
        )
      : fc.tuple(
          fc.constant<Method>(method),
          fc.oneof(brokenPayload(method) as fc.Arbitrary<unknown[]>, junkArguments as fc.Arbitrary<unknown[]>),
        ),
  );

describe('contract methods under 10,000 malformed payloads', () => {
  it('never throw synchronously and reject only with catalogued BridgeErrors that echo nothing', async function () {
    this.timeout(120_000);
    const lines: string[] = [];
    const record = (message: string, fields?: unknown) => lines.push(`${message} ${JSON.stringify(fields ?? {})}`);
    const logger: Logger = { debug: record, info: record, warn: record, error: record };
    const bridge = createBridge({ adapter: fakeAdapter(new FakeCrm()), store: createMemoryStore(), logger });
    let unhandled = 0;
    const onUnhandled = (event: PromiseRejectionEvent) => {
      unhandled += 1;
      event.preventDefault();
    };
    window.addEventListener('unhandledrejection', onUnhandled);

    const samples = fc.sample(call, { numRuns: 10_000, seed: 20261121 });
    let rejected = 0;
    const pending: Promise<void>[] = [];
    for (const [method, args] of samples) {
      let result: unknown;
      try {
        result = (bridge[method] as (...a: unknown[]) => unknown)(...(args as unknown[]));
      } catch (error) {
        expect.fail(`${method} threw synchronously: ${String(error)}`);
      }
      expect(result, method).to.be.instanceOf(Promise);
      pending.push(
        (result as Promise<unknown>).then(
          () => undefined,
          (error: unknown) => {
            rejected += 1;
            expect(error, method).to.be.instanceOf(BridgeError);
            expect(isBridgeErrorCode((error as BridgeError).code)).to.equal(true);
            expect((error as BridgeError).message).not.to.contain(SECRET);
            expect(JSON.stringify(error)).not.to.contain(SECRET);
          },
        ),
      );
    }
    await Promise.all(pending);
    // A good event after the storm is still processed.
    const good = await bridge.incomingCall({ partnerId: 'p', conversationId: 'after-storm', callerANI: '+15550100' });
    expect(good.state).to.equal('ringing');
    await new Promise((resolve) => setTimeout(resolve, 50));
    window.removeEventListener('unhandledrejection', onUnhandled);
    await bridge.dispose();

    expect(samples).to.have.length(10_000);
    expect(rejected).to.be.greaterThan(9_000);
    expect(unhandled).to.equal(0);
    expect(({} as Record<string, unknown>)['polluted']).to.equal(undefined);
    for (const line of lines) expect(line).not.to.contain(SECRET);
  });
});
