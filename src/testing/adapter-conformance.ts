import { expect } from '@esm-bundle/chai';
import {
  BridgeError,
  DispositionEvent,
  PartnerConfigEvent,
  capabilitiesOf,
  type AdapterContext,
  type CallLogWrite,
  type CallRecord,
  type CrmAdapter,
} from '../contract/index.js';
import { createBridge } from '../core/create-bridge.js';
import { createMemoryStore } from '../outbox/memory-store.js';
import type { Logger } from '../shared/logger.js';
import { testApi } from './test-api.js';

/**
 * What a CRM's test gives the conformance suite: a fresh adapter over a fresh fake of that CRM,
 * and a way to look into the fake as the CRM's database.
 */
export interface AdapterHarness {
  readonly adapter: CrmAdapter;
  /** The call logs the CRM holds for an idempotency key: their count and the stored fields. */
  callLogsFor(key: string): Promise<
    readonly {
      readonly notes?: string | undefined;
      readonly durationSeconds?: number | undefined;
      readonly disposition?: string | undefined;
    }[]
  >;
  /** Makes the CRM's next write fail before anything is committed. */
  failNextWrite(): void;
  /** Makes the CRM's next write commit and then lose its reply. */
  loseNextReply(): void;
  /** Tears the fake down. */
  dispose?(): Promise<void>;
}

/** A spying logger that remembers every line, to check that no customer data is logged. */
function recordingLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  const write = (message: string, fields?: unknown) => lines.push(`${message} ${JSON.stringify(fields ?? {})}`);
  return { lines, debug: write, info: write, warn: write, error: write };
}

function context(logger: Logger): AdapterContext {
  return {
    logger,
    clock: {
      now: () => Date.now(),
      setTimeout: (f, ms) => setTimeout(f, ms),
      clearTimeout: (h) => clearTimeout(h as number),
    },
    signal: new AbortController().signal,
    requestCall: async () => {},
    updatePresence: async () => {},
    updateConfig: async () => {},
    linkRecord: async () => {},
    refuse: () => {},
  };
}

const PHONE = '+15557654321';
const NOTES = 'Customer shared card ending 4242; call back Tuesday.';

function record(conversationId: string, overrides: Partial<CallRecord> = {}): CallRecord {
  return {
    conversationId,
    partnerId: 'partner-1',
    direction: 'inbound',
    state: 'ended',
    phoneNumber: PHONE,
    language: 'en_US',
    ivr: { ivrExitPath: 'billing' },
    disposition: 'resolved',
    notes: NOTES,
    durationSeconds: 61,
    outcome: 'completed',
    startedAt: Date.now() - 61_000,
    acceptedAt: Date.now() - 60_000,
    endedAt: Date.now(),
    updatedAt: Date.now(),
    revision: 3,
    extra: {},
    ...overrides,
  };
}

function write(call: CallRecord, receipt?: CallLogWrite['receipt'], attempt = 1): CallLogWrite {
  return { kind: 'callLog', key: `${call.conversationId}:callLog`, call, receipt, attempt };
}

/**
 * The rules every CRM adapter must keep, run against each adapter with a fake of its CRM.
 * A CRM's own test file calls this with its harness factory, under mocha, jest, vitest (globals)
 * or @web/test-runner. Assertions are chai's (bundled): a failure throws an AssertionError.
 */
