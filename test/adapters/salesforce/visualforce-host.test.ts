import { expect } from '@esm-bundle/chai';
import type { FakeOpenCti } from '../../fakes/fake-open-cti.js';
import type { FakeSalesforceOrg, FakeSObject } from '../../fakes/fake-salesforce-org.js';
import { HOSTILE_ORIGINS, SOFTPHONE_ORIGIN, until } from '../../remote/cross-origin-harness.js';
import { PARTNER, settings } from './harness.js';

/**
 * The Salesforce deployment with a cross-origin softphone, end to end in the browser: the real
 * Visualforce host page (fixtures/visualforce-host.ts renders SoftphoneBridge.page and runs its
 * static-resource scripts, the fake Open CTI standing in for Salesforce's script) frames the vendor
 * page from `SoftphoneUrl` on another origin, and that page loads only the remote client.
 * Needs `npm run build` (the page loads the bundles from the static resource folder).
 */

interface HostWindow extends Window {
  fakeOrg?: FakeSalesforceOrg;
  cti?: FakeOpenCti;
  hostPageLoaded?: Promise<string[]>;
  cspViolations?: string[];
}

type Report = { origin?: string } & (
  | { fixture: 'vendor-softphone'; type: 'started'; scripts: string[] }
  | { fixture: 'vendor-softphone'; type: 'callback'; eventType: string; payload: unknown }
  | { fixture: 'vendor-softphone'; type: 'done'; id: number; ok: true; value: unknown }
  | { fixture: 'vendor-softphone'; type: 'done'; id: number; ok: false; code: string; message: string }
);
type Done = Extract<Report, { type: 'done' }>;

const ADA: FakeSObject = {
  Id: '003000000000001AAA',
  Name: 'Ada Lovelace',
  RecordType: 'Contact',
  Phone: '(555) 010-0100',
};
const VENDOR_PAGE = `${SOFTPHONE_ORIGIN}/test/adapters/salesforce/fixtures/vendor-softphone.html`;
/** A third origin of the runner's server, neither this page's nor SoftphoneUrl's. */
const OTHER_ORIGIN = HOSTILE_ORIGINS[1] as string;

