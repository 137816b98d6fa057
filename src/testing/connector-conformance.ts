import { expect } from '@esm-bundle/chai';
import type { FakeAdapter, FakeCrm } from '../../adapters/fake/index.js';
import type { ContractTarget, SoftphoneConnector } from '../contract/index.js';
import type { Bridge } from '../core/bridge.js';
import {
  bridgeWithFakeCrm,
  connectorContext,
  manualClock,
  recordingLogger,
  settle,
  tick,
  type ManualClock,
} from './connector-tools.js';
import { testApi } from './test-api.js';

/**
 * What a vendor's test gives the conformance suite: a connector over a fresh fake of the vendor,
 * and the vendor's side of the calls, as the fake lets a test play them.
 */
export interface ConnectorHarness {
  readonly connector: SoftphoneConnector;
  /** Runs after `connect` (e.g. the SDK's init and login, which the page does after connecting). */
  afterConnect?(): Promise<void>;
  /**
   * Plays one complete call with vendor events: it rings (or, for a dial-out-only vendor, is
   * dialled), is answered, lasts `seconds` (advance `clock`), ends. Resolves with its conversationId.
   */
  playCall(number: string, seconds: number): Promise<string>;
  /** Sends every vendor event of the last call again, as vendors do on reconnects and resends. */
  replayLastCall(): Promise<void>;
  /** The numbers the vendor was asked to dial, in order. */
  dialled(): readonly string[];
  /** The callee answers the last dialled call, which lasts `seconds`, then ends. Resolves with its conversationId. */
  completeDialledCall(seconds: number): Promise<string>;
  /** Sends one malformed vendor payload. */
  sendMalformed(): void;
  /** How many listeners the connector holds with the vendor. */
  listenerCount(): number;
  /** When the vendor has statuses: a mapped softphoneId, the vendor status it sets, and the vendor's status now. */
  readonly presence?: { readonly softphoneId: string; readonly vendorStatus: string; current(): string | undefined };
  /** Credentials the connector was given: never in a log line, a report or a call record. */
  readonly secrets: readonly string[];
}

/**
 * The rules every softphone connector keeps, run through a real bridge (`createBridge` over the
 * fake CRM adapter, memory store). A vendor's test file calls this with its harness factory.
 */
export function runConnectorConformance(
  name: string,
  makeHarness: (clock: ManualClock) => Promise<ConnectorHarness>,
): void {
  const { describe, it, beforeEach, afterEach } = testApi();
  describe(`SoftphoneConnector conformance: ${name}`, () => {
    let harness: ConnectorHarness;
    let clock: ManualClock;
    let logger: ReturnType<typeof recordingLogger>;
    let context: ReturnType<typeof connectorContext>;
    let crm: FakeCrm;
    let adapter: FakeAdapter;
    let bridge: Bridge;

    beforeEach(async () => {
      clock = manualClock();
      logger = recordingLogger();
      context = connectorContext(clock, logger);
      ({ crm, adapter, bridge } = bridgeWithFakeCrm({ logger }));
      harness = await makeHarness(clock);
      await harness.connector.connect(bridge, context);
      await harness.afterConnect?.();
      await settle(harness.connector, bridge);
    });
    afterEach(async () => {
      await harness.connector.disconnect();
      await bridge.dispose();
    });

    it('has a kebab-case name, and a Bridge is a ContractTarget', () => {
      expect(harness.connector.name).to.match(/^[a-z][a-z0-9-]*$/);
      const target: ContractTarget = bridge;
      expect(typeof target.load).to.equal('function');
    });

    it('logs a whole call, played with vendor events, exactly once with its duration', async () => {
      const conversationId = await harness.playCall('+15550100100', 42);
      await settle(harness.connector, bridge);
      const logs = crm.callLogs();
      expect(logs).to.have.length(1);
      expect(logs[0]?.key).to.equal(`${conversationId}:callLog`);
      expect(logs[0]?.call).to.include({ durationSeconds: 42, outcome: 'completed' });
      expect(logs[0]?.call.phoneNumber.replace(/\D/g, '')).to.match(/5550100100$/);
      expect(context.reports).to.deep.equal([]);
    });

    it('changes nothing when the vendor repeats every event of a call', async () => {
      const conversationId = await harness.playCall('+15550100100', 30);
      await settle(harness.connector, bridge);
      const before = await bridge.getCall(conversationId);
      const log = crm.callLogs()[0];
      await harness.replayLastCall();
      await settle(harness.connector, bridge);
      expect((await bridge.getCall(conversationId))?.revision).to.equal(before?.revision);
      expect(crm.callLogs()).to.have.length(1);
      expect(crm.callLogs()[0]?.updates).to.equal(log?.updates);
    });

    it("carries the CRM's start_call to the vendor's dial, and logs that call once", async () => {
      await adapter.clickToDial({ dialTo: '+15550100100' });
      await tick();
      expect(harness.dialled().map((n) => n.replace(/\D/g, ''))).to.deep.equal(['15550100100']);
      const conversationId = await harness.completeDialledCall(17);
      await settle(harness.connector, bridge);
      const logs = crm.callLogs();
      expect(logs).to.have.length(1);
      expect(logs[0]?.key).to.equal(`${conversationId}:callLog`);
      expect(logs[0]?.call).to.include({ direction: 'outbound', durationSeconds: 17 });
    });

    it("carries the CRM's update_presence to the vendor's status, without echoing it back", async function () {
      const presence = harness.presence;
      // mocha can mark the test skipped; other runners just pass it (the vendor has no statuses).
      if (presence === undefined) return this?.skip?.();
      await adapter.changePresence(presence.softphoneId);
      await tick();
      await settle(harness.connector, bridge);
      expect(presence.current()).to.equal(presence.vendorStatus);
      expect(crm.presence).to.deep.equal([]);
      expect(context.reports).to.deep.equal([]);
    });

    it('reports a malformed vendor payload clearly, and the next good event still works', async () => {
      harness.sendMalformed();
      await settle(harness.connector, bridge);
      expect(context.reports).to.have.length(1);
      const [report] = context.reports;
      expect(report?.code).to.equal('CONTRACT_PAYLOAD_INVALID');
      expect(report?.details['connector']).to.equal(harness.connector.name);
      expect(report?.message).to.match(new RegExp(`^${harness.connector.name}: `));
      await harness.playCall('+15550100100', 5);
      await settle(harness.connector, bridge);
      expect(crm.callLogs()).to.have.length(1);
    });

    it('removes its vendor listeners on disconnect, and then ignores the vendor', async () => {
      expect(harness.listenerCount()).to.be.greaterThan(0);
      await harness.connector.disconnect();
      expect(harness.listenerCount()).to.equal(0);
      await harness.playCall('+15550100100', 5).catch(() => undefined);
      await settle(harness.connector, bridge);
      expect(crm.callLogs()).to.have.length(0);
    });

    it('never puts a credential in a log line, a report or a call record', async () => {
      await harness.playCall('+15550100100', 3);
      harness.sendMalformed();
      await adapter.clickToDial({ dialTo: '+15550100101' });
      await settle(harness.connector, bridge);
      const records = JSON.stringify(crm.callLogs());
      const reports = JSON.stringify(context.reports.map((r) => [r.message, r.details]));
      expect(logger.lines.length).to.be.greaterThan(0);
      for (const secret of harness.secrets) {
        for (const line of logger.lines) expect(line).not.to.contain(secret);
        expect(reports).not.to.contain(secret);
        expect(records).not.to.contain(secret);
      }
    });
  });
}
