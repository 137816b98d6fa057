import type { FakeCrm } from '../adapters/fake/index.js';
import type { Bridge } from '../src/index.js';
import type { BridgePanel } from './bridge-panel.js';
import type { SimulatedSoftphone } from './softphone.js';

/**
 * `?scenario=inbound` plays one call by itself, for the README screenshot:
 *
 *   /usr/bin/chromium --headless=new … --virtual-time-budget=8000 --screenshot=docs/demo.png 'http://127.0.0.1:<port>/?scenario=inbound'
 *
 * Headless Chromium's virtual time fires timers at once and takes the screenshot when the budget
 * is spent, without waiting for IndexedDB or Web Locks, which the bridge works with. A same-origin
 * fetch in flight does pause virtual time, so while the scenario waits for the bridge it keeps one
 * small request in flight. In an ordinary browser that only costs a few requests for the favicon.
 */

const MAX_TICKS = 500;

/** One round-trip to the demo server (or, if that fails, a short real wait). */
async function tick(): Promise<void> {
  try {
    const response = await fetch('/favicon.svg', { cache: 'no-store' });
    await response.arrayBuffer();
  } catch {
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Waits for `work` while keeping virtual time paused (see above). */
export async function realTime<T>(work: Promise<T>): Promise<T> {
  let settled = false;
  const done = work.finally(() => {
    settled = true;
  });
  for (let i = 0; i < MAX_TICKS && !settled; i += 1) await tick();
  return done;
}

async function until(condition: () => boolean | Promise<boolean>): Promise<void> {
  for (let i = 0; i < MAX_TICKS; i += 1) {
    if (await realTime(Promise.resolve(condition()))) return;
    await tick();
  }
}

const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** One inbound call from the first contact: it rings, is accepted, gets notes, ends after ~2 s. */
export async function inboundScenario(softphone: SimulatedSoftphone, bridge: Bridge, crm: FakeCrm, panel: BridgePanel): Promise<void> {
  softphone.chooseCaller(0);
  await realTime(softphone.incoming());
  await until(() => crm.pops.length > 0);
  await pause(1200);
  await realTime(softphone.accept());
  await pause(700);
  softphone.fillWrapUp('resolved', 'Moved her booking to Friday; confirmation emailed.');
  await realTime(softphone.submitNotes());
  await pause(1400);
  await realTime(softphone.hangUp());
  await until(() => crm.callLogs().length > 0);
  await until(async () => (await bridge.status()).outbox.pending === 0);
  await realTime(panel.refresh());
}