/** The host page in an iframe of this page (as the utility bar frames it), and the softphone it frames. */
class HostPage {
  readonly frame = document.createElement('iframe');
  readonly reports: Report[] = [];
  #nextId = 0;
  #listener = (event: MessageEvent<Report>): void => {
    if (
      (event.origin === SOFTPHONE_ORIGIN || event.origin === OTHER_ORIGIN) &&
      event.data?.fixture === 'vendor-softphone'
    )
      this.reports.push({ ...event.data, origin: event.origin });
  };

  get win(): HostWindow {
    return this.frame.contentWindow as HostWindow;
  }

  /** The softphone frame the host script created. */
  get softphone(): HTMLIFrameElement | null {
    return this.win.document.querySelector('iframe.sb-frame');
  }

  get status(): string {
    return this.win.document.getElementById('softphone-bridge-status')?.textContent ?? '';
  }

  async open(softphoneUrl: string): Promise<void> {
    window.addEventListener('message', this.#listener);
    const query = new URLSearchParams({
      mode: 'Lightning',
      sfdcIframeOrigin: 'http://acme.lightning.force.com',
      settings: JSON.stringify(settings({ SoftphoneUrl: softphoneUrl })),
      records: JSON.stringify([ADA]),
    });
    this.frame.src = `/test/adapters/salesforce/fixtures/visualforce-host.html?${query.toString()}`;
    document.body.append(this.frame);
    await until(() => this.win.hostPageLoaded !== undefined, 'the host page fixture');
    await this.win.hostPageLoaded;
  }

  /** Resolves with the `started` report of the softphone page on `origin`, once it runs. */
  async started(origin = SOFTPHONE_ORIGIN): Promise<Extract<Report, { type: 'started' }>> {
    await until(
      () => this.reports.some((r) => r.type === 'started' && r.origin === origin),
      `the softphone page on ${origin} to start`,
    );
    return this.reports.find((r) => r.type === 'started' && r.origin === origin) as Extract<
      Report,
      { type: 'started' }
    >;
  }

  /** Calls `method` on the softphone page's `window.softphoneBridge`; resolves with its outcome. */
  async call(method: string, ...args: unknown[]): Promise<Done> {
    const id = (this.#nextId += 1);
    this.softphone?.contentWindow?.postMessage({ fixture: 'vendor-softphone', id, method, args }, SOFTPHONE_ORIGIN);
    await until(
      () => this.reports.some((r) => r.type === 'done' && r.id === id),
      `${method} to settle in the softphone`,
      15_000,
    );
    return this.reports.find((r): r is Done => r.type === 'done' && r.id === id) as Done;
  }

  callbacks(): [string, unknown][] {
    return this.reports.flatMap((r) => (r.type === 'callback' ? [[r.eventType, r.payload] as [string, unknown]] : []));
  }

  remove(): void {
    window.removeEventListener('message', this.#listener);
    this.frame.remove();
  }
}

/** Resolves once the call's Tasks satisfy `check`; returns them. */
async function tasksOnce(
  host: HostPage,
  conversationId: string,
  check: (tasks: ReturnType<FakeSalesforceOrg['tasksFor']>) => boolean,
  what: string,
) {
  const tasks = () => host.win.fakeOrg?.tasksFor(conversationId) ?? [];
  await until(
    () => check(tasks()),
    what,
    10_000,
    () => tasks(),
  );
  return tasks();
}

describe('Visualforce host page with a softphone on another origin (force-app/…/pages/SoftphoneBridge.page)', function () {
  this.timeout(40_000);
  let host: HostPage;

  beforeEach(() => {
    host = new HostPage();
  });
  afterEach(function () {
    // The host page ran under script-src 'self' and Trusted Types (visualforce-host.html), as strict
    // as Visualforce may serve it: nothing may have been blocked.
    const violations = host.win?.cspViolations;
    host.remove();
    if (this.currentTest?.state === 'passed') expect(violations, 'CSP violations in the host page').to.deep.equal([]);
  });

  it('frames SoftphoneUrl on its own origin, which loads only the remote client and receives the call center configuration', async () => {
    await host.open(
      `${VENDOR_PAGE}?host=${encodeURIComponent(location.origin)}&report=${encodeURIComponent(location.origin)}`,
    );
    const started = await host.started();
    expect(new URL(host.softphone?.src ?? '').origin).to.equal(SOFTPHONE_ORIGIN);
    expect(SOFTPHONE_ORIGIN).to.not.equal(host.win.location.origin);
    // Its own driver and the remote client; the dev server adds its reload socket to every page.
    const scripts = started.scripts.filter((path) => !path.startsWith('/__web-dev-server')).sort();
    expect(scripts).to.deep.equal([
      '/dist/softphone-bridge.remote.iife.js',
      '/test/adapters/salesforce/fixtures/vendor-softphone.ts',
    ]);

    const loaded = await host.call('load');
    expect(loaded.ok, JSON.stringify(loaded)).to.equal(true);
    await until(() => host.callbacks().length === 2, 'disposition and partner_config');
    expect(host.callbacks()).to.deep.equal([
      ['disposition', ['resolved', 'callback-requested', 'voicemail']],
      ['partner_config', PARTNER],
    ]);
    expect(host.status).to.equal('');
  });

  it('logs exactly one Task per call: an inbound call with notes after its end (updated by the Id saveLog returned), and an outbound call', async () => {
    await host.open(
      `${VENDOR_PAGE}?host=${encodeURIComponent(location.origin)}&report=${encodeURIComponent(location.origin)}`,
    );
    await host.started();
    expect((await host.call('load')).ok).to.equal(true);
    const ids = { partnerId: PARTNER.partnerId };
    const run = Math.random().toString(36).slice(2);

    // Inbound: rings, is answered, ends; the agent writes notes after the end.
    const inbound = `vf-in-${run}`;
    const rang = await host.call('incomingCall', PARTNER.partnerId, inbound, '+15550100100');
    expect(rang.ok && (rang.value as { state: string }).state).to.equal('ringing');
    expect((await host.call('callAccepted', { ...ids, conversationId: inbound })).ok).to.equal(true);
    expect(
      (await host.call('callEnded', JSON.stringify({ ...ids, conversationId: inbound, duration: 42 }))).ok,
    ).to.equal(true);
    const [created] = await tasksOnce(host, inbound, (t) => t.length === 1, 'the inbound Task');
    expect(created?.fields).to.include({
      CallType: 'Inbound',
      CallDurationInSeconds: 42,
      CallObject: inbound,
      WhoId: ADA.Id,
    });

    const notes = await host.call('callNotesSubmitted', {
      ...ids,
      conversationId: inbound,
      notes: 'Asked about the <b>invoice</b>',
      disposition: 'resolved',
    });
    expect(notes.ok, JSON.stringify(notes)).to.equal(true);
    const [updated] = await tasksOnce(
      host,
      inbound,
      (t) => t.length === 1 && t[0]?.fields['CallDisposition'] === 'resolved',
      'the notes on the inbound Task',
    );
    expect(updated?.Id).to.equal(created?.Id);
    expect(updated?.updates).to.be.greaterThan(0);
    expect(String(updated?.fields['Description'])).to.contain('Asked about the <b>invoice</b>');
    // The update names the Task by the Id the fake answered the create with ({recordId}).
    const saveLogs = (host.win.cti?.calls ?? []).filter(
      (c) => c.method === 'saveLog' && (c.args['value'] as { CallObject?: string }).CallObject === inbound,
    );
    expect(saveLogs.length).to.be.greaterThan(1);
    expect((saveLogs[0]?.args['value'] as Record<string, unknown>)['entityApiName']).to.equal('Task');
    for (const later of saveLogs.slice(1))
      expect((later.args['value'] as Record<string, unknown>)['Id']).to.equal(created?.Id);

    // Outbound: dialled from the softphone, answered, ended.
    const outbound = `vf-out-${run}`;
    expect(
      (await host.call('outboundCallInitiated', { ...ids, conversationId: outbound, dialledTo: '+15550100100' })).ok,
    ).to.equal(true);
    expect((await host.call('callAccepted', { ...ids, conversationId: outbound })).ok).to.equal(true);
    expect(
      (await host.call('callEnded', JSON.stringify({ ...ids, conversationId: outbound, duration: 7 }))).ok,
    ).to.equal(true);
    const [out] = await tasksOnce(host, outbound, (t) => t.length === 1, 'the outbound Task');
    expect(out?.fields).to.include({ CallType: 'Outbound', CallDurationInSeconds: 7, CallObject: outbound });

    // Nothing else was logged, and the inbound call still has its one Task.
    expect(host.win.fakeOrg?.tasks.size).to.equal(2);
    expect(host.win.fakeOrg?.tasksFor(inbound)).to.have.length(1);
  });

  it('carries click-to-dial, the call button and Omni-Channel presence from Salesforce into the softphone frame; a bad number is told in the panel', async () => {
    await host.open(
      `${VENDOR_PAGE}?host=${encodeURIComponent(location.origin)}&report=${encodeURIComponent(location.origin)}`,
    );
    await host.started();
    expect((await host.call('load')).ok).to.equal(true);
    const cti = host.win.cti as FakeOpenCti;
    await until(() => cti.clickToDialEnabled, 'click-to-dial to be enabled');
    const startCalls = () =>
      host
        .callbacks()
        .filter(([type]) => type === 'start_call')
        .map(([, payload]) => payload);

    // A phone number clicked in Salesforce (lightning-click-to-dial → Open CTI onClickToDial).
    cti.clickToDial({ number: '(555) 010-0100', recordId: ADA.Id, recordName: ADA.Name, objectType: 'Contact' });
    // The call button's message, as force-app/…/softphoneBridgeCallButton publishes it (its Jest test holds the shape).
    host.win.fakeOrg?.publish('SoftphoneBridge__c', {
      type: 'dial',
      dialTo: '+44 20 7946 0018',
      recordId: '001000000000003AAA',
      objectType: 'Account',
      recordName: 'Hopper Labs',
    });
    await until(() => startCalls().length === 2, 'two start_call callbacks in the softphone');
    const from = { dialFrom: '+18449401117', participantType: 'Agent' };
    expect(startCalls()).to.deep.equal([
      { ...PARTNER, dialTo: '+15550100100', ...from },
      { ...PARTNER, dialTo: '+442079460018', ...from },
    ]);

    // The agent goes Away in Omni-Channel: the presence companion publishes it, the softphone hears it.
    host.win.fakeOrg?.publish('SoftphoneBridge__c', { type: 'presence', source: 'omni', statusDeveloperName: 'Away' });
    await until(
      () => host.callbacks().some(([type]) => type === 'update_presence'),
      'update_presence in the softphone',
    );
    expect(host.callbacks().filter(([type]) => type === 'update_presence')).to.deep.equal([
      ['update_presence', { softphoneId: 'away' }],
    ]);

    // A number the bridge cannot dial starts nothing; the host page says so without the number.
    host.win.fakeOrg?.publish('SoftphoneBridge__c', {
      type: 'dial',
      dialTo: '12',
      recordId: ADA.Id,
      objectType: 'Contact',
    });
    await until(() => host.status !== '', 'the host page to tell the agent');
    expect(host.status).to.match(/not a valid phone number.*no call started/);
    expect(host.status).to.not.contain('12');
    expect(startCalls()).to.have.length(2);
  });

  it("gives the softphone the bridge's own error codes across the bundles", async () => {
    await host.open(
      `${VENDOR_PAGE}?host=${encodeURIComponent(location.origin)}&report=${encodeURIComponent(location.origin)}`,
    );
    await host.started();
    expect((await host.call('load')).ok).to.equal(true);
    const refused = await host.call('callEnded', '{not json');
    expect(refused.ok).to.equal(false);
    expect(refused.ok === false && refused.code).to.equal('CONTRACT_JSON_INVALID');
    expect(host.win.fakeOrg?.tasks.size).to.equal(0);
  });

  it('serves only the origin of SoftphoneUrl: a page the frame navigates to on another origin gets no bridge, and the admin is told what to load', async function () {
    // SoftphoneUrl is on SOFTPHONE_ORIGIN but sends the frame on to another origin, whose page runs
    // the remote client allowed for this host page: the host must not answer it.
    const elsewhere = `${OTHER_ORIGIN}/test/adapters/salesforce/fixtures/vendor-softphone.html?host=${encodeURIComponent(location.origin)}&report=${encodeURIComponent(location.origin)}`;
    await host.open(`${VENDOR_PAGE}?goto=${encodeURIComponent(elsewhere)}`);
    await host.started(OTHER_ORIGIN);
    host.softphone?.contentWindow?.postMessage(
      { fixture: 'vendor-softphone', id: 1, method: 'load', args: [] },
      OTHER_ORIGIN,
    );
    await until(() => host.status !== '', 'the host page to explain', 20_000);
    expect(host.status).to.equal(
      `The softphone at ${SOFTPHONE_ORIGIN} has not connected to the bridge. Its page must load softphone-bridge.remote.iife.js with data-host-origins="${location.origin}".`,
    );
    expect(host.reports.filter((r) => r.type === 'done' || r.type === 'callback')).to.deep.equal([]);
    expect(host.win.cti?.calls.map((c) => c.method)).to.not.include('enableClickToDial');
  });
});
