import { expect } from '@esm-bundle/chai';
import sinon from 'sinon';
import { BridgeError } from '../../../src/errors/index.js';
import { createIndexedDbStore } from '../../../src/outbox/indexeddb-store.js';
import { INVALID_PARAM_SAMPLE } from '../../fixtures/vendor/salesforce/errors.js';
import {
  CLICK_CONTACT,
  CLICK_PERSON_ACCOUNT,
  NAVIGATE_LIST_VIEW,
} from '../../fixtures/vendor/salesforce/listener-payloads.js';
import { SEARCH_ACCOUNT_ENTRY_ONLY } from '../../fixtures/vendor/salesforce/search-and-screen-pop.js';
import { PARTNER, org, tab, until } from './harness.js';

const ids = { partnerId: PARTNER.partnerId, conversationId: 'sf-conv-1' };

describe('salesforceAdapter()', () => {
  afterEach(() => sinon.restore());

  describe('load', () => {
    it('delivers dispositions and partner config from the call center, and enables click-to-dial', async () => {
      const { bridge, cti, callback, received } = tab(org());
      await bridge.load(callback);
      expect(received).to.deep.equal([
        ['disposition', ['resolved', 'callback-requested', 'voicemail']],
        ['partner_config', PARTNER],
      ]);
      expect(cti.clickToDialEnabled).to.equal(true);
      expect(cti.calls.map((c) => c.method)).to.include.members([
        'getCallCenterSettings',
        'onClickToDial',
        'onNavigationChange',
        'enableClickToDial',
        'subscribe',
      ]);
      await bridge.dispose();
    });

    it('rejects with CONFIG_INVALID naming every missing required key', async () => {
      const salesforce = org();
      delete salesforce.settings['/SoftphoneBridge/PartnerId'];
      salesforce.settings['/SoftphoneBridge/ChannelOriginId'] = 'not-a-guid';
      const { bridge, callback } = tab(salesforce);
      const error = (await bridge.load(callback).then(
        () => undefined,
        (e: unknown) => e,
      )) as BridgeError;
      expect(error.code).to.equal('CONFIG_INVALID');
      expect(error.details['keys']).to.deep.equal(['PartnerId', 'ChannelOriginId']);
      expect(error.message).to.contain('/SoftphoneBridge/PartnerId is required');
      await bridge.dispose();
    });

    it('times out when Open CTI never answers, instead of hanging', async () => {
      const { bridge, cti, callback } = tab(org());
      cti.inject('getCallCenterSettings', { kind: 'silent' });
      const error = (await bridge.load(callback).then(
        () => undefined,
        (e: unknown) => e,
      )) as BridgeError;
      expect(error.code).to.equal('ADAPTER_TIMEOUT');
      await bridge.dispose();
    });
  });

  describe('screen pops', () => {
    it('shows the panel and opens the one matching record, then logs the Task against it', async () => {
      const salesforce = org();
      const { bridge, cti, callback } = tab(salesforce);
      await bridge.load(callback);
      await bridge.incomingCall({ ...ids, callerANI: '+15550100100' });
      await until(async () => (await bridge.getCall(ids.conversationId))?.crmRecord !== undefined, 'the record link');
      expect(cti.panelVisible).to.equal(true);
      expect(cti.popped).to.deep.equal([{ type: 'sobject', params: { recordId: '003000000000001AAA' } }]);
      await bridge.callAccepted({ ...ids, ivrExitPath: 'billing', recordingStatus: 'ON' });
      await bridge.callEnded({
        ...ids,
        duration: 125,
        disposition: 'resolved',
        notes: 'Refund <script>alert(1)</script> approved',
      });
      await bridge.flush();
      const tasks = salesforce.tasksFor(ids.conversationId);
      expect(tasks).to.have.length(1);
      expect(tasks[0]?.fields).to.include({
        TaskSubtype: 'Call',
        Status: 'Completed',
        CallType: 'Inbound',
        CallDurationInSeconds: 125,
        CallDisposition: 'resolved',
        CallObject: ids.conversationId,
        WhoId: '003000000000001AAA',
      });
      expect(String(tasks[0]?.fields['Description'])).to.match(
        /^Refund <script>alert\(1\)<\/script> approved\n\n— Call details —\nIVR exit path: billing\nRecording status: ON$/,
      );
      expect(cti.calls.filter((c) => c.method === 'refreshView').length).to.be.greaterThan(0);
      await bridge.dispose();
    });

    it('shows the search for several matches and links the record the agent opens', async () => {
      const salesforce = org();
      const { bridge, cti, callback } = tab(salesforce);
      await bridge.load(callback);
      await bridge.incomingCall({ ...ids, callerANI: '5550100200' });
      await until(() => cti.popped.length === 1, 'the search pop');
      expect(cti.popped[0]?.type).to.equal('search');
      cti.navigate({ recordId: '001000000000099AAA', objectType: 'Account' }); // not one of the matches
      cti.navigate({ recordId: '001000000000003AAA', objectType: 'Account', recordName: 'Hopper Labs' });
      await until(async () => (await bridge.getCall(ids.conversationId))?.crmRecord !== undefined, 'the chosen record');
      await bridge.callEnded({ ...ids, duration: 5 });
      await bridge.flush();
      expect(salesforce.tasksFor(ids.conversationId)[0]?.fields).to.include({ WhatId: '001000000000003AAA' });
      await bridge.dispose();
    });

    it('hands SCREEN_POP_DATA to screenPop unmodified, keys it does not know included', async () => {
      const { bridge, cti, callback } = tab(org());
      // searchAndScreenPop for Lightning: "Return this object unmodified to sforce.opencti.screenPop".
      cti.screenPopDataExtras = { defaultFieldValues: { Phone: '5550100200' }, queryParams: 'origin=softphone' };
      await bridge.load(callback);
      await bridge.incomingCall({ ...ids, callerANI: '5550100200' });
      await until(() => cti.popped.length === 1, 'the search pop');
      expect(cti.popped[0]).to.deep.equal({
        type: 'search',
        params: { searchString: '5550100200' },
        defaultFieldValues: { Phone: '5550100200' },
        queryParams: 'origin=softphone',
      });
      await bridge.dispose();
    });

    it("reads the guide's Account search entry (no Id, no RecordType): Id from the key, type from object, name from Name", async () => {
      const salesforce = org();
      salesforce.cannedSearchAnswer = SEARCH_ACCOUNT_ENTRY_ONLY;
      const { bridge, cti, callback } = tab(salesforce);
      await bridge.load(callback);
      await bridge.incomingCall({ ...ids, callerANI: '+15550100100' });
      await until(async () => (await bridge.getCall(ids.conversationId))?.crmRecord !== undefined, 'the record link');
      expect((await bridge.getCall(ids.conversationId))?.crmRecord).to.deep.equal({
        id: '001x0000003DGQR',
        type: 'Account',
        name: 'Acme',
      });
      expect(cti.popped).to.deep.equal([{ type: 'sobject', params: { recordId: '001x0000003DGQR' } }]);
      await bridge.callEnded({ ...ids, duration: 9 });
      await bridge.flush();
      expect(salesforce.tasksFor(ids.conversationId)[0]?.fields).to.include({ WhatId: '001x0000003DGQR' });
      await bridge.dispose();
    });

    it('links the match of a layout whose entries lack Id and RecordType', async () => {
      const salesforce = org();
      salesforce.softphoneLayout = { objects: { Contact: ['Name', 'Phone'], Account: ['Name'] }, entries: 'classic' };
      const { bridge, callback } = tab(salesforce);
      await bridge.load(callback);
      await bridge.incomingCall({ ...ids, callerANI: '+15550100100' });
      await until(async () => (await bridge.getCall(ids.conversationId))?.crmRecord !== undefined, 'the record link');
      expect((await bridge.getCall(ids.conversationId))?.crmRecord).to.deep.equal({
        id: '003000000000001AAA',
        type: 'Contact',
        name: 'Ada Lovelace',
      });
      await bridge.callEnded({ ...ids, duration: 9 });
      await bridge.flush();
      expect(salesforce.tasksFor(ids.conversationId)[0]?.fields).to.include({ WhoId: '003000000000001AAA' });
      await bridge.dispose();
    });

    it('sees no match when the softphone layout shows no field of the object (the deploy guide asks for Name)', async () => {
      const salesforce = org();
      salesforce.softphoneLayout = { objects: { Contact: [], Account: ['Name'] }, entries: 'lightning' };
      const { bridge, cti, callback } = tab(salesforce);
      await bridge.load(callback);
      await bridge.incomingCall({ ...ids, callerANI: '+15550100100' });
      await until(() => cti.popped.length === 1, 'the pop');
      expect(cti.popped[0]?.type).to.equal('newRecord');
      expect((await bridge.getCall(ids.conversationId))?.crmRecord).to.equal(undefined);
      await bridge.dispose();
    });

    it('ignores a navigation without a record (a list view gives only its url) while the agent chooses', async () => {
      const salesforce = org();
      const { bridge, cti, callback } = tab(salesforce);
      await bridge.load(callback);
      await bridge.incomingCall({ ...ids, callerANI: '5550100200' });
      await until(() => cti.popped.length === 1, 'the search pop');
      cti.navigate({ ...NAVIGATE_LIST_VIEW });
      cti.navigate({
        url: 'https://acme.lightning.force.com/lightning/r/Contact/003000000000002AAA/view',
        recordId: '003000000000002AAA',
        recordName: 'Grace Hopper',
        objectType: 'Contact',
      });
      await until(async () => (await bridge.getCall(ids.conversationId))?.crmRecord !== undefined, 'the chosen record');
      expect((await bridge.getCall(ids.conversationId))?.crmRecord).to.deep.equal({
        id: '003000000000002AAA',
        type: 'Contact',
        name: 'Grace Hopper',
      });
      await bridge.dispose();
    });

    it('offers a new contact prefilled with the number when nothing matches', async () => {
      const { bridge, cti, callback } = tab(org());
      await bridge.load(callback);
      await bridge.incomingCall({ ...ids, callerANI: '+19995550000' });
      await until(() => cti.popped.length === 1, 'the new-record pop');
      expect(cti.popped[0]).to.deep.equal({
        type: 'newRecord',
        params: { entityName: 'Contact', defaultFieldValues: { Phone: '+19995550000' } },
      });
      await bridge.dispose();
    });

    it('waits for the accept when ScreenPopOn is accept, but shows the panel on ring', async () => {
      const { bridge, cti, callback } = tab(org({ ScreenPopOn: 'accept' }));
      await bridge.load(callback);
      await bridge.incomingCall({ ...ids, callerANI: '+15550100100' });
      await until(() => cti.panelVisible, 'the panel');
      expect(cti.calls.some((c) => c.method === 'searchAndScreenPop')).to.equal(false);
      await bridge.callAccepted({ ...ids });
      await until(() => cti.popped.length === 1, 'the pop on accept');
      await bridge.dispose();
    });
  });

  describe('call logs', () => {
    it('updates the same Task when notes come after the end', async () => {
      const salesforce = org();
      const { bridge, callback } = tab(salesforce);
      await bridge.load(callback);
      await bridge.incomingCall({ ...ids, callerANI: '+19995550000' });
      await bridge.callEnded({ ...ids, duration: 30 });
      await bridge.flush();
      await bridge.callNotesSubmitted({ ...ids, notes: 'Wrap-up notes', disposition: 'voicemail' });
      await bridge.flush();
      const tasks = salesforce.tasksFor(ids.conversationId);
      expect(tasks).to.have.length(1);
      expect(tasks[0]?.updates).to.equal(1);
      expect(tasks[0]?.fields).to.include({
        Description: 'Wrap-up notes',
        CallDisposition: 'voicemail',
        TaskSubtype: 'Call',
      });
      await bridge.dispose();
    });

    it("reads the Task Id from saveLog's returnValue.recordId: one create, then updates by that Id", async () => {
      const salesforce = org();
      const { bridge, cti, callback } = tab(salesforce);
      await bridge.load(callback);
      await bridge.callEnded({ ...ids, duration: 30 });
      await bridge.flush();
      await bridge.callNotesSubmitted({ ...ids, notes: 'after the end' });
      await bridge.flush();
      const [task] = salesforce.tasksFor(ids.conversationId);
      const saves = cti.calls
        .filter((c) => c.method === 'saveLog')
        .map((c) => c.args['value'] as Record<string, unknown>);
      expect(saves.map((v) => v['entityApiName'] ?? v['Id'])).to.deep.equal(['Task', task?.Id]);
      expect(salesforce.tasksFor(ids.conversationId)).to.have.length(1);
      await bridge.dispose();
    });

    it('retries a failed saveLog and still ends with one Task', async () => {
      const salesforce = org();
      const { bridge, cti, callback } = tab(salesforce);
      await bridge.load(callback);
      cti.inject('saveLog', { kind: 'error', code: 'SERVER_ERROR' }, 2);
      await bridge.callEnded({ ...ids, duration: 12 });
      await until(
        async () =>
          salesforce.tasksFor(ids.conversationId).length === 1 && (await bridge.status()).outbox.pending === 0,
        'the Task',
      );
      expect(cti.calls.filter((c) => c.method === 'saveLog')).to.have.length(3);
      await bridge.dispose();
    });

    it('dead-letters a saveLog that Salesforce refuses as invalid, without retrying', async () => {
      const { bridge, cti, callback } = tab(org());
      await bridge.load(callback);
      cti.inject('saveLog', {
        kind: 'error',
        code: INVALID_PARAM_SAMPLE[0]!.code,
        description: INVALID_PARAM_SAMPLE[0]!.description,
      });
      const dead = new Promise<BridgeError>((resolve) =>
        bridge.on('outbox.deadLettered', (_entry, error) => resolve(error)),
      );
      await bridge.callEnded({ ...ids, duration: 12 });
      expect((await dead).details['lastCode']).to.equal('ADAPTER_WRITE_FAILED');
      expect(cti.calls.filter((c) => c.method === 'saveLog')).to.have.length(1);
      await bridge.dispose();
    });

    it('upserts through Apex when ApexUpsert is on, so a lost reply cannot make a second Task', async () => {
      const salesforce = org({ ApexUpsert: 'true' });
      salesforce.deployCallLogClass();
      const { bridge, cti, callback } = tab(salesforce);
      await bridge.load(callback);
      cti.inject('runApex.upsertCallLog', { kind: 'lost-reply' });
      await bridge.callEnded({ ...ids, duration: 12, notes: 'a+b = c & d' });
      await until(async () => (await bridge.status()).outbox.pending === 0, 'the retried upsert', 5000);
      expect(salesforce.tasksFor(ids.conversationId)).to.have.length(1);
      expect(salesforce.tasksFor(ids.conversationId)[0]?.fields['Description']).to.equal('a+b = c & d');
      expect(cti.calls.some((c) => c.method === 'saveLog')).to.equal(false);
      await bridge.dispose();
    });

    it('retries a thrown Apex upsert as runApex: "Could not load Apex class" does not mean the class is missing', async () => {
      const salesforce = org({ ApexUpsert: 'true' });
      salesforce.deployCallLogClass().throwNext();
      const { bridge, cti, callback } = tab(salesforce);
      await bridge.load(callback);
      await bridge.callEnded({ ...ids, duration: 12 });
      await until(async () => (await bridge.status()).outbox.pending === 0, 'the retried upsert', 5000);
      const upserts = cti.calls.filter((c) => c.method === 'runApex' && c.args['methodName'] === 'upsertCallLog');
      expect(upserts).to.have.length(2);
      expect(salesforce.tasksFor(ids.conversationId)).to.have.length(1);
      expect(cti.calls.some((c) => c.method === 'saveLog')).to.equal(false);
      // The next call still goes through Apex: one failure switched nothing off.
      await bridge.callEnded({ ...ids, conversationId: 'sf-conv-2', duration: 3 });
      await bridge.flush();
      expect(salesforce.tasksFor('sf-conv-2')).to.have.length(1);
      expect(cti.calls.some((c) => c.method === 'saveLog')).to.equal(false);
      await bridge.dispose();
    });

    it('never doubles a Task when an Apex reply is lost and the retry fails', async () => {
      const salesforce = org({ ApexUpsert: 'true' });
      salesforce.deployCallLogClass();
      const { bridge, cti, callback } = tab(salesforce);
      await bridge.load(callback);
      // The first upsert commits but its answer never comes; the first retry fails on the server.
      cti.inject('runApex.upsertCallLog', { kind: 'lost-reply' });
      cti.inject('runApex.upsertCallLog', { kind: 'error', code: 'SERVER_ERROR' });
      await bridge.callEnded({ ...ids, duration: 12, notes: 'kept once' });
      await until(async () => (await bridge.status()).outbox.pending === 0, 'the retried upsert', 5000);
      expect(salesforce.tasksFor(ids.conversationId)).to.have.length(1);
      expect(
        cti.calls.filter((c) => c.method === 'runApex' && c.args['methodName'] === 'upsertCallLog'),
      ).to.have.length(3);
      expect(cti.calls.some((c) => c.method === 'saveLog')).to.equal(false);
      await bridge.dispose();
    });

    it('falls back to saveLog when the probe says the Apex class is not deployed', async () => {
      const salesforce = org({ ApexUpsert: 'true' });
      const { bridge, cti, callback } = tab(salesforce);
      await bridge.load(callback);
      await bridge.callEnded({ ...ids, duration: 12 });
      await bridge.callEnded({ ...ids, conversationId: 'sf-conv-2', duration: 3 });
      await bridge.flush();
      expect(salesforce.tasksFor(ids.conversationId)).to.have.length(1);
      expect(salesforce.tasksFor('sf-conv-2')).to.have.length(1);
      const apexCalls = cti.calls.filter((c) => c.method === 'runApex');
      expect(apexCalls.length).to.be.greaterThan(0);
      expect(apexCalls.every((c) => c.args['methodName'] === 'probe')).to.equal(true);
      await bridge.dispose();
    });

    it('waits for an unanswered probe instead of falling back, then upserts through Apex', async () => {
      const salesforce = org({ ApexUpsert: 'true' });
      salesforce.deployCallLogClass();
      const { bridge, cti, callback } = tab(salesforce);
      // The probe at connect and the one before the first write get no answer at all.
      cti.inject('runApex.probe', { kind: 'silent' }, 2);
      await bridge.load(callback);
      await bridge.callEnded({ ...ids, duration: 12 });
      await until(async () => (await bridge.status()).outbox.pending === 0, 'the upsert', 8000);
      expect(salesforce.tasksFor(ids.conversationId)).to.have.length(1);
      expect(cti.calls.some((c) => c.method === 'saveLog')).to.equal(false);
      expect(
        cti.calls.filter((c) => c.method === 'runApex' && c.args['methodName'] === 'probe').length,
      ).to.be.greaterThan(2);
      await bridge.dispose();
    });

    it('writes one Task across a reload mid-queue', async () => {
      const salesforce = org();
      const name = `sf-reload-${Math.random().toString(36).slice(2)}`;
      const first = tab(salesforce, { store: createIndexedDbStore(name) });
      await first.bridge.load(first.callback);
      first.cti.inject('saveLog', { kind: 'silent' }, 10);
      await first.bridge.incomingCall({ ...ids, callerANI: '+19995550000' });
      await first.bridge.callEnded({ ...ids, duration: 40, notes: 'before reload' });
      await first.bridge.dispose(); // the page goes away with the write unconfirmed
      expect(salesforce.tasksFor(ids.conversationId)).to.have.length(0);
      const second = tab(salesforce, { store: createIndexedDbStore(name) });
      await second.bridge.load(second.callback);
      await until(async () => (await second.bridge.status()).outbox.pending === 0, 'the replayed Task');
      const tasks = salesforce.tasksFor(ids.conversationId);
      expect(tasks).to.have.length(1);
      expect(tasks[0]?.fields['Description']).to.equal('before reload');
      await second.bridge.dispose();
      indexedDB.deleteDatabase(name);
    });

    it('writes one Task when two tabs receive the same call', async () => {
      const salesforce = org();
      const name = `sf-tabs-${Math.random().toString(36).slice(2)}`;
      const [a, b] = [
        tab(salesforce, { store: createIndexedDbStore(name), storeName: name }),
        tab(salesforce, { store: createIndexedDbStore(name), storeName: name }),
      ];
      await Promise.all([a.bridge.load(a.callback), b.bridge.load(b.callback)]);
      for (const t of [a, b]) {
        await t.bridge.incomingCall({ ...ids, callerANI: '+19995550000' });
        await t.bridge.callAccepted({ ...ids });
      }
      await Promise.all([
        a.bridge.callEnded({ ...ids, duration: 61, notes: 'same call' }),
        b.bridge.callEnded({ ...ids, duration: 61, notes: 'same call' }),
      ]);
      await Promise.all([a.bridge.flush(), b.bridge.flush()]);
      await until(async () => (await a.bridge.status()).outbox.pending === 0, 'the Task');
      expect(salesforce.tasksFor(ids.conversationId)).to.have.length(1);
      expect(a.cti.popped.length + b.cti.popped.length).to.equal(1);
      await Promise.all([a.bridge.dispose(), b.bridge.dispose()]);
      indexedDB.deleteDatabase(name);
    });
  });

  describe('click-to-dial and the call button', () => {
    it('sends start_call in E.164 with the partner config, DialFrom and ParticipantType', async () => {
      const { bridge, cti, callback, received } = tab(org());
      await bridge.load(callback);
      cti.clickToDial({
        number: '(888) 397-3342',
        recordId: '003000000000001AAA',
        recordName: 'Ada Lovelace',
        objectType: 'Contact',
      });
      await until(() => received.some(([type]) => type === 'start_call'), 'start_call');
      expect(received.find(([type]) => type === 'start_call')?.[1]).to.deep.equal({
        ...PARTNER,
        dialTo: '+18883973342',
        dialFrom: '+18449401117',
        participantType: 'Agent',
      });
      await bridge.outboundCallInitiated({ ...ids, dialledTo: '+18883973342' });
      await until(
        async () => (await bridge.getCall(ids.conversationId))?.crmRecord?.id === '003000000000001AAA',
        'the clicked record',
      );
      expect(cti.calls.some((c) => c.method === 'searchAndScreenPop')).to.equal(false);
      await bridge.dispose();
    });

    it('dials from the payloads the guide lists: a Contact click, and a person-account click with its extra fields', async () => {
      const { bridge, cti, callback, received } = tab(org());
      await bridge.load(callback);
      cti.clickToDial({ ...CLICK_CONTACT });
      cti.clickToDial({ ...CLICK_PERSON_ACCOUNT });
      await until(() => received.filter(([type]) => type === 'start_call').length === 2, 'two start_call');
      expect(
        received.filter(([type]) => type === 'start_call').map(([, p]) => (p as { dialTo: string }).dialTo),
      ).to.deep.equal(['+14155551212', '+442079460958']);
      await bridge.dispose();
    });

    it('refuses an invalid number with a clear error and no call', async () => {
      const { bridge, cti, callback, received } = tab(org());
      await bridge.load(callback);
      const refused = new Promise<BridgeError>((resolve) => bridge.on('adapter.refused', resolve));
      cti.clickToDial({ number: '12', recordId: '003000000000001AAA' });
      const error = await refused;
      expect(error.code).to.equal('DIAL_NUMBER_INVALID');
      expect(error.message).to.contain('too-short').and.not.to.contain('12;');
      expect(received.some(([type]) => type === 'start_call')).to.equal(false);
      await bridge.dispose();
    });

    it('dials from the call button message on the Lightning message channel', async () => {
      const salesforce = org();
      const { bridge, callback, received } = tab(salesforce);
      await bridge.load(callback);
      const refused = new Promise<BridgeError>((resolve) => bridge.on('adapter.refused', resolve));
      // DefaultCountry is US: a UK national number without +44 is refused, not dialled as a US number.
      salesforce.publish('SoftphoneBridge__c', {
        type: 'dial',
        dialTo: '020 7946 0958',
        recordId: '001000000000003AAA',
        objectType: 'Account',
      });
      expect((await refused).code).to.equal('DIAL_NUMBER_INVALID');
      salesforce.publish('SoftphoneBridge__c', {
        type: 'dial',
        dialTo: '+44 20 7946 0958',
        recordId: '001000000000003AAA',
        objectType: 'Account',
      });
      await until(() => received.some(([type]) => type === 'start_call'), 'start_call');
      expect(
        received.filter(([type]) => type === 'start_call').map(([, p]) => (p as { dialTo: string }).dialTo),
      ).to.deep.equal(['+442079460958']);
      await bridge.outboundCallInitiated({ ...ids, dialledTo: '+442079460958' });
      await until(
        async () => (await bridge.getCall(ids.conversationId))?.crmRecord?.id === '001000000000003AAA',
        'the record of the button',
      );
      await bridge.dispose();
    });
  });

  describe('presence', () => {
    it('publishes softphone status changes for the Omni-Channel companion and takes its changes back, without echo', async () => {
      const salesforce = org();
      const { bridge, cti, callback, received } = tab(salesforce);
      await bridge.load(callback);
      await bridge.statusChanged({ softphoneId: 'busy' });
      await bridge.flush();
      expect(cti.published).to.deep.equal([
        {
          channelName: 'SoftphoneBridge__c',
          message: { type: 'setPresence', source: 'softphone', statusDeveloperName: 'Busy_Calls' },
        },
      ]);
      salesforce.publish('SoftphoneBridge__c', { type: 'presence', source: 'omni', statusDeveloperName: 'Busy_Calls' }); // the companion's echo
      salesforce.publish('SoftphoneBridge__c', { type: 'presence', source: 'omni', statusDeveloperName: 'Away' }); // the agent's change in Omni
      await until(() => received.some(([type]) => type === 'update_presence'), 'update_presence');
      expect(received.filter(([type]) => type === 'update_presence')).to.deep.equal([
        ['update_presence', { softphoneId: 'away' }],
      ]);
      await bridge.statusChanged({ softphoneId: 'away' }); // the softphone applies it
      await bridge.flush();
      expect(cti.published).to.have.length(1);
      await bridge.dispose();
    });
  });
});