export function runAdapterConformance(name: string, makeHarness: () => Promise<AdapterHarness>): void {
  const { describe, it, beforeEach, afterEach } = testApi();
  describe(`CrmAdapter conformance: ${name}`, () => {
    let harness: AdapterHarness;
    let logger: ReturnType<typeof recordingLogger>;

    beforeEach(async () => {
      harness = await makeHarness();
      logger = recordingLogger();
    });
    afterEach(async () => {
      await harness.adapter.disconnect().catch(() => undefined);
      await harness.dispose?.();
    });

    it('has a kebab-case name', () => {
      expect(harness.adapter.name).to.match(/^[a-z][a-z0-9-]*$/);
    });

    it('connects with a configuration the contract accepts', async () => {
      const config = await harness.adapter.connect(context(logger));
      if (config.dispositions !== undefined)
        expect(DispositionEvent.safeParse(config.dispositions).success).to.equal(true);
      if (config.partnerConfig !== undefined)
        expect(PartnerConfigEvent.safeParse(config.partnerConfig).success).to.equal(true);
    });

    it('creates one record per key and returns its id', async () => {
      await harness.adapter.connect(context(logger));
      const receipt = await harness.adapter.writeCallLog(write(record('conf-1')));
      expect(receipt.recordId).to.be.a('string').and.not.equal('');
      const logs = await harness.callLogsFor('conf-1:callLog');
      expect(logs).to.have.length(1);
      expect(logs[0]).to.include({ notes: NOTES, durationSeconds: 61, disposition: 'resolved' });
    });

    it('updates the same record when handed its receipt', async () => {
      await harness.adapter.connect(context(logger));
      const first = await harness.adapter.writeCallLog(write(record('conf-2')));
      const second = await harness.adapter.writeCallLog(
        write(record('conf-2', { notes: 'Updated notes', revision: 4 }), first),
      );
      expect(second.recordId).to.equal(first.recordId);
      const logs = await harness.callLogsFor('conf-2:callLog');
      expect(logs).to.have.length(1);
      expect(logs[0]?.notes).to.equal('Updated notes');
    });

    it('does not create a second record when a retry comes without a receipt (reply lost)', async () => {
      await harness.adapter.connect(context(logger));
      harness.loseNextReply();
      const lost = await harness.adapter.writeCallLog(write(record('conf-3'))).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(lost).to.be.instanceOf(BridgeError);
      await harness.adapter.writeCallLog(write(record('conf-3'), undefined, 2));
      expect(await harness.callLogsFor('conf-3:callLog')).to.have.length(1);
    });

    it('keeps conversations apart', async () => {
      await harness.adapter.connect(context(logger));
      await harness.adapter.writeCallLog(write(record('conf-4a')));
      await harness.adapter.writeCallLog(write(record('conf-4b')));
      expect(await harness.callLogsFor('conf-4a:callLog')).to.have.length(1);
      expect(await harness.callLogsFor('conf-4b:callLog')).to.have.length(1);
    });

    it('throws BridgeErrors, retryable when the CRM may recover', async () => {
      await harness.adapter.connect(context(logger));
      harness.failNextWrite();
      const error = await harness.adapter.writeCallLog(write(record('conf-5'))).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).to.be.instanceOf(BridgeError);
      expect((error as BridgeError).retryable).to.equal(true);
      expect(await harness.callLogsFor('conf-5:callLog')).to.have.length(0);
    });

    it('offers only capabilities it implements, and screen pops unknown numbers without throwing', async () => {
      await harness.adapter.connect(context(logger));
      const capabilities = capabilitiesOf(harness.adapter);
      if (capabilities.screenPop) {
        const result = await harness.adapter.screenPop!({
          conversationId: 'conf-6',
          direction: 'inbound',
          phoneNumber: '+19999999999',
        });
        expect(result.record).to.equal(undefined);
      }
      expect(Object.values(capabilities).every((v) => typeof v === 'boolean')).to.equal(true);
    });

    /** A whole bridge over the adapter, in memory, retrying at once, loaded by a softphone that ignores callbacks. */
    const loadedBridge = async () => {
      const bridge = createBridge({
        adapter: harness.adapter,
        store: createMemoryStore(),
        logger,
        retry: { baseDelayMs: 1, maxDelayMs: 2 },
      });
      await bridge.load(() => {});
      return bridge;
    };

    it('logs exactly one record through a whole bridge, whatever the faults', async () => {
      const bridge = await loadedBridge();
      harness.failNextWrite();
      const ids = { partnerId: 'partner-1', conversationId: 'conf-7' };
      await bridge.incomingCall({ ...ids, callerANI: PHONE });
      await bridge.callAccepted({ ...ids });
      harness.loseNextReply();
      await bridge.callEnded({ ...ids, duration: 42, notes: NOTES, disposition: 'resolved' });
      for (let i = 0; i < 20 && (await bridge.status()).outbox.pending > 0; i += 1) {
        await new Promise((resolve) => setTimeout(resolve, 5));
        await bridge.flush();
      }
      expect((await bridge.status()).outbox).to.include({ pending: 0, dead: 0 });
      const logs = await harness.callLogsFor('conf-7:callLog');
      expect(logs).to.have.length(1);
      expect(logs[0]).to.include({ notes: NOTES, durationSeconds: 42 });
      await bridge.dispose();
    });

    it('logs no phone numbers or notes', async () => {
      const bridge = await loadedBridge();
      harness.failNextWrite();
      await bridge.callEnded({ partnerId: 'p', conversationId: 'conf-8', duration: 1, notes: NOTES });
      await bridge
        .callEnded({ partnerId: 'p', conversationId: 'conf-8', duration: 'bad' } as never)
        .catch(() => undefined);
      await bridge.incomingCall({ partnerId: 'p', conversationId: 'conf-9', callerANI: PHONE });
      await new Promise((resolve) => setTimeout(resolve, 10));
      await bridge.flush();
      await bridge.dispose();
      expect(logger.lines.length).to.be.greaterThan(0);
      for (const line of logger.lines) {
        expect(line).not.to.contain('5557654321');
        expect(line).not.to.contain('4242');
      }
    });
  });
}
