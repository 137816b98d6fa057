import { expect } from '@esm-bundle/chai';
import { hubspotAdapter } from '../../../adapters/hubspot/index.js';
import { capabilitiesOf, type BridgeError } from '../../../src/contract/index.js';
import { OUTCOMES, PARTNER, asLog, closeWidgets, options, portal, synced, tab, until, widget } from './harness.js';

const ids = { partnerId: PARTNER.partnerId, conversationId: 'hs-conv-1' };
const types = (hubspot: ReturnType<typeof portal>) => hubspot.received.map((m) => m.type);

/** Every test drives the real @hubspot/calling-extensions-sdk in widget iframes; the fake is HubSpot's side only. */
describe('hubspotAdapter() (through the real calling extensions SDK)', () => {
  afterEach(closeWidgets);

  describe('load', () => {
    it('waits for HubSpot’s handshake, then initialises and logs in', async () => {
      const hubspot = portal();
      const { bridge, callback, received, host } = await tab(hubspot, {}, {}, { sync: false });
      const loading = bridge.load(callback);
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(hubspot.received).to.deep.equal([]);
      host.sync();
      await loading;
      await until(() => types(hubspot).length === 2, 'the lifecycle messages'); // postMessage is asynchronous
      expect(types(hubspot)).to.deep.equal(['INITIALIZED', 'LOGGED_IN']);
      expect(hubspot.received[0]?.data).to.deep.equal({ isLoggedIn: true });
      expect(received).to.deep.equal([
        ['disposition', ['resolved', 'voicemail']],
        ['partner_config', PARTNER],
      ]);
      await bridge.dispose();
      await until(() => types(hubspot).at(-1) === 'LOGGED_OUT', 'the logout');
    });

    it('offers HubSpot’s default call outcomes when no dispositions are configured', async () => {
      const { bridge, callback, received } = await tab(portal(), { dispositions: undefined as never });
      await bridge.load(callback);
      expect(received[0]).to.deep.equal([
        'disposition',
        ['busy', 'connected', 'left-live-message', 'left-voicemail', 'no-answer', 'wrong-number'],
      ]);
      await bridge.dispose();
    });

    it('fails to connect when HubSpot never syncs (the page is not a calling extension)', async () => {
      const hubspot = portal();
      const { bridge, callback } = await tab(hubspot, { readyTimeoutMs: 50 }, {}, { sync: false });
      const error = (await bridge.load(callback).then(
        () => undefined,
        (e: unknown) => e,
      )) as BridgeError;
      expect(error.code).to.equal('ADAPTER_CONNECT_FAILED');
      await bridge.dispose();
    });

    it('rejects with CONFIG_INVALID naming every option at fault', async () => {
      const { bridge, callback } = await tab(portal(), {
        partnerConfig: { partnerId: 'p' } as never,
        dispositions: { resolved: 'not-a-guid' },
        availableStatuses: [],
        hideWidgetOnComplete: 'yes' as never,
      });
      const error = (await bridge.load(callback).then(
        () => undefined,
        (e: unknown) => e,
      )) as BridgeError;
      expect(error.code).to.equal('CONFIG_INVALID');
      expect(error.details['keys']).to.deep.equal([
        'partnerConfig',
        'dispositions',
        'availableStatuses',
        'hideWidgetOnComplete',
      ]);
      await bridge.dispose();
    });
  });

  describe('two copies of the widget (HS-1)', () => {
    // With a calling window HubSpot loads the app twice: the calling window and a "remote" iframe
    // in the HubSpot page, and its reference app keeps the remote silent.
    it('makes one engagement per call when HubSpot runs a calling window and a remote copy, the remote staying silent', async () => {
      const hubspot = portal();
      const calling = await tab(hubspot, {}, { iframeLocation: 'window', usesCallingWindow: true });
      const remote = await tab(hubspot, {}, { iframeLocation: 'remote', usesCallingWindow: true });
      await calling.bridge.load(calling.callback);
      const refused = (await remote.bridge.load(remote.callback).then(
        () => undefined,
        (e: unknown) => e,
      )) as BridgeError;
      expect(refused.code).to.equal('ADAPTER_CONNECT_FAILED');
      expect(refused.retryable).to.equal(false);
      expect(refused.details).to.deep.include({ iframeLocation: 'remote', usesCallingWindow: true });
      // Both softphones see the same call; only the calling window's bridge takes it.
      await calling.bridge.incomingCall({ ...ids, callerANI: '+15550100100' });
      await remote.bridge.incomingCall({ ...ids, callerANI: '+15550100100' }).catch(() => undefined);
      await calling.bridge.callEnded({ ...ids, duration: 20 });
      await remote.bridge.callEnded({ ...ids, duration: 20 }).catch(() => undefined);
      await calling.bridge.flush();
      await until(() => (hubspot.engagementsFor(ids.conversationId)[0]?.updates ?? 0) >= 1, 'the completed engagement');
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(hubspot.engagementsFor(ids.conversationId)).to.have.length(1);
      expect(hubspot.received.filter((m) => m.from === 'remote').map((m) => m.type)).to.deep.equal(['INITIALIZED']);
      expect(
        new Set(
          hubspot.received.filter((m) => m.type === 'INCOMING_CALL' || m.type === 'CALL_COMPLETED').map((m) => m.from),
        ),
      ).to.deep.equal(new Set(['window']));
      expect(hubspot.violations).to.deep.equal([]);
      await calling.bridge.dispose();
      await remote.bridge.dispose();
    });

    it('speaks from the remote copy when HubSpot uses no calling window', async () => {
      const hubspot = portal();
      const { bridge, callback } = await tab(hubspot, {}, { iframeLocation: 'remote', usesCallingWindow: false });
      await bridge.load(callback);
      await bridge.incomingCall({ ...ids, callerANI: '+15550100100' });
      await bridge.callEnded({ ...ids, duration: 20 });
      await bridge.flush();
      expect(hubspot.engagementsFor(ids.conversationId)).to.have.length(1);
      expect(
        hubspot.received.filter((m) => m.type === 'INCOMING_CALL' || m.type === 'CALL_COMPLETED').map((m) => m.from),
      ).to.include.members(['remote']);
      expect(new Set(hubspot.received.map((m) => m.from))).to.deep.equal(new Set(['remote']));
      await bridge.dispose();
    });
  });

  describe('an inbound call', () => {
    it('announces, answers, ends and completes one engagement, opening the one matching contact', async () => {
      const hubspot = portal();
      const { bridge, callback } = await tab(hubspot);
      await bridge.load(callback);
      await bridge.incomingCall({ ...ids, callerANI: '+15550100100' });
      await until(async () => (await bridge.getCall(ids.conversationId))?.crmRecord?.id === '101', 'the contact link');
      expect(hubspot.navigations).to.deep.equal([{ portalId: hubspot.portalId, objectId: 101, objectTypeId: '0-1' }]);
      await bridge.callAccepted({ ...ids, ivrExitPath: 'billing' });
      await bridge.callEnded({
        ...ids,
        duration: 125,
        disposition: 'resolved',
        notes: 'Refund <script>alert(1)</script> & approved\nNext: call back',
      });
      await bridge.flush();
      expect(types(hubspot)).to.deep.equal([
        'INITIALIZED',
        'LOGGED_IN',
        'INCOMING_CALL',
        'NAVIGATE_TO_RECORD',
        'CALL_ANSWERED',
        'CALL_ENDED',
        'CALL_COMPLETED',
      ]);
      expect(hubspot.received[2]?.data).to.deep.include({
        externalCallId: ids.conversationId,
        fromNumber: '+15550100100',
        toNumber: '+18449401117',
        createEngagement: true,
      });
      const [engagement, ...others] = hubspot.engagementsFor(ids.conversationId);
      expect(others).to.have.length(0);
      expect(engagement).to.include({ ended: true, endStatus: 'COMPLETED', updates: 1 });
      expect(engagement?.properties).to.deep.include({
        hs_call_title: 'Inbound call',
        hs_call_direction: 'INBOUND',
        hs_call_duration: '125000',
        hs_call_status: 'COMPLETED',
        hs_call_disposition: OUTCOMES.resolved,
        hs_call_from_number: '+15550100100',
        hs_call_to_number: '+18449401117',
        hs_call_callee_object_id: '101',
        hs_call_callee_object_type: 'CONTACT',
        hs_call_body:
          'Refund &lt;script&gt;alert(1)&lt;/script&gt; &amp; approved<br>Next: call back<br><br>— Call details —<br>Duration: 125 s<br>Outcome: completed<br>IVR exit path: billing',
      });
      expect(hubspot.violations).to.deep.equal([]);
      await bridge.dispose();
    });

    it('links no record when several contacts and companies match', async () => {
      const hubspot = portal();
      const { bridge, callback } = await tab(hubspot);
      await bridge.load(callback);
      await bridge.incomingCall({ ...ids, callerANI: '+15550100200' });
      await until(() => types(hubspot).includes('INCOMING_CALL'), 'the incoming call');
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(hubspot.navigations).to.deep.equal([]);
      expect((await bridge.getCall(ids.conversationId))?.crmRecord).to.equal(undefined);
      await bridge.dispose();
    });

    it('updates the same engagement with notes submitted after the end, ending the call once', async () => {
      const hubspot = portal();
      const { bridge, callback } = await tab(hubspot);
      await bridge.load(callback);
      await bridge.incomingCall({ ...ids, callerANI: '+15550109999' });
      await bridge.callEnded({ ...ids, duration: 30, disposition: 'callback-later' });
      await bridge.flush();
      await bridge.callNotesSubmitted({ ...ids, notes: 'Wrap-up notes' });
      await bridge.flush();
      const engagements = hubspot.engagementsFor(ids.conversationId);
      expect(engagements).to.have.length(1);
      expect(engagements[0]?.updates).to.equal(2);
      // An unmapped code is kept in the body rather than sent as an outcome HubSpot would refuse.
      expect(asLog(engagements[0]!)).to.deep.equal({
        notes: 'Wrap-up notes',
        durationSeconds: 30,
        disposition: undefined,
      });
      expect(String(engagements[0]?.properties['hs_call_body'])).to.contain('Disposition: callback-later');
      expect(types(hubspot).filter((t) => t === 'CALL_ENDED')).to.have.length(1);
      expect(hubspot.violations).to.deep.equal([]);
      await bridge.dispose();
    });

    it('ends a missed call in HubSpot even when rejected calls are not logged', async () => {
      const hubspot = portal();
      const { bridge, callback } = await tab(hubspot, { logRejectedCalls: 'none' });
      await bridge.load(callback);
      await bridge.incomingCall({ ...ids, callerANI: '+15550109999' });
      await bridge.callRejected({ ...ids, reason: 'passive' });
      await until(() => hubspot.engagementsFor(ids.conversationId)[0]?.ended === true, 'the ended call');
      expect(hubspot.engagementsFor(ids.conversationId)[0]?.endStatus).to.equal('MISSED');
      expect(types(hubspot)).not.to.include('CALL_COMPLETED');
      await bridge.dispose();
    });

    it('retries a failed engagement update and still completes one engagement', async () => {
      const hubspot = portal();
      const { bridge, callback } = await tab(hubspot);
      await bridge.load(callback);
      hubspot.inject('update', 'failed', 2);
      await bridge.callEnded({ ...ids, duration: 5 });
      await until(async () => (await bridge.status()).outbox.pending === 0, 'the retried update');
      expect(hubspot.engagementsFor(ids.conversationId)).to.have.length(1);
      expect(types(hubspot).filter((t) => t === 'CALL_COMPLETED')).to.have.length(3);
      await bridge.dispose();
    });
  });

  describe('dialling from HubSpot', () => {
    it('turns onDialNumber into start_call and logs the outbound call against the record dialled from', async () => {
      const hubspot = portal();
      const { bridge, callback, received } = await tab(hubspot, { participantType: 'Agent' });
      await bridge.load(callback);
      await synced(hubspot);
      hubspot.dial({ phoneNumber: '(888) 397-3342', objectId: 201, objectType: 'COMPANY' });
      await until(() => received.some(([type]) => type === 'start_call'), 'start_call');
      expect(received.find(([type]) => type === 'start_call')?.[1]).to.deep.equal({
        ...PARTNER,
        dialTo: '+18883973342',
        dialFrom: '+18449401117',
        participantType: 'Agent',
      });
      await bridge.outboundCallInitiated({ ...ids, dialledTo: '+18883973342' });
      await until(
        async () => (await bridge.getCall(ids.conversationId))?.crmRecord?.id === '201',
        'the dialled record',
      );
      await bridge.callAccepted({ ...ids });
      await bridge.callEnded({ ...ids, duration: 61 });
      await bridge.flush();
      expect(hubspot.received.find((m) => m.type === 'OUTGOING_CALL_STARTED')?.data).to.deep.include({
        externalCallId: ids.conversationId,
        toNumber: '+18883973342',
        fromNumber: '+18449401117',
        createEngagement: true,
      });
      expect(hubspot.engagementsFor(ids.conversationId)[0]?.properties).to.deep.include({
        hs_call_direction: 'OUTBOUND',
        hs_call_callee_object_id: '201',
        hs_call_callee_object_type: 'COMPANY',
        hs_call_to_number: '+18883973342',
      });
      await bridge.dispose();
    });

    it('uses the country HubSpot sends, and refuses a number that cannot be dialled', async () => {
      const hubspot = portal();
      const { bridge, callback, received } = await tab(hubspot);
      await bridge.load(callback);
      await synced(hubspot);
      hubspot.dial({ phoneNumber: '020 7946 0958', countryCode: 'GB' });
      await until(() => received.some(([type]) => type === 'start_call'), 'start_call');
      expect((received.find(([type]) => type === 'start_call')?.[1] as { dialTo: string }).dialTo).to.equal(
        '+442079460958',
      );
      const refused = new Promise<BridgeError>((resolve) => bridge.on('adapter.refused', resolve));
      hubspot.dial({ phoneNumber: 'sales' });
      expect((await refused).code).to.equal('DIAL_NUMBER_INVALID');
      await bridge.dispose();
    });
  });

  describe('presence', () => {
    it('is a capability only with availableStatuses, and tells HubSpot available or unavailable', async () => {
      const hubspot = portal();
      expect(capabilitiesOf(hubspotAdapter(options((await widget(hubspot)).CallingExtensions))).presence).to.equal(
        false,
      );
      const { bridge, callback } = await tab(hubspot, { availableStatuses: ['available', 'ready'] });
      await bridge.load(callback);
      await bridge.statusChanged({ softphoneId: 'ready' });
      await bridge.flush();
      expect(hubspot.available).to.equal(true);
      await bridge.statusChanged({ softphoneId: 'lunch' });
      await bridge.flush();
      expect(hubspot.available).to.equal(false);
      await bridge.dispose();
    });
  });
});
