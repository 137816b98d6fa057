import { expect } from '@esm-bundle/chai';
import { sendKeys } from '@web/test-runner-commands';
import type { FakeAdapter, FakeCrm } from '../../adapters/fake/index.js';
import {
  isVendorName,
  mountVendorSoftphone,
  VENDOR_NAMES,
  type VendorName,
  type VendorSoftphone,
} from '../../demo/vendor/index.js';
import type { CallRecord, ContractTarget } from '../../src/contract/index.js';
import type { Bridge } from '../../src/core/bridge.js';
import type { RemoteClient } from '../../src/remote/client.js';
import { bridgeWithFakeCrm, manualClock, recordingLogger, type ManualClock } from '../connectors/tools.js';
import { DEMO_AGENT, InPageCloud } from './in-page-cloud.js';
import { PanelDriver, until } from './panel-driver.js';

// Compile-time check: the softphone frame's remote client is a contract the panel can drive.
export const fits = (remote: RemoteClient): ContractTarget => remote;

/** The fake CRM's one contact (test/connectors/tools.ts): a call from or to it pops her record. */
const ADA = { id: '003A', name: 'Ada Lovelace', phone: '+15550100100' };
/** An attacker-chosen caller name: must show as these characters, never as markup. */
const XSS = `<img src=x onerror="window.__xss=1"><script>window.__xss=2</script>`;

