// Tools for connector tests: a manual clock, a recording logger and context, and a real bridge over
// the fake CRM. Part of `softphone-bridge/testing`; the connector conformance suite runs on them.
import { FakeCrm, fakeAdapter, type FakeAdapter } from '../../adapters/fake/index.js';
import type { BridgeError, Clock, ConnectorContext, Logger, PartnerConfigEvent } from '../contract/index.js';
import { type Bridge } from '../core/bridge.js';
import { createBridge } from '../core/create-bridge.js';
import { createMemoryStore } from '../outbox/memory-store.js';

/** A clock that moves only when told; its timers fire as it passes them. */
export interface ManualClock extends Clock {
  advance(ms: number): void;
}

/** A {@link ManualClock} starting at `start` (epoch ms). */
export function manualClock(start = Date.UTC(2024, 0, 30, 9, 0, 0)): ManualClock {
  let now = start;
  let timers: { at: number; run: () => void; id: number }[] = [];
  let nextId = 1;
  return {
    now: () => now,
    setTimeout(run, ms) {
      const id = nextId++;
      timers.push({ at: now + ms, run, id });
      return id;
    },
    clearTimeout(handle) {
      timers = timers.filter((t) => t.id !== handle);
    },
    advance(ms) {
      now += ms;
      const due = timers.filter((t) => t.at <= now).sort((a, b) => a.at - b.at);
      timers = timers.filter((t) => t.at > now);
      for (const timer of due) timer.run();
    },
  };
}

/** A logger that keeps every line (message and fields), to check what is never logged. */
export function recordingLogger(): Logger & { readonly lines: string[] } {
  const lines: string[] = [];
  const write = (message: string, fields?: unknown) => void lines.push(`${message} ${JSON.stringify(fields ?? {})}`);
  return { lines, debug: write, info: write, warn: write, error: write };
}

/** A connector context whose reports are kept. */
export function connectorContext(
  clock: Clock,
  logger: Logger = recordingLogger(),
): ConnectorContext & { readonly reports: BridgeError[] } {
  const reports: BridgeError[] = [];
  return { logger, clock, reports, report: (error) => void reports.push(error) };
}

/** The partner configuration the fake CRM sends as `partner_config`. */
export const PARTNER: PartnerConfigEvent = {
  partnerId: 'partner-1',
  businessSegmentId: 'segment-1',
  channelOriginId: 'origin-1',
};

/** A real bridge over the fake CRM, in memory. */
export function bridgeWithFakeCrm(options: { logger?: Logger; partnerConfig?: PartnerConfigEvent | undefined } = {}): {
  crm: FakeCrm;
  adapter: FakeAdapter;
  bridge: Bridge;
} {
  const crm = new FakeCrm({
    dispositions: ['resolved'],
    ...('partnerConfig' in options
      ? options.partnerConfig === undefined
        ? {}
        : { partnerConfig: options.partnerConfig }
      : { partnerConfig: PARTNER }),
    contacts: [{ id: '003A', name: 'Ada Lovelace', phone: '+15550100100' }],
  });
  const adapter = fakeAdapter(crm);
  const bridge = createBridge({ adapter, store: createMemoryStore(), logger: options.logger ?? silent });
  return { crm, adapter, bridge };
}

const silent: Logger = { debug() {}, info() {}, warn() {}, error() {} };

/** Lets queued microtasks (fake SDK callbacks) run. */
export function tick(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/** Waits until the connector's contract calls are applied and the outbox has written them. */
export async function settle(connector: { settled(): Promise<void> }, bridge: Bridge): Promise<void> {
  await tick();
  await connector.settled();
  await bridge.flush();
}
