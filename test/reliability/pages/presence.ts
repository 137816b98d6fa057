import './shared/probe.js';
import { FakeCrm, fakeAdapter } from '../../../adapters/fake/index.js';
import type { PresenceWrite } from '../../../src/contract/index.js';
import { createBridge } from '../../../src/core/create-bridge.js';
import { createMemoryStore } from '../../../src/outbox/memory-store.js';
import { silentLogger } from '../../../src/shared/logger.js';
import { seeded, sleep } from './shared/random.js';

/**
 * Presence in both directions (reliability.md T15). Both sides echo what they are told, as the
 * real ones do: the softphone reports back (`statusChanged`) a status the CRM set through
 * `update_presence`, and the CRM reports back (`changePresence`) a status the bridge wrote. On
 * top, the agent changes status on either side at random moments. Every echo and change comes
 * after a random delay. Counts what crossed the bridge in each direction.
 */

const STATUSES = ['available', 'busy', 'away', 'lunch'] as const;

export interface PresenceReport {
  genuineSoftphone: number;
  genuineCrm: number;
  /** Presence writes to the CRM (`setPresence`), and `update_presence` callbacks to the softphone. */
  writes: number;
  updates: number;
  echoes: { softphone: number; crm: number };
  /** Counts again after a further quiet period: any change means the sides kept talking. */
  afterQuiet: { writes: number; updates: number };
  final: { softphone: string | null; crm: string | null };
  /** What happened, in order (ms since start): for failure reports. */
  trace: string[];
}

async function runPresence({
  seed,
  changes,
  maxDelayMs,
  spaced,
  quietMs,
}: {
  seed: number;
  changes: number;
  maxDelayMs: number;
  spaced: boolean;
  quietMs: number;
}): Promise<PresenceReport> {
  // Two generators: the agent's choices stay the same from run to run, whatever the timing of the echoes.
  const random = seeded(seed);
  const delays = seeded(seed ^ 0x5bd1e995);
  const crm = new FakeCrm();
  const inner = fakeAdapter(crm);
  const report: PresenceReport = {
    genuineSoftphone: 0,
    genuineCrm: 0,
    writes: 0,
    updates: 0,
    echoes: { softphone: 0, crm: 0 },
    afterQuiet: { writes: 0, updates: 0 },
    final: { softphone: null, crm: null },
    trace: [],
  };
  const started = performance.now();
  const trace = (line: string): void => {
    report.trace.push(`${Math.round(performance.now() - started)} ${line}`);
  };
  let crmStatus: string | null = null;
  let softphoneStatus: string | null = null;
  const adapter = {
    ...inner,
    async setPresence(write: PresenceWrite) {
      report.writes += 1;
      crmStatus = write.softphoneId;
      trace(`bridge → CRM setPresence ${write.softphoneId}`);
      const receipt = await (inner.setPresence as NonNullable<typeof inner.setPresence>)(write);
      // The CRM announces its new status, as Omni-Channel does after a status change.
      const echoed = write.softphoneId;
      setTimeout(
        () => {
          report.echoes.crm += 1;
          trace(`CRM echoes ${echoed}`);
          void inner.changePresence(echoed).catch(() => undefined);
        },
        delays.int(0, maxDelayMs),
      );
      return receipt;
    },
  };
  const bridge = createBridge({
    adapter,
    store: createMemoryStore(),
    logger: silentLogger,
    retry: { baseDelayMs: 5, maxDelayMs: 50 },
  });
  await bridge.load((type, payload) => {
    if (type !== 'update_presence') return;
    report.updates += 1;
    const id = (payload as { softphoneId: string }).softphoneId;
    softphoneStatus = id;
    trace(`bridge → softphone update_presence ${id}`);
    // The softphone applies the status and reports it, as its own status change.
    setTimeout(
      () => {
        report.echoes.softphone += 1;
        trace(`softphone echoes ${id}`);
        void bridge.statusChanged({ softphoneId: id }).catch(() => undefined);
      },
      delays.int(0, maxDelayMs),
    );
  });
  // Nothing crossed the bridge for a while: every write, callback and echo has landed.
  const activity = () => report.writes + report.updates + report.echoes.crm + report.echoes.softphone;
  const settle = async (): Promise<void> => {
    let last = -1;
    for (let i = 0; i < 100 && last !== activity(); i += 1) {
      last = activity();
      await sleep(3 * maxDelayMs + 50);
    }
  };
  for (let i = 0; i < changes; i += 1) {
    if (random.chance(0.5)) {
      // From all statuses, the current one included (a softphone may repeat itself): the picks do not depend on timing.
      const next = random.pick(STATUSES);
      softphoneStatus = next;
      report.genuineSoftphone += 1;
      trace(`agent picks ${next} on the softphone`);
      void bridge.statusChanged({ softphoneId: next }).catch(() => undefined);
    } else {
      const next = random.pick(STATUSES);
      crmStatus = next;
      report.genuineCrm += 1;
      trace(`agent picks ${next} in the CRM`);
      void inner.changePresence(next).catch(() => undefined);
    }
    // Spaced: each change settles (echoes included) before the next one.
    if (spaced) await settle();
    else await sleep(random.int(0, maxDelayMs));
  }
  // Quiet until nothing moves, then count again after another quiet period.
  await settle();
  const settled = { writes: report.writes, updates: report.updates };
  await sleep(quietMs);
  report.afterQuiet = { writes: report.writes - settled.writes, updates: report.updates - settled.updates };
  report.writes = settled.writes;
  report.updates = settled.updates;
  report.final = { softphone: softphoneStatus, crm: crmStatus };
  await bridge.dispose();
  return report;
}

