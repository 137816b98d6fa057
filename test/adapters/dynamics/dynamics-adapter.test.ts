import { expect } from '@esm-bundle/chai';
import { dynamicsAdapter } from '../../../adapters/dynamics/index.js';
import { BridgeError, capabilitiesOf } from '../../../src/contract/index.js';
import { FakeCif } from '../../fakes/fake-cif.js';
import {
  SERVICE_PROTECTION_MESSAGE,
  undeclaredPropertyMessage,
} from '../../fixtures/vendor/dynamics/dataverse-errors.js';
import { ENVIRONMENT_CAPTURED_ON_CONTACT } from '../../fixtures/vendor/dynamics/get-environment.js';
import {
  ONPRESENCECHANGE_DOCUMENTED,
  ONPRESENCECHANGE_ID_ONLY,
} from '../../fixtures/vendor/dynamics/onpresencechange.js';
import {
  CAPTURED_RECORD,
  ONCLICKTOACT_CAPTURED,
  ONCLICKTOACT_DOCUMENTED,
} from '../../fixtures/vendor/dynamics/onclicktoact.js';
import { ADA, PARTNER, callsFor, cif, options, org, tab, until } from './harness.js';

const ids = { partnerId: PARTNER.partnerId, conversationId: 'dyn-conv-1' };

