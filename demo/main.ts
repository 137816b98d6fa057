/**
 * The demo page: a simulated softphone (left) runs calls through the bridge; the fake CRM
 * (right) shows the screen pops, presence and the one call log per call that the bridge wrote.
 *
 * `?scenario=inbound` plays one inbound call by itself (used for the README screenshot).
 */
import { FakeCrm, fakeAdapter } from '../adapters/fake/index.js';
import { createBridge, type Bridge } from '../src/index.js';
import { BridgePanel } from './bridge-panel.js';
import { CrmView } from './crm-view.js';
import { CONTACTS, DISPOSITIONS, PARTNER_CONFIG } from './fixtures.js';
import { inboundScenario, realTime } from './scenario.js';
import { SimulatedSoftphone } from './softphone.js';

declare global {
  interface Window {
    /** Where a softphone finds the bridge: `window.softphoneBridge.load(callback)`. */
    softphoneBridge?: Bridge;
  }
}

async function main(): Promise<void> {
  const crm = new FakeCrm({ contacts: CONTACTS, dispositions: [...DISPOSITIONS], partnerConfig: PARTNER_CONFIG });
  const view = new CrmView(crm);
  const adapter = view.observe(fakeAdapter(crm));

  const bridge = createBridge({ adapter });
  window.softphoneBridge = bridge;
  const panel = new BridgePanel(bridge);
  bridge.on('outbox.failed', (entry) => {
    if (entry.kind === 'callLog') view.noteWriteFailed();
  });

  const softphone = new SimulatedSoftphone(bridge);
  document.getElementById('boot-notice')?.remove();
  const scenario = new URLSearchParams(window.location.search).get('scenario') === 'inbound';
  // The softphone side calls load(callback) first. In the scenario, realTime keeps headless
  // Chromium's virtual time from running out while the bridge works (see scenario.ts).
  await (scenario ? realTime(softphone.start()) : softphone.start());
  view.attach(adapter);
  await (scenario ? realTime(panel.refresh()) : panel.refresh());
  if (scenario) await inboundScenario(softphone, bridge, crm, panel);
}

main().catch((error: unknown) => {
  let notice = document.getElementById('boot-notice');
  if (notice === null) {
    notice = document.createElement('p');
    document.body.prepend(notice);
  }
  notice.className = 'boot-notice error';
  const code = typeof error === 'object' && error !== null && 'code' in error ? ` (${String(error.code)})` : '';
  notice.textContent = `The demo could not start${code}. See the browser console for details.`;
  console.error(error);
});
