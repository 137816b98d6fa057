/**
 * The HubSpot page around the calling widget, on 127.0.0.1: it frames the widget page from
 * localhost (another site, as HubSpot frames a calling extension's URL) and answers the real SDK
 * in the built bundle through the browser tests' wire host (test/adapters/hubspot/wire-host.ts)
 * over the fake portal (test/fakes/fake-hubspot.ts), posting only to the widget's exact origin.
 * The SDK talks to `window.parent`, so HubSpot's side has to live here; it outlives a reload of
 * the frame, as HubSpot does.
 */
import { portal } from '../../../adapters/hubspot/harness.js';
import { HubSpotWireHost } from '../../../adapters/hubspot/wire-host.js';
import { exposeCrm, notesOf } from './crm.js';

const hubspot = portal();
const widget = new URL('/rel/blocked/hubspot.html', `http://localhost:${location.port}`);
const frame = document.createElement('iframe');
frame.src = widget.href;

// The hold: while on, HubSpot refuses each engagement create the widget asks for with its
// documented answer, CREATE_ENGAGEMENT_FAILED (the fake's own `failed` fault, one per request,
// so that nothing is left over once the hold is lifted). Registered before the wire host, so it
// sees each message first.
let holding = false;
let held = 0;
window.addEventListener(
  'message',
  (event: MessageEvent) => {
    if (!holding || event.source !== frame.contentWindow || event.origin !== widget.origin) return;
    const { type, data } = (event.data ?? {}) as { type?: string; data?: { createEngagement?: unknown } };
    if ((type === 'INCOMING_CALL' || type === 'OUTGOING_CALL_STARTED') && data?.createEngagement === true) {
      hubspot.inject('create', 'failed');
      held += 1;
    }
  },
  { capture: true },
);

const host = new HubSpotWireHost(hubspot, frame, {}, widget.origin);
// HubSpot sends its SYNC to each document the widget frame loads, the reloaded one included.
frame.addEventListener('load', () => host.sync());
document.body.append(frame);

exposeCrm({
  records: (ids) => ids.map((id) => hubspot.engagementsFor(id).length),
  settled: (ids) =>
    ids.every((id) => String(hubspot.engagementsFor(id)[0]?.properties['hs_call_body'] ?? '').includes(notesOf(id))),
  hold: (on) => void (holding = on),
  get held() {
    return held;
  },
});
(window as unknown as { relViolations: () => string[] }).relViolations = () => [...hubspot.violations];