/**
 * The agent clicks through three statuses on the softphone while the CRM is still taking the
 * first: the outbox keeps only the newest pending presence write, so the middle status never
 * reaches the CRM (and is never echoed). A moment later the agent picks that middle status in
 * the CRM: the softphone must be told (`update_presence`).
 */
async function runCoalesced({
  writeMs,
}: {
  writeMs: number;
}): Promise<{ crmWrites: string[]; toSoftphone: string[]; final: { softphone: string | null; crm: string | null } }> {
  const crm = new FakeCrm();
  const inner = fakeAdapter(crm);
  const crmWrites: string[] = [];
  const toSoftphone: string[] = [];
  let crmStatus: string | null = null;
  let softphoneStatus: string | null = null;
  let firstWriteStarted: () => void = () => {};
  const writing = new Promise<void>((resolve) => (firstWriteStarted = resolve));
  const adapter = {
    ...inner,
    async setPresence(write: PresenceWrite) {
      firstWriteStarted();
      await sleep(writeMs);
      crmWrites.push(write.softphoneId);
      crmStatus = write.softphoneId;
      const receipt = await (inner.setPresence as NonNullable<typeof inner.setPresence>)(write);
      setTimeout(() => void inner.changePresence(write.softphoneId).catch(() => undefined), 5); // the CRM's echo
      return receipt;
    },
  };
  const bridge = createBridge({ adapter, store: createMemoryStore(), logger: silentLogger });
  await bridge.load((type, payload) => {
    if (type !== 'update_presence') return;
    const id = (payload as { softphoneId: string }).softphoneId;
    toSoftphone.push(id);
    softphoneStatus = id;
    setTimeout(() => void bridge.statusChanged({ softphoneId: id }).catch(() => undefined), 5); // the softphone's echo
  });
  softphoneStatus = 'available';
  await bridge.statusChanged({ softphoneId: 'available' });
  // While the CRM takes "available", two more clicks: "busy" replaces "away" in the outbox.
  await writing;
  for (const status of ['away', 'busy']) {
    softphoneStatus = status;
    await bridge.statusChanged({ softphoneId: status });
  }
  await sleep(3 * writeMs + 100);
  // The agent picks the middle status in the CRM, well within the echo window (10 s).
  crmStatus = 'away';
  await inner.changePresence('away');
  await sleep(200);
  await bridge.dispose();
  return { crmWrites, toSoftphone, final: { softphone: softphoneStatus, crm: crmStatus } };
}

(window as unknown as { relPresence: typeof runPresence }).relPresence = runPresence;
(window as unknown as { relPresenceCoalesced: typeof runCoalesced }).relPresenceCoalesced = runCoalesced;