describe('the demo switch: simulated vendor softphones (demo/vendor)', () => {
  let crm: FakeCrm;
  let adapter: FakeAdapter;
  let bridge: Bridge;
  let clock: ManualClock;
  let logger: ReturnType<typeof recordingLogger>;
  let container: HTMLElement;
  let panel: VendorSoftphone | undefined;
  let ui: PanelDriver;
  let lastCall: CallRecord | undefined;
  let cloud: InPageCloud;

  beforeEach(() => {
    cloud = new InPageCloud();
    ({ crm, adapter, bridge } = bridgeWithFakeCrm());
    lastCall = undefined;
    bridge.on('call.updated', (call) => (lastCall = call));
    clock = manualClock();
    logger = recordingLogger();
    container = document.createElement('div');
    document.body.append(container);
    ui = new PanelDriver(container);
  });
  afterEach(async () => {
    panel?.dispose();
    panel = undefined;
    container.remove();
    await bridge.dispose();
  });

  const mount = async (vendor: VendorName) => {
    panel = await mountVendorSoftphone(container, vendor, bridge, { clock, logger, cloud });
    // The Voicenter connector registers the extension after connecting; calls reach a registered phone only.
    if (vendor === 'voicenter')
      await until(
        () => !ui.button('Incoming call').disabled,
        () => ui.status(),
      );
  };
  /** Lets the fake SDK's queued callbacks run, the connector's contract calls settle and the outbox write. */
  const done = async () => {
    await new Promise((resolve) => setTimeout(resolve, 0));
    await panel?.settled();
    await bridge.flush();
  };
  const onlyLog = () => {
    const logs = crm.callLogs();
    expect(logs, 'call logs').to.have.length(1);
    return logs[0]!;
  };
  /** Types the caller (Ada's number), clicks `ring` and waits until the panel shows it ringing (and the relay's events arrived). */
  const ringFrom = async (ring: string, name: string) => {
    ui.type('Caller name', name);
    ui.type('Caller number', ADA.phone);
    ui.click(ring);
    await until(
      () => ui.status() === `Ringing: ${name} · ${ADA.phone}`,
      () => ui.status(),
    );
    // Voicenter: the pop-up phase the cloud posted comes back on the relay stream before the agent answers.
    await panel?.settled();
  };
  /** Ada calls; the agent answers after 4 s and hangs up after `talkSeconds`. */
  const answeredCall = async (ring: string, talkSeconds: number) => {
    await ringFrom(ring, ADA.name);
    clock.advance(4_000);
    ui.click('Answer');
    expect(ui.status()).to.equal(`On call with ${ADA.name} · ${ADA.phone}`);
    clock.advance(talkSeconds * 1000);
    ui.click('Hang up');
    await done();
  };
  /**
   * After a `start_call` to Ada: waits until the panel shows `shown` dialling, lets the other side
   * answer (`answer`), hangs up after `talkSeconds`, and checks the one outbound log.
   */
  const dialledCall = async (shown: string, answer: string, talkSeconds: number) => {
    await until(
      () => ui.status() === `Dialing ${shown}`,
      () => ui.status(),
    );
    ui.click(answer);
    clock.advance(talkSeconds * 1000);
    ui.click('Hang up');
    await done();
    expect(onlyLog().call).to.include({
      direction: 'outbound',
      phoneNumber: ADA.phone,
      durationSeconds: talkSeconds,
      outcome: 'completed',
    });
  };
  /** The call the bridge last changed; by default a declined call is not logged. */
  const declinedCall = () => {
    expect(crm.callLogs(), 'logs of a declined call (CallPolicy default)').to.deep.equal([]);
    return lastCall;
  };
  const expectAdaPopped = (conversationId: string) =>
    expect(crm.pops).to.deep.equal([
      { conversationId, phoneNumber: ADA.phone, shown: { id: ADA.id, type: 'Contact', name: ADA.name } },
    ]);

  describe('the switch', () => {
    it('names the three vendors and recognises only their exact names', () => {
      expect(VENDOR_NAMES).to.deep.equal(['sobot', 'voicenter', 'sociomile']);
      for (const name of VENDOR_NAMES) expect(isVendorName(name), name).to.equal(true);
      for (const other of ['Sobot', ' sobot', 'genesys', '', undefined, null, 1, {}])
        expect(isVendorName(other), String(other)).to.equal(false);
    });

    it('refuses a vendor it does not know, leaving the container empty', async () => {
      let error: unknown;
      await mountVendorSoftphone(container, 'genesys' as VendorName, bridge, { clock, logger }).catch(
        (e: unknown) => (error = e),
      );
      expect(error).to.be.instanceOf(TypeError);
      expect(container.childElementCount).to.equal(0);
    });

    it('refuses Voicenter and Sociomile without a cloud (the relay their calls report through), leaving the container empty', async () => {
      for (const vendor of ['voicenter', 'sociomile'] as const) {
        let error: unknown;
        await mountVendorSoftphone(container, vendor, bridge, { clock, logger }).catch((e: unknown) => (error = e));
        expect(error, vendor).to.be.instanceOf(TypeError);
        expect((error as Error).message).to.include('options.cloud');
        expect(container.childElementCount).to.equal(0);
      }
    });

    it('rejects and removes its panel when the contract cannot load (no partner id anywhere)', async () => {
      const broken: ContractTarget = {
        ...bridge,
        load: () => Promise.reject(Object.assign(new Error('load failed'), { code: 'ADAPTER_CONNECT_FAILED' })),
      } as unknown as ContractTarget;
      let error: unknown;
      await mountVendorSoftphone(container, 'sobot', broken, { clock, logger }).catch((e: unknown) => (error = e));
      expect((error as { code?: string } | undefined)?.code).to.equal('ADAPTER_CONNECT_FAILED');
      expect(container.querySelector('.vs-panel')).to.equal(null);
    });

    for (const vendor of VENDOR_NAMES) {
      it(`${vendor}: every control is named, and the trace can be reached by keyboard`, async () => {
        await mount(vendor);
        const fields = [...container.querySelectorAll('input, select')];
        expect(fields.length).to.be.greaterThan(0);
        for (const field of fields)
          expect(field.closest('label')?.textContent?.trim(), field.outerHTML).to.not.equal('');
        for (const button of container.querySelectorAll('button')) expect(button.textContent?.trim()).to.not.equal('');
        const trace = container.querySelector<HTMLElement>('.vs-trace-list');
        expect(trace?.tabIndex).to.equal(0);
        expect(trace?.getAttribute('aria-label')).to.equal('Trace: vendor event → contract call');
      });
    }

    it('dispose removes the panel', async () => {
      await mount('voicenter');
      expect(container.querySelector('.vs-panel')).to.not.equal(null);
      panel?.dispose();
      panel = undefined;
      expect(container.childElementCount).to.equal(0);
    });
  });

  describe('Sobot', () => {
    beforeEach(() => mount('sobot'));

    it('an inbound call through the buttons: one log with the talk time, one pop, and the trace of each event', async () => {
      await answeredCall('Ring', 61);

      const log = onlyLog();
      expect(log.call).to.include({
        direction: 'inbound',
        phoneNumber: ADA.phone,
        durationSeconds: 61,
        outcome: 'completed',
        partnerId: 'partner-1',
      });
      expect(log.creates).to.equal(1);
      expectAdaPopped(log.call.conversationId);
      await ui.traced('Sobot · EventRinging | → incomingCall · accepted');
      await ui.traced('Sobot · EventEstablished | → callAccepted · accepted');
      await ui.traced('Sobot · EventReleased | → callEnded · accepted');
      expect(ui.status()).to.match(/^Idle/);
      expect(ui.button('Ring').disabled).to.equal(false);
      expect(ui.button('Answer').disabled).to.equal(true);
    });

    it('works from the keyboard: Enter on the focused Ring button rings', async () => {
      ui.button('Ring').focus();
      await sendKeys({ press: 'Enter' });
      await ui.traced('Sobot · EventRinging | → incomingCall · accepted');
    });

    it("start_call dials through the fake agent's makeCall, and the agent can let the customer answer and hang up", async () => {
      await bridge.startCall({ dialTo: ADA.phone });
      await ui.traced(`CRM · start_call | → vendor: agent.makeCall({ otherDN: ${ADA.phone} })`);
      await ui.traced('Sobot · EventDialing | → outboundCallInitiated · accepted');
      await dialledCall(ADA.phone, 'Customer answers', 30);
    });

    it("update_presence sets the Sobot status (notReady with the mapped reason code); the agent's own change reaches the CRM", async () => {
      await adapter.changePresence('busy');
      await ui.traced('CRM · update_presence | → vendor: agent.notReady({ reasonCode: 2 })');
      await until(
        () => ui.field<HTMLSelectElement>('Status').value === '2',
        () => ui.field<HTMLSelectElement>('Status').value,
      );

      ui.choose('Status', '11');
      ui.click('Set status');
      await until(
        () => crm.presence.includes('away'),
        () => crm.presence.join(),
      );
      await ui.traced('Sobot · EventAgentNotReady | → statusChanged · accepted');
    });

    it('a status outside the status map is reported in the trace, not sent', async () => {
      ui.choose('Status', '14');
      ui.click('Set status');
      await ui.traced('Sobot · EventAgentNotReady | ⚠ connector reported CONFIG_INVALID');
      await done();
      expect(crm.presence).to.deep.equal([]);
    });
  });

  describe('Voicenter', () => {
    beforeEach(() => mount('voicenter'));

    it('an inbound call: the pop-up relay names the caller, the CDR adds the recording link to the same log', async () => {
      await answeredCall('Incoming call', 45);
      expect(onlyLog().call).to.include({ direction: 'inbound', durationSeconds: 45, outcome: 'completed' });

      ui.click('CDR arrived');
      await done();
      const log = onlyLog();
      const ivrId = log.call.conversationId;
      expect(log.creates).to.equal(1);
      expect(log.call.extra['callNotesSubmitted']).to.deep.include({
        recordingUrl: `https://recordings.example.com/voicenter/${ivrId}.mp3`,
        talkSeconds: 45,
        voicenterStatus: 'ANSWER',
      });
      expectAdaPopped(ivrId);
      await ui.traced('Voicenter · onRinging | → incomingCall · accepted');
      // vendor cloud → HTTP post → relay ack, then the stream event → contract call → bridge verdict.
      await ui.traced(
        'Voicenter cloud · pop-up screen · Ringing | → POST relay …/voicenter/popup · 200 {"STATUS":"OK"}',
      );
      await ui.traced('Relay stream · voicenter.popup · id 1 | → incomingCall · accepted');
      await ui.traced('Voicenter · onCallAnswer | → callAccepted · accepted');
      await ui.traced('Voicenter · onCallEnd | → callEnded · accepted');
      await ui.traced(
        'Voicenter cloud · CDR notification | → POST relay …/voicenter/cdr · 200 {"err":"0","errdesc":"OK"}',
      );
      await ui.traced('Relay stream · voicenter.cdr · id 2 | → callNotesSubmitted · accepted');
      expect(ui.button('CDR arrived').disabled, 'one CDR per call').to.equal(true);
      // What the cloud posted routes to this agent: the pop-up by extenUser, the inbound CDR by targetextension.
      expect(cloud.posted.map((p) => p.path)).to.deep.equal(['voicenter/popup', 'voicenter/cdr']);
      expect(cloud.posted[0]!.body).to.include({ extenUser: DEMO_AGENT, ivrid: ivrId, phone: ADA.phone });
      expect(cloud.posted[1]!.body).to.include({
        targetextension: DEMO_AGENT,
        callerextension: '',
        ivruniqueid: ivrId,
        status: 'ANSWER',
      });
      expect(cloud.notPushed, 'events for no agent or another one').to.deep.equal([]);
    });

    it('start_call dials through the web-phone (call without the +); the callee answers and the agent hangs up', async () => {
      await bridge.startCall({ dialTo: ADA.phone });
      await ui.traced(`CRM · start_call | → vendor: myPhone.call('${ADA.phone.slice(1)}')`);
      await ui.traced('Voicenter · onCall | → outboundCallInitiated · accepted');
      // The panel is the vendor's screen: it shows the number as the web-phone dials it.
      await dialledCall(ADA.phone.slice(1), 'Callee answers', 20);
    });

    it('update_presence shows as ignored: the web-phone has no status', async () => {
      await adapter.changePresence('busy');
      await ui.traced('CRM · update_presence | · not carried to the vendor: the connector ignores it');
    });
  });

  describe('both panels with inbound calls', () => {
    const inbound = [
      { vendor: 'sobot', ring: 'Ring', declined: 'Sobot · EventReleased | → callRejected · accepted' },
      {
        vendor: 'voicenter',
        ring: 'Incoming call',
        declined: 'Voicenter · onCallRejected | → callRejected · accepted',
      },
    ] as const;
    for (const { vendor, ring, declined } of inbound) {
      it(`${vendor}: Decline is an active rejection (declined, not a missed call)`, async () => {
        await mount(vendor);
        await ringFrom(ring, ADA.name);
        ui.click('Decline');
        await done();
        await ui.traced(declined);
        expect(declinedCall()).to.include({ state: 'rejected', outcome: 'declined' });
      });

      it(`${vendor}: "Notes for the CRM" sends the typed notes with the call that just ended, once, as text (D15)`, async () => {
        await mount(vendor);
        const notes = container.querySelector<HTMLTextAreaElement>('textarea')!;
        expect(notes.closest('label')?.textContent).to.equal('Notes');
        notes.value = 'Refund approved <b>today</b>';
        notes.dispatchEvent(new Event('input', { bubbles: true }));
        expect(ui.button('Send notes').disabled, 'no call yet: nothing to attach the notes to').to.equal(true);
        await answeredCall(ring, 30);
        expect(onlyLog().call.notes).to.equal(undefined);
        ui.click('Send notes');
        await done();
        await ui.traced(
          `${vendor === 'sobot' ? 'Sobot' : 'Voicenter'} · Notes typed in the panel | → callNotesSubmitted · accepted`,
        );
        const log = onlyLog();
        expect(log.call).to.include({ notes: 'Refund approved <b>today</b>', state: 'wrapped', durationSeconds: 30 });
        expect(log.creates, 'the same log, updated').to.equal(1);
        expect(notes.value, 'sent notes leave the box').to.equal('');
        expect(ui.button('Send notes').disabled).to.equal(true);
      });

      it(`${vendor}: shows a caller name with markup as text`, async () => {
        await mount(vendor);
        await ringFrom(ring, XSS);
        expect(container.querySelector('img, script')).to.equal(null);
        expect((window as { __xss?: unknown }).__xss).to.equal(undefined);
      });
    }
  });

  describe('Sociomile', () => {
    beforeEach(() => mount('sociomile'));

    it('start_call waits in the snippet queue, dials once the widget loads, and the webhook ends the call with talk time, disposition and recording', async () => {
      expect(ui.status()).to.equal('Widget script not loaded: 1 command(s) wait in socioVoice.q');
      await bridge.startCall({ dialTo: ADA.phone });
      await until(
        () => ui.trace().some((line) => line.startsWith('CRM · start_call')),
        () => ui.trace().join('\n'),
      );
      const [startCall] = ui.trace().filter((line) => line.startsWith('CRM · start_call'));
      expect(startCall).to.match(
        /→ vendor: socioVoice\('event', \{ action: 'dial', number: \+15550100100, internal_id: [0-9a-f-]{36} \}\) · queued until the widget loads/,
      );
      await ui.traced(startCall!.replace('outboundCallInitiated · pending…', 'outboundCallInitiated · accepted'));
      expect(ui.trace().join('\n')).to.include('→ outboundCallInitiated · accepted');

      ui.click('Load widget script');
      const loaded = ui.trace().find((line) => line.startsWith('Sociomile · widget script loaded')) ?? '';
      expect(loaded).to.include("ran queued socioVoice('init')").and.include("action: 'dial', number: +15550100100");
      expect(ui.status()).to.equal(`Dialled ${ADA.phone} · waiting for the call's webhook`);

      ui.choose('Disposition', 'ANSWERED');
      ui.type('Talk time (seconds)', '42');
      ui.type('Recording link', 'https://recordings.example.com/sociomile/demo-call.mp3');
      ui.click('Call finished');
      await done();
      await ui.traced(
        'Sociomile cloud · webhook · call finished | → POST relay …/sociomile/webhook · 200 {"ok":true,"id":"0000000000000001","duplicate":false}',
      );
      await ui.traced('Relay stream · sociomile.call · id 1 | → callAccepted · accepted | → callEnded · accepted');
      const log = onlyLog();
      expect(log.call).to.include({
        direction: 'outbound',
        phoneNumber: ADA.phone,
        durationSeconds: 42,
        outcome: 'completed',
      });
      expect(log.call.extra['callEnded']).to.deep.include({
        recordingUrl: 'https://recordings.example.com/sociomile/demo-call.mp3',
        sociomileDisposition: 'ANSWERED',
        extraParams: { agent: DEMO_AGENT },
      });
      expect(crm.pops.map((p) => p.conversationId)).to.deep.equal([log.call.conversationId]);

      expect((cloud.posted[0]!.body as { data: Record<string, unknown> }).data).to.deep.include({
        internal_id: log.call.conversationId,
        extra_params: { agent: DEMO_AGENT },
      });

      // A redelivery: the relay stores it once and acknowledges it again; nothing new on the stream.
      ui.click('Resend webhook');
      await done();
      await ui.traced(
        'Sociomile cloud · webhook · resent | → POST relay …/sociomile/webhook · 200 {"ok":true,"id":"0000000000000001","duplicate":true}',
      );
      expect(ui.trace().filter((line) => line.startsWith('Relay stream'))).to.have.length(1);
      expect(onlyLog().updates).to.equal(log.updates);
    });

    it('a NO ANSWER webhook logs an unanswered call of 0 seconds', async () => {
      ui.click('Load widget script');
      await bridge.startCall({ dialTo: ADA.phone });
      await until(
        () => !ui.button('Call finished').disabled,
        () => ui.status(),
      );
      ui.choose('Disposition', 'NO ANSWER');
      ui.click('Call finished');
      await done();
      expect(onlyLog().call).to.include({ durationSeconds: 0, outcome: 'unanswered' });
    });

    it('update_presence shows as ignored: the widget has no statuses', async () => {
      await adapter.changePresence('busy');
      await ui.traced('CRM · update_presence | · not carried to the vendor: the connector ignores it');
    });
  });

  describe('what never shows', () => {
    for (const vendor of VENDOR_NAMES) {
      it(`${vendor}: no credential on screen, and no number in the connector's log lines`, async () => {
        await mount(vendor);
        if (vendor === 'sociomile') ui.click('Load widget script');
        await bridge.startCall({ dialTo: ADA.phone });
        await done();
        expect(ui.trace().join('\n')).to.include('start_call');
        expect(container.textContent).to.not.match(/placeholder-not-a/);
        expect(logger.lines.join('\n')).to.not.match(/placeholder-not-a|5550100100/);
      });
    }
  });
});