describe('dynamicsAdapter()', () => {
  describe('load', () => {
    it('delivers dispositions and partner config, and turns click-to-act on', async () => {
      const fake = cif();
      const { bridge, callback, received } = tab(fake);
      await bridge.load(callback);
      expect(received).to.deep.equal([
        ['disposition', ['resolved', 'voicemail']],
        ['partner_config', PARTNER],
      ]);
      expect(fake.clickToAct).to.equal(true);
      expect(fake.handlers('onclicktoact')).to.equal(1);
      await bridge.dispose();
      expect(fake.handlers('onclicktoact')).to.equal(0);
    });

    it('rejects with CONFIG_INVALID naming every option at fault', async () => {
      const { bridge, callback } = tab(cif(), {
        partnerConfig: undefined as never,
        panelWidth: 50,
        keyAttribute: 'Bad Name',
        screenPopOn: 'later' as never,
      });
      const error = (await bridge.load(callback).then(
        () => undefined,
        (e: unknown) => e,
      )) as BridgeError;
      expect(error.code).to.equal('CONFIG_INVALID');
      expect(error.details['keys']).to.deep.equal(['partnerConfig', 'panelWidth', 'screenPopOn', 'keyAttribute']);
      await bridge.dispose();
    });

    it('fails to connect when CIF has not initialised, as Dynamics refuses calls before CIFInitDone', async () => {
      const { bridge, callback } = tab(new FakeCif(org()));
      const error = (await bridge.load(callback).then(
        () => undefined,
        (e: unknown) => e,
      )) as BridgeError;
      expect(error.code).to.equal('ADAPTER_CONNECT_FAILED');
      await bridge.dispose();
    });
  });

  describe('screen pops', () => {
    it('docks the panel on ring, opens the one matching contact and logs the phone call regarding it', async () => {
      const fake = cif();
      const { bridge, callback } = tab(fake, { panelWidth: 420 });
      await bridge.load(callback);
      await bridge.incomingCall({ ...ids, callerANI: '+15550100100' });
      await until(async () => (await bridge.getCall(ids.conversationId))?.crmRecord?.id === ADA, 'the record link');
      expect(fake.mode).to.equal(1);
      expect(fake.width).to.equal(420);
      expect(fake.views).to.deep.equal([{ kind: 'record', entity: 'contact', id: ADA }]);
      // The + of E.164 travels percent-encoded: unencoded, the Web API would read a space.
      expect(String(fake.calls.find((c) => c.method === 'searchAndOpenRecords')?.args[1])).to.contain(
        "telephone1 eq '%2B15550100100'",
      );
      await bridge.callAccepted({ ...ids, ivrExitPath: 'billing' });
      await bridge.callEnded({
        ...ids,
        duration: 125,
        disposition: 'resolved',
        notes: 'Refund <script>alert(1)</script> approved',
      });
      await bridge.flush();
      const calls = callsFor(fake, ids.conversationId);
      expect(calls).to.have.length(1);
      expect(calls[0]).to.include({
        subject: 'Inbound call +15550100100',
        phonenumber: '+15550100100',
        directioncode: false,
        actualdurationminutes: 2,
        category: 'resolved',
        regardingobjectid: ADA,
        description:
          'Refund <script>alert(1)</script> approved\n\n— Call details —\nDuration: 125 s\nOutcome: completed\nIVR exit path: billing',
      });
      await bridge.dispose();
    });

    it('opens the search page of the matching contacts when several share the number', async () => {
      const organisation = org();
      organisation.insert('contact', { fullname: 'Grace Hopper (home)', telephone2: '+15550100200' });
      const fake = cif(organisation);
      const { bridge, callback } = tab(fake, {
        searchEntities: [
          { entity: 'contact', phoneFields: ['telephone1', 'mobilephone', 'telephone2'], nameField: 'fullname' },
        ],
      });
      await bridge.load(callback);
      await bridge.incomingCall({ ...ids, callerANI: '5550100200' });
      await until(() => fake.views.length === 1, 'the search page');
      // Filled with the number as stored, not blank (CIF fills its page only from $search).
      expect(fake.views).to.deep.equal([{ kind: 'search', entity: 'contact', search: '+15550100200' }]);
      expect((await bridge.getCall(ids.conversationId))?.crmRecord).to.equal(undefined);
      await bridge.dispose();
    });

    it('fills the search page with the spelling the matches store, when it is not E.164', async () => {
      const organisation = org();
      organisation.insert('contact', { fullname: 'Front desk', telephone1: '(555) 010-0300' });
      organisation.insert('contact', { fullname: 'Back office', telephone2: '(555) 010-0300' });
      const fake = cif(organisation);
      const { bridge, callback } = tab(fake);
      await bridge.load(callback);
      await bridge.incomingCall({ ...ids, callerANI: '(555) 010-0300' });
      await until(() => fake.views.length === 1, 'the search page');
      expect(fake.views).to.deep.equal([{ kind: 'search', entity: 'contact', search: '(555) 010-0300' }]);
      await bridge.dispose();
    });

    it('opens a search for the number when a contact and an account share it, and links neither', async () => {
      const fake = cif();
      const { bridge, callback } = tab(fake);
      await bridge.load(callback);
      await bridge.incomingCall({ ...ids, callerANI: '+15550100200' });
      await until(() => fake.views.length === 1, 'the search page');
      expect(fake.views).to.deep.equal([{ kind: 'search', entity: 'contact', search: '+15550100200' }]);
      await bridge.callEnded({ ...ids, duration: 3 });
      await bridge.flush();
      expect(callsFor(fake, ids.conversationId)[0]).not.to.have.property('regardingobjectid');
      await bridge.dispose();
    });

    it('opens a quick-create contact form with the number when nothing matches', async () => {
      const fake = cif();
      const { bridge, callback } = tab(fake);
      await bridge.load(callback);
      await bridge.incomingCall({ ...ids, callerANI: '(555) 010-0999' });
      await until(() => fake.views.length === 1, 'the form');
      expect(fake.views).to.deep.equal([
        { kind: 'form', entity: 'contact', quickCreate: true, parameters: { telephone1: '+15550100999' } },
      ]);
      await bridge.dispose();
    });
  });

  describe('the phone call activity', () => {
    it('updates the same phone call with notes submitted after the end', async () => {
      const fake = cif();
      const { bridge, callback } = tab(fake);
      await bridge.load(callback);
      await bridge.callEnded({ ...ids, duration: 40, notes: 'first' });
      await bridge.flush();
      await bridge.callNotesSubmitted({ ...ids, notes: 'Wrap-up notes', disposition: 'voicemail' });
      await bridge.flush();
      const calls = callsFor(fake, ids.conversationId);
      expect(calls).to.have.length(1);
      expect(calls[0]).to.include({ category: 'voicemail' });
      expect(String(calls[0]?.['description'])).to.match(/^Wrap-up notes\n/);
      expect(fake.calls.filter((c) => c.method === 'createRecord')).to.have.length(1);
      expect(fake.calls.filter((c) => c.method === 'updateRecord')).to.have.length(1);
      await bridge.dispose();
    });

    it('finds the phone call by conversation id after a lost reply instead of creating another', async () => {
      const fake = cif();
      const { bridge, callback } = tab(fake);
      await bridge.load(callback);
      fake.inject('createRecord', { kind: 'lost-reply' });
      await bridge.callEnded({ ...ids, duration: 40, notes: 'kept once' });
      await until(async () => (await bridge.status()).outbox.pending === 0, 'the retried write');
      expect(callsFor(fake, ids.conversationId)).to.have.length(1);
      expect(fake.calls.filter((c) => c.method === 'updateRecord')).to.have.length(1);
      await bridge.dispose();
    });

    it('keys the phone call on a custom attribute when the admin configured one', async () => {
      const organisation = org();
      organisation.addAttribute('phonecall', 'new_conversationid');
      const fake = cif(organisation);
      const { bridge, callback } = tab(fake, { keyAttribute: 'new_conversationid' });
      await bridge.load(callback);
      await bridge.callEnded({ ...ids, duration: 1 });
      await bridge.flush();
      expect(callsFor(fake, ids.conversationId, 'new_conversationid')).to.have.length(1);
      await bridge.dispose();
    });

    it('tries a refusal that can never succeed once, then dead-letters it', async () => {
      const fake = cif();
      const { bridge, callback } = tab(fake);
      await bridge.load(callback);
      fake.inject('createRecord', {
        kind: 'error',
        message: undeclaredPropertyMessage('phonecalls', 'regardingobjectid_contact'),
      });
      const dead = new Promise<BridgeError>((resolve) =>
        bridge.on('outbox.deadLettered', (_entry, error) => resolve(error)),
      );
      await bridge.callEnded({ ...ids, duration: 12 });
      const error = await dead;
      expect(error.details['lastCode']).to.equal('ADAPTER_WRITE_FAILED');
      expect(fake.calls.filter((c) => c.method === 'createRecord')).to.have.length(1);
      expect(callsFor(fake, ids.conversationId)).to.have.length(0);
      await bridge.dispose();
    });

    it('retries a transient refusal (the service protection limit) until the phone call is logged once', async () => {
      const fake = cif();
      const { bridge, callback } = tab(fake);
      await bridge.load(callback);
      fake.inject('createRecord', { kind: 'error', message: SERVICE_PROTECTION_MESSAGE }, 2);
      await bridge.callEnded({ ...ids, duration: 12 });
      await until(() => callsFor(fake, ids.conversationId).length === 1, 'the retried write');
      expect(fake.calls.filter((c) => c.method === 'createRecord')).to.have.length(3);
      await bridge.flush();
      expect(callsFor(fake, ids.conversationId)).to.have.length(1);
      await bridge.dispose();
    });

    it('dead-letters a write Dataverse refuses as invalid, without retrying', async () => {
      const fake = cif();
      const { bridge, callback } = tab(fake, { keyAttribute: 'new_missing' });
      await bridge.load(callback);
      const dead = new Promise<BridgeError>((resolve) =>
        bridge.on('outbox.deadLettered', (_entry, error) => resolve(error)),
      );
      await bridge.callEnded({ ...ids, duration: 12 });
      expect((await dead).details['lastCode']).to.equal('ADAPTER_WRITE_FAILED');
      expect(fake.calls.filter((c) => c.method === 'searchAndOpenRecords')).to.have.length(1);
      await bridge.dispose();
    });
  });

  describe('click-to-act', () => {
    it('takes the captured "Phone" payload: start_call in E.164, linked to the clicked record it names', async () => {
      const organisation = org();
      organisation.insert('contact', { fullname: CAPTURED_RECORD.name }, CAPTURED_RECORD.id);
      const fake = cif(organisation);
      // The page shows another contact: the event's own entityId must win.
      fake.environment = { ...ENVIRONMENT_CAPTURED_ON_CONTACT };
      const { bridge, callback, received } = tab(fake, { participantType: 'Agent' });
      await bridge.load(callback);
      await fake.clickPhoneField(ONCLICKTOACT_CAPTURED);
      await until(() => received.some(([type]) => type === 'start_call'), 'start_call');
      expect(received.find(([type]) => type === 'start_call')?.[1]).to.deep.equal({
        ...PARTNER,
        dialTo: '+16195550129',
        dialFrom: '+18449401117',
        participantType: 'Agent',
      });
      await bridge.outboundCallInitiated({ ...ids, dialledTo: '+16195550129' });
      await until(
        async () => (await bridge.getCall(ids.conversationId))?.crmRecord?.id === CAPTURED_RECORD.id,
        'the clicked record',
      );
      expect((await bridge.getCall(ids.conversationId))?.crmRecord).to.deep.equal(CAPTURED_RECORD);
      expect(fake.calls.some((c) => c.method === 'getEnvironment' || c.method === 'searchAndOpenRecords')).to.equal(
        false,
      );
      await bridge.callEnded({ ...ids, duration: 30 });
      await bridge.flush();
      expect(callsFor(fake, ids.conversationId)[0]).to.include({
        regardingobjectid: CAPTURED_RECORD.id,
        regardingobjecttypecode: 'contact',
      });
      await bridge.dispose();
    });

    it('links a payload without a record id (the documented shape) to the record on screen, from getEnvironment', async () => {
      const organisation = org();
      const onScreen = ENVIRONMENT_CAPTURED_ON_CONTACT['id'] as string;
      organisation.insert('contact', { fullname: 'On screen' }, onScreen);
      const fake = cif(organisation);
      fake.environment = { ...ENVIRONMENT_CAPTURED_ON_CONTACT };
      const { bridge, callback, received } = tab(fake);
      await bridge.load(callback);
      // The documented payload with a dialable value (the docs' "123456789" is not a valid number).
      await fake.clickPhoneField(
        JSON.stringify({ ...(JSON.parse(ONCLICKTOACT_DOCUMENTED) as object), value: '(888) 397-3342' }),
      );
      await until(() => received.some(([type]) => type === 'start_call'), 'start_call');
      expect(received.find(([type]) => type === 'start_call')?.[1]).to.include({ dialTo: '+18883973342' });
      await bridge.outboundCallInitiated({ ...ids, dialledTo: '+18883973342' });
      await until(
        async () => (await bridge.getCall(ids.conversationId))?.crmRecord?.id === onScreen,
        'the record on screen',
      );
      expect(fake.calls.some((c) => c.method === 'searchAndOpenRecords')).to.equal(false);
      await bridge.dispose();
    });

    it('refuses the documented example number and ignores fields that are not phone numbers', async () => {
      const fake = cif();
      const { bridge, callback, received } = tab(fake);
      await bridge.load(callback);
      const refused = new Promise<BridgeError>((resolve) => bridge.on('adapter.refused', resolve));
      await fake.clickPhoneField(
        JSON.stringify({
          value: 'someone@example.com',
          name: 'emailaddress1',
          format: 'Email',
          entityLogicalName: 'contact',
        }),
      );
      await fake.clickPhoneField(ONCLICKTOACT_DOCUMENTED);
      const error = await refused;
      expect(error.code).to.equal('DIAL_NUMBER_INVALID');
      expect(error.message).not.to.contain('123456789');
      expect(received.some(([type]) => type === 'start_call')).to.equal(false);
      await bridge.dispose();
    });
  });

  describe('presence', () => {
    it('is a capability only when presenceMap is configured', () => {
      expect(capabilitiesOf(dynamicsAdapter(options(cif())))).to.deep.equal({ screenPop: true, presence: false });
      expect(capabilitiesOf(dynamicsAdapter(options(cif(), { presenceMap: { busy: 'Busy' } })))).to.deep.equal({
        screenPop: true,
        presence: true,
      });
    });

    it('sets the Omnichannel presence through CIF 2.0', async () => {
      const fake = cif(org(), 2);
      const { bridge, callback } = tab(fake, { presenceMap: { busy: 'Busy', away: 'Gone fishing' } });
      await bridge.load(callback);
      await bridge.statusChanged({ softphoneId: 'busy' });
      await bridge.flush();
      expect(fake.calls.filter((c) => c.method === 'setPresence').map((c) => c.args)).to.deep.equal([['Busy']]);
      const dead = new Promise<BridgeError>((resolve) =>
        bridge.on('outbox.deadLettered', (_entry, error) => resolve(error)),
      );
      await bridge.statusChanged({ softphoneId: 'away' }); // not a presence Omnichannel knows
      expect((await dead).details['lastCode']).to.equal('ADAPTER_WRITE_REFUSED');
      await bridge.dispose();
    });

    it('sends update_presence when Omnichannel reports a mapped presence (CIF 2.0 onPresenceChange)', async () => {
      const fake = cif(org(), 2);
      const { bridge, callback, received } = tab(fake, { presenceMap: { available: 'Available', busy: 'Busy' } });
      await bridge.load(callback);
      expect(fake.handlers('onPresenceChange')).to.equal(1);
      await fake.changePresence(ONPRESENCECHANGE_ID_ONLY); // no text: nothing to map
      await fake.changePresence(ONPRESENCECHANGE_DOCUMENTED);
      await until(() => received.some(([type]) => type === 'update_presence'), 'update_presence');
      expect(received.filter(([type]) => type === 'update_presence')).to.deep.equal([
        ['update_presence', { softphoneId: 'busy' }],
      ]);
      await bridge.dispose();
      expect(fake.handlers('onPresenceChange')).to.equal(0);
    });

    it('refuses presence on CIF 1.0, which has no presence API', async () => {
      const fake = cif(org(), 1);
      const { bridge, callback } = tab(fake, { presenceMap: { busy: 'Busy' } });
      await bridge.load(callback);
      const dead = new Promise<BridgeError>((resolve) =>
        bridge.on('outbox.deadLettered', (_entry, error) => resolve(error)),
      );
      await bridge.statusChanged({ softphoneId: 'busy' });
      expect((await dead).details['lastCode']).to.equal('ADAPTER_WRITE_REFUSED');
      await bridge.dispose();
    });
  });
});
