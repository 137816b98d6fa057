import { expect } from '@esm-bundle/chai';
import { sobotConnector, type SobotConnector } from '../../../connectors/sobot/index.js';
import type { Bridge } from '../../../src/core/bridge.js';
import type { FakeAdapter, FakeCrm } from '../../../adapters/fake/index.js';
import { FakeSobotAgent, loggedInAgent } from '../../fakes/fake-sobot.js';
import {
  EVENT_DIALING_DOCUMENTED,
  EVENT_RINGING_INBOUND_FROM_TABLES,
  EVENT_RINGING_OUTBOUND_FROM_TABLES,
} from '../../fixtures/vendor/sobot/message-format.js';
import {
  bridgeWithFakeCrm,
  connectorContext,
  manualClock,
  recordingLogger,
  settle,
  tick,
  type ManualClock,
} from '../tools.js';

describe('sobotConnector() through a bridge', () => {
  let clock: ManualClock;
  let agent: FakeSobotAgent;
  let connector: SobotConnector;
  let context: ReturnType<typeof connectorContext>;
  let logger: ReturnType<typeof recordingLogger>;
  let crm: FakeCrm;
  let adapter: FakeAdapter;
  let bridge: Bridge;

  beforeEach(async () => {
    clock = manualClock();
    logger = recordingLogger();
    context = connectorContext(clock, logger);
    ({ crm, adapter, bridge } = bridgeWithFakeCrm({ logger }));
    agent = await loggedInAgent(() => clock.now());
    connector = sobotConnector({ agent, statusMap: { available: 'ready', dnd: 2, lunch: 14 }, ani: '01066666666' });
    await connector.connect(bridge, context);
  });
  afterEach(async () => {
    await connector.disconnect();
    await bridge.dispose();
  });

  const done = () => settle(connector, bridge);

  describe('inbound calls', () => {
    it('rings, pops the caller once, and logs the answered call with its talk duration', async () => {
      const id = agent.ring('+15550100100');
      clock.advance(3_000);
      agent.answer();
      clock.advance(61_000);
      agent.hangup();
      await done();
      expect(crm.pops.map((p) => [p.conversationId, p.phoneNumber])).to.deep.equal([[id, '+15550100100']]);
      const [log] = crm.callLogs();
      expect(log?.call).to.include({
        conversationId: id,
        direction: 'inbound',
        phoneNumber: '+15550100100',
        durationSeconds: 61,
        outcome: 'completed',
        partnerId: 'partner-1',
      });
    });

    it("pops the caller by ANI, the number Sobot's call events carry (documented fields, verbatim)", async () => {
      agent.emit('EventRinging', EVENT_RINGING_INBOUND_FROM_TABLES);
      await done();
      expect(crm.pops.map((p) => p.phoneNumber)).to.deep.equal(['13912345678']);
      expect((await bridge.getCall(EVENT_RINGING_INBOUND_FROM_TABLES.callID))?.phoneNumber).to.equal('13912345678');
    });

    it('logs a call that rang out as missed (passive)', async () => {
      const id = agent.ring('+15550100100');
      agent.ringOut();
      await done();
      expect((await bridge.getCall(id))?.outcome).to.equal('missed');
      expect(crm.callLogs()).to.have.length(1);
    });

    it('treats a caller who hung up while ringing (the customer party released) as missed', async () => {
      const id = agent.ring('+15550100100');
      agent.customerHangsUp();
      await done();
      expect(
        agent.emitted.slice(-2).map((e) => [e.eventName, (e.message as { partyRole: string }).partyRole]),
      ).to.deep.equal([
        ['EventReleased', 'Customer'],
        ['EventReleased', 'Agent'],
      ]);
      expect((await bridge.getCall(id))?.outcome).to.equal('missed');
      expect(crm.callLogs()).to.have.length(1);
    });

    it('treats an EventAbandoned, should Sobot send one, as missed too', async () => {
      const id = agent.ring('+15550100100');
      agent.emit('EventAbandoned', { ...(agent.emitted.at(-1)?.message as object), messageID: 'EventAbandoned' });
      await done();
      expect((await bridge.getCall(id))?.outcome).to.equal('missed');
    });

    it('reports a decline through rejectCall() as an active rejection (not logged by default)', async () => {
      const id = agent.ring('+15550100100');
      connector.rejectCall();
      await done();
      expect(agent.requests.map((r) => r.method)).to.include('rejectCall');
      expect((await bridge.getCall(id))?.outcome).to.equal('declined');
      expect(crm.callLogs()).to.have.length(0);
    });
  });

  describe('outbound calls', () => {
    it('dials start_call with makeCall({otherDN, ANI}), ANI from dialFrom, else from options', async () => {
      await adapter.clickToDial({ dialTo: '+15550100100', dialFrom: '+15559990000' });
      await adapter.clickToDial({ dialTo: '+15550100101' }).catch(() => undefined);
      const calls = agent.requests.filter((r) => r.method === 'makeCall').map((r) => r.request);
      expect(calls[0]).to.deep.equal({ otherDN: '+15550100100', ANI: '+15559990000' });
      expect(context.reports.map((r) => r.code)).to.deep.equal(['CALLBACK_FAILED']); // the second: the agent is on a call
      expect(context.reports[0]?.details['vendorMethod']).to.equal('makeCall');
    });

    it('reports the dialled call (EventDialing) and logs it once the customer answered and hung up', async () => {
      await adapter.clickToDial({ dialTo: '+15550100100' });
      await tick();
      const id = agent.call!.callID;
      agent.customerAnswers();
      clock.advance(20_000);
      agent.customerHangsUp();
      await done();
      const [log] = crm.callLogs();
      expect(log?.call).to.include({
        conversationId: id,
        direction: 'outbound',
        phoneNumber: '+15550100100',
        durationSeconds: 20,
        outcome: 'completed',
      });
    });

    it('takes the dialled number when EventDialing carries none (the documented body, verbatim)', async () => {
      agent.makeCall = () => {}; // Sobot takes the request; its answer is the documented EventDialing below
      await adapter.clickToDial({ dialTo: '+15550100100' });
      agent.emit('EventDialing', EVENT_DIALING_DOCUMENTED);
      await done();
      expect((await bridge.getCall(EVENT_DIALING_DOCUMENTED.callID))?.phoneNumber).to.equal('+15550100100');
    });

    it("takes an outbound call's number from DNIS, the customer being the PSTN receiver (documented fields, verbatim)", async () => {
      agent.emit('EventRinging', EVENT_RINGING_OUTBOUND_FROM_TABLES);
      await done();
      expect(await bridge.getCall(EVENT_RINGING_OUTBOUND_FROM_TABLES.callID)).to.include({
        direction: 'outbound',
        phoneNumber: '13912345678',
      });
    });
  });

  describe('parties (Sobot reports each leg of a call)', () => {
    /** An agent who answers on their own phone: Sobot rings it before dialling the customer. */
    async function phoneAgent(phoneType: 'pstn' | 'sip'): Promise<FakeSobotAgent> {
      await connector.disconnect();
      const phone = await loggedInAgent(() => clock.now(), { phoneType, bindMobile: '13800000000' });
      connector = sobotConnector({ agent: phone });
      await connector.connect(bridge, context);
      return phone;
    }

    for (const phoneType of ['pstn', 'sip'] as const) {
      it(`does not take the agent picking up their own phone (${phoneType}) for the customer answering`, async () => {
        const phone = await phoneAgent(phoneType);
        await adapter.clickToDial({ dialTo: '+15550100100' });
        await tick();
        const id = phone.call!.callID;
        expect(phone.emitted.at(-1)?.message).to.deep.include({
          messageID: 'EventRinging',
          partyRole: 'Agent',
          callType: 'Outbound',
        });
        clock.advance(4_000);
        phone.answer(); // the agent's phone leg: EventEstablished (Agent), then Sobot rings the customer
        clock.advance(6_000);
        await done();
        expect(await bridge.getCall(id)).to.include({ state: 'dialing', phoneNumber: '+15550100100' });
        phone.customerAnswers();
        clock.advance(20_000);
        phone.hangup();
        await done();
        expect(crm.callLogs()[0]?.call).to.include({
          conversationId: id,
          phoneNumber: '+15550100100',
          durationSeconds: 20,
          outcome: 'completed',
        });
      });
    }

    it('logs an outbound call the customer never answered as unanswered, though the agent picked up their phone', async () => {
      const phone = await phoneAgent('pstn');
      await adapter.clickToDial({ dialTo: '+15550100100' });
      await tick();
      const id = phone.call!.callID;
      phone.answer();
      clock.advance(30_000);
      phone.hangup();
      await done();
      expect(crm.callLogs()[0]?.call).to.include({ conversationId: id, durationSeconds: 0, outcome: 'unanswered' });
    });

    it("does not pop an inbound call when only the customer's leg is connected (queue, IVR), before any ring for the agent", async () => {
      agent.emit('EventEstablished', {
        ...EVENT_RINGING_INBOUND_FROM_TABLES,
        messageID: 'EventEstablished',
        partyRole: 'Customer',
      });
      await done();
      expect(crm.pops).to.deep.equal([]);
      expect(await bridge.getCall(EVENT_RINGING_INBOUND_FROM_TABLES.callID)).to.equal(undefined);
      expect(context.reports).to.deep.equal([]);
    });

    it('keeps the call through a consult: the third party ringing, answering and leaving neither answers nor ends it', async () => {
      const id = agent.ring('+15550100100');
      agent.answer();
      clock.advance(10_000);
      agent.initiateConsult({ targetType: '1', target: '13900000000' });
      agent.thirdPartyAnswers();
      clock.advance(10_000);
      agent.retrieveConsult();
      await done();
      expect(
        agent.emitted
          .slice(-3)
          .map(
            (e) =>
              (e.message as { partyRole: string; callType: string }).partyRole +
              '/' +
              (e.message as { callType: string }).callType,
          ),
      ).to.deep.equal(['ThirdPSTN/Consult', 'ThirdPSTN/Consult', 'ThirdPSTN/Consult']);
      expect((await bridge.getCall(id))?.state).to.equal('connected');
      clock.advance(10_000);
      agent.hangup();
      await done();
      expect(crm.callLogs()).to.have.length(1);
      expect(crm.callLogs()[0]?.call).to.include({
        conversationId: id,
        phoneNumber: '+15550100100',
        durationSeconds: 30,
        outcome: 'completed',
      });
      expect(context.reports).to.deep.equal([]);
    });

    it('neither pops nor reports an internal (agent to agent) call, and logs that it ignored it', async () => {
      agent.emit('EventRinging', { ...EVENT_RINGING_INBOUND_FROM_TABLES, callType: 'Internal', ANI: '', DNIS: '' });
      await done();
      expect(crm.pops).to.deep.equal([]);
      expect(context.reports).to.deep.equal([]);
      expect(logger.lines.some((line) => line.includes('internal call'))).to.equal(true);
    });
  });

  describe('event names (SB-3: answered / released not confirmed by a published body)', () => {
    it('names, once and without values, a call event it does not listen to', async () => {
      const changed = { ...EVENT_RINGING_INBOUND_FROM_TABLES, messageID: 'EventPartyChanged' };
      agent.emit('EventPartyChanged', changed);
      agent.emit('EventPartyChanged', changed);
      agent.emit('EventAgentConnectionChanged', { messageID: 'EventAgentConnectionChanged' }); // not a call event
      await done();
      const notices = logger.lines.filter((line) => line.includes('is not mapped'));
      expect(notices).to.have.length(1);
      expect(notices[0]).to.contain('EventPartyChanged').and.contain('options.events').and.not.contain('13912345678');
      expect(crm.pops).to.deep.equal([]);
    });

    it('takes the answered and released events under the names options.events gives, and stops naming them', async () => {
      await connector.disconnect();
      connector = sobotConnector({ agent, events: { answered: 'EventTalking', released: 'EventHangup' } });
      await connector.connect(bridge, context);
      const ring = { ...EVENT_RINGING_INBOUND_FROM_TABLES };
      agent.emit('EventRinging', ring);
      clock.advance(3_000);
      agent.emit('EventTalking', { ...ring, messageID: 'EventTalking' });
      clock.advance(7_000);
      agent.emit('EventHangup', { ...ring, messageID: 'EventHangup', partyRole: 'Customer' });
      await done();
      expect(crm.callLogs()[0]?.call).to.include({
        conversationId: ring.callID,
        phoneNumber: '13912345678',
        durationSeconds: 7,
        outcome: 'completed',
      });
      expect(logger.lines.filter((line) => line.includes('is not mapped'))).to.deep.equal([]);
    });
  });

  describe('presence', () => {
    it('reports EventAgentReady and EventAgentNotReady (by reason code) as statusChanged', async () => {
      agent.emit('EventAgentNotReady', { messageID: 'EventAgentNotReady', reasonCode: '14' });
      await done();
      agent.emit('EventAgentReady', { messageID: 'EventAgentReady' });
      await done();
      expect(crm.presence).to.deep.equal(['lunch', 'available']);
    });

    it('reports a Sobot status the map does not name, and tells the CRM nothing', async () => {
      agent.emit('EventAgentNotReady', { messageID: 'EventAgentNotReady', reasonCode: 12 });
      await done();
      expect(crm.presence).to.deep.equal([]);
      expect(context.reports.map((r) => r.details['keys'])).to.deep.equal([['statusMap']]);
    });

    it('carries update_presence to notReady({reasonCode}) and ready()', async () => {
      await adapter.changePresence('lunch');
      await tick();
      expect(agent).to.include({ agentState: '2', reasonCode: 14 });
      await adapter.changePresence('available');
      await tick();
      expect(agent.agentState).to.equal('1');
      await done();
      expect(crm.presence).to.deep.equal([]);
    });

    it('reports an update_presence the map does not name', async () => {
      await adapter.changePresence('gone-fishing');
      expect(context.reports.map((r) => r.code)).to.deep.equal(['CONFIG_INVALID']);
      expect(agent.requests.filter((r) => r.method === 'ready' || r.method === 'notReady')).to.deep.equal([]);
    });

    it("reports Sobot's error callback with its errorCode, and a status call that never answers", async () => {
      const silent = await loggedInAgent(() => clock.now());
      silent.notReady = () => {}; // never calls back
      await connector.disconnect();
      connector = sobotConnector({
        agent: silent,
        statusMap: { lunch: 14, available: 'ready' },
        statusTimeoutMs: 5_000,
      });
      await connector.connect(bridge, context);
      await adapter.changePresence('lunch');
      clock.advance(5_000);
      await tick();
      expect(context.reports.map((r) => [r.code, r.message])).to.deep.equal([
        ['CALLBACK_TIMEOUT', 'sobot: agent.notReady(): no answer within 5000 ms.'],
      ]);
      await connector.disconnect();
      const fresh = new FakeSobotAgent(() => clock.now()); // not logged in: the SDK answers with error
      connector = sobotConnector({ agent: fresh, statusMap: { available: 'ready' } });
      await connector.connect(bridge, context);
      await adapter.changePresence('available');
      await tick();
      expect(context.reports[1]?.details).to.deep.include({ vendorMethod: 'ready', vendorCode: 'NOT_LOGGED_IN' });
    });
  });

  describe('duplicates and out-of-order events', () => {
    it('ignores every event of a call repeated after its end', async () => {
      const id = agent.ring('+15550100100');
      agent.answer();
      clock.advance(10_000);
      agent.hangup();
      await done();
      const revision = (await bridge.getCall(id))?.revision;
      for (const { eventName, message } of [...agent.emitted]) agent.emit(eventName, message);
      await done();
      expect((await bridge.getCall(id))?.revision).to.equal(revision);
      expect(crm.callLogs()[0]?.updates).to.equal(0);
    });

    it('applies a repeated ring or answer during the call once', async () => {
      const id = agent.ring('+15550100100');
      const ring = agent.emitted.at(-1)?.message;
      agent.answer();
      const answer = agent.emitted.at(-1)?.message;
      await done();
      const revision = (await bridge.getCall(id))?.revision;
      agent.emit('EventRinging', ring);
      agent.emit('EventEstablished', answer);
      agent.emit('EventRinging', ring);
      await done();
      expect((await bridge.getCall(id))?.revision).to.equal(revision);
      expect(crm.pops).to.have.length(1);
    });

    it('logs a release that arrives before its ring as a missed call, and ignores the late ring', async () => {
      agent.emit('EventReleased', {
        messageID: 'EventReleased',
        callID: 'late-1',
        callType: 'Inbound',
        otherDN: '+15550100100',
      });
      agent.emit('EventRinging', {
        messageID: 'EventRinging',
        callID: 'late-1',
        callType: 'Inbound',
        otherDN: '+15550100100',
      });
      await done();
      expect(await bridge.getCall('late-1')).to.include({ state: 'rejected', outcome: 'missed' });
      expect(crm.callLogs()).to.have.length(1);
    });

    it('applies events that arrive while load runs, after it', async () => {
      await connector.disconnect();
      connector = sobotConnector({ agent });
      const connecting = connector.connect(bridge, context);
      const id = agent.ring('+15550100100');
      await connecting;
      await done();
      expect((await bridge.getCall(id))?.state).to.equal('ringing');
    });
  });

  describe('reconnect (EventAgentRegainStatus)', () => {
    it('keeps a call answered before the drop as one call, with one pop and one log', async () => {
      const id = agent.ring('+15550100100');
      agent.answer();
      clock.advance(5_000);
      agent.dropConnection();
      clock.advance(5_000);
      agent.reconnect();
      clock.advance(5_000);
      agent.hangup();
      await done();
      expect(crm.pops).to.have.length(1);
      expect(crm.callLogs()).to.have.length(1);
      expect(crm.callLogs()[0]?.call).to.include({ conversationId: id, durationSeconds: 15, outcome: 'completed' });
    });

    it('accepts a call that was answered while the connection was down', async () => {
      const id = agent.ring('+15550100100');
      agent.dropConnection();
      clock.advance(4_000);
      agent.answer(); // lost
      clock.advance(6_000);
      agent.reconnect();
      clock.advance(10_000);
      agent.hangup();
      await done();
      expect(crm.callLogs()[0]?.call).to.include({ conversationId: id, durationSeconds: 16, outcome: 'completed' });
    });

    it('ends a call that ended while the connection was down', async () => {
      const id = agent.ring('+15550100100');
      agent.answer();
      clock.advance(8_000);
      agent.dropConnection();
      agent.hangup(); // lost
      clock.advance(30_000);
      agent.reconnect();
      await done();
      expect(crm.callLogs()[0]?.call).to.include({ conversationId: id, state: 'ended', durationSeconds: 8 });
    });

    it('rebuilds the call after a page reload without a second pop or log', async () => {
      const id = agent.ring('+15550100100');
      agent.answer();
      clock.advance(12_000);
      await done();
      await connector.disconnect(); // the page goes away; the bridge's store keeps the call
      const reloaded = new FakeSobotAgent(() => clock.now());
      reloaded.serverSession = {
        agentState: '1',
        call: { callID: id, callType: 'Inbound', otherDN: '+15550100100' },
        workStatusTimestamp: clock.now() - 12_000,
      };
      connector = sobotConnector({ agent: reloaded, statusMap: { available: 'ready' } });
      await connector.connect(bridge, context);
      await new Promise<void>((resolve) =>
        reloaded.initAgent({ token: 't', companyId: 'c', agent: '1005', success: () => resolve() }),
      );
      await tick();
      clock.advance(8_000);
      reloaded.hangup();
      await done();
      expect(crm.pops).to.have.length(1);
      expect(crm.callLogs()).to.have.length(1);
      expect(crm.callLogs()[0]?.call).to.include({ conversationId: id, durationSeconds: 20, outcome: 'completed' });
      expect(crm.presence).to.deep.equal(['available']);
    });
  });

  it('logs ids and codes only: no phone numbers, no token', async () => {
    agent.ring('+15550100100');
    agent.emit('EventRinging', { messageID: 'EventRinging', otherDN: '+15550100199' });
    agent.answer();
    agent.hangup();
    await adapter.clickToDial({ dialTo: '+15550100177' });
    await done();
    expect(logger.lines.length).to.be.greaterThan(3);
    for (const line of logger.lines) expect(line).not.to.match(/555010|sobot-token-SECRET/);
    for (const report of context.reports) expect(report.message).not.to.match(/555010/);
  });

  it('stops listening on disconnect', async () => {
    expect(agent.listenerCount()).to.equal(9); // the eight mapped events and EventAgentAll (unmapped call events)
    await connector.disconnect();
    expect(agent.listenerCount()).to.equal(0);
    agent.ring('+15550100100');
    await done();
    expect(crm.pops).to.deep.equal([]);
  });
});
