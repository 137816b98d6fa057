/**
 * The softphone page (the second origin), framed by the CRM console. It never sees the bridge:
 * dist/softphone-bridge.remote.iife.js, loaded before this module, defines
 * `window.softphoneBridge` (the eight contract methods, forwarded to the console's bridge over a
 * private MessagePort; the allowed console origin is on its script tag). This module puts a
 * simulated softphone on top: `<sb-softphone>`, or with `?softphone=sobot|voicenter|sociomile`
 * a vendor's softphone driving the contract through its connector (demo/vendor/); Voicenter's and
 * Sociomile's vendor clouds post to the relay that `npm start` runs, and their connectors hear it
 * on the agent stream.
 */
import '../../src/ui/define.js';
import type { RemoteClient } from '../../src/index.js';
import { byId, el, showError } from '../dom.js';
import { CALLERS, IVR_CONTEXT } from '../fixtures.js';
import { httpCloud, isVendorName, mountVendorSoftphone } from '../vendor/index.js';

const page = window as unknown as { softphoneBridge?: RemoteClient };

async function main(): Promise<void> {
  const contract = page.softphoneBridge;
  if (contract === undefined) throw new Error('demo: dist/softphone-bridge.remote.iife.js did not load.');
  const root = byId('softphone-root', HTMLElement);
  const chosen = new URLSearchParams(location.search).get('softphone');
  byId('boot-notice', HTMLParagraphElement).hidden = true;
  if (isVendorName(chosen)) {
    // Voicenter and Sociomile report through the demo server's relay (demo/demo-relay.mjs).
    const cloud = chosen === 'sobot' ? undefined : await httpCloud();
    await mountVendorSoftphone(root, chosen, contract, cloud === undefined ? {} : { cloud });
    return;
  }
  if (chosen !== null)
    root.append(
      el('p', {
        className: 'note',
        text: 'Unknown softphone; showing the built-in one. Try ?softphone=sobot, voicenter or sociomile.',
      }),
    );
  const phone = document.createElement('sb-softphone');
  phone.label = 'Softphone';
  phone.callers = CALLERS;
  phone.ivrContext = IVR_CONTEXT;
  phone.bridge = contract;
  root.append(phone);
}

main().catch((error: unknown) => showError(error, 'The softphone could not start'));
