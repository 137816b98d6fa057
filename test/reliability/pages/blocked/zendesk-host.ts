/**
 * The Zendesk page around the app, on 127.0.0.1: it frames the app page from localhost (another
 * site, as Zendesk serves apps from its app domain) with the `origin` and `app_guid` Zendesk
 * adds, and answers the real ZAF SDK in the built bundle through the browser tests' wire host
 * (test/adapters/zendesk/wire-host.ts) over the fake account (test/fakes/fake-zaf.ts), posting
 * only to the app's exact origin. The SDK talks to `window.parent`, so Zendesk's side has to
 * live here; it outlives a reload of the frame, as Zendesk does.
 */
import { appSettings, support, ticketsFor } from '../../../adapters/zendesk/harness.js';
import { ZendeskWireHost } from '../../../adapters/zendesk/wire-host.js';
import { FakeZendesk } from '../../../fakes/fake-zaf.js';
import { exposeCrm, notesOf } from './crm.js';

const account = support();
const zendesk = new FakeZendesk(account, appSettings()).register();
const appOrigin = `http://localhost:${location.port}`;
const frame = document.createElement('iframe');

// The hold: while on, Zendesk answers each ticket create or update with HTTP 503 and stores
// nothing (the fake's own `status` fault, one per request, so that nothing is left over once the
// hold is lifted). Registered before the wire host, so it sees each request first.
let holding = false;
let held = 0;
window.addEventListener(
  'message',
  (event: MessageEvent) => {
    if (
      !holding ||
      event.source !== frame.contentWindow ||
      event.origin !== appOrigin ||
      typeof event.data !== 'string'
    )
      return;
    const { key, message } = JSON.parse(event.data) as { key?: string; message?: { type?: string; url?: string } };
    if (
      key?.startsWith('request:') !== true ||
      message?.type === undefined ||
      message.type === 'GET' ||
      typeof message.url !== 'string'
    )
      return;
    const path = new URL(message.url, 'https://acme.zendesk.com').pathname;
    if (!path.startsWith('/api/v2/tickets')) return;
    zendesk.inject(`${message.type} ${path}`, { kind: 'status', status: 503 });
    held += 1;
  },
  { capture: true },
);

const host = new ZendeskWireHost(zendesk, appOrigin);
const query = host.adopt(frame, 'top_bar');
frame.src = `${appOrigin}/rel/blocked/zendesk.html?${new URLSearchParams(query).toString()}`;
document.body.append(frame);

exposeCrm({
  records: (ids) => ids.map((id) => ticketsFor(account, id).length),
  settled: (ids) =>
    ids.every((id) => ticketsFor(account, id)[0]?.comments.some((c) => c.body.includes(notesOf(id))) === true),
  hold: (on) => void (holding = on),
  get held() {
    return held;
  },
});
