import { expect } from '@esm-bundle/chai';
import {
  voicenterConnector,
  type VoicenterConnector,
  type VoicenterServerMessage,
} from '../../../connectors/voicenter/index.js';
import type { BridgeError } from '../../../src/contract/index.js';
import type { Bridge } from '../../../src/core/bridge.js';
import type { FakeAdapter, FakeCrm } from '../../../adapters/fake/index.js';
import { FakeServerRelay, FakeVoicenterWebPhone, registeredPhone } from '../../fakes/fake-voicenter.js';
import { cdrJson, cdrXmlRpc, popupPhase, voicenterFixture } from '../../fakes/fake-voicenter-samples.js';
import {
  bridgeWithFakeCrm,
  connectorContext,
  manualClock,
  recordingLogger,
  settle,
  tick,
  type ManualClock,
} from '../tools.js';

describe('voicenterConnector() through a bridge', () => {
  let clock: ManualClock;
  let phone: FakeVoicenterWebPhone;
  let relay: FakeServerRelay<VoicenterServerMessage>;
  let connector: VoicenterConnector;
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
    phone = await registeredPhone();
    relay = new FakeServerRelay();
    connector = voicenterConnector({ phone, serverEvents: relay.subscribe });
    await connector.connect(bridge, context);
  });
  afterEach(async () => {
    await connector.disconnect();
    await bridge.dispose();
  });

  const done = () => settle(connector, bridge);
  const popup = (body: unknown) => relay.send({ type: 'popup', body });

  describe('web-phone and pop-up screen together', () => {
    it('logs an inbound call once: the web-phone rings, the pop-up names the caller, talk time measured', async () => {
      const ivr = phone.incoming();
      popup(popupPhase(ivr, 'Ringing', { phone: '15550100100' }));
      clock.advance(4_000);
      phone.answer(ivr);
      popup(popupPhase(ivr, 'Talking'));
      clock.advance(33_000);
      phone.hangUp(ivr);
      popup(popupPhase(ivr, 'Hangup'));
      await done();
      expect(crm.callLogs()).to.have.length(1);
      expect(crm.callLogs()[0]?.call).to.include({
        conversationId: ivr,
        phoneNumber: '15550100100',
        durationSeconds: 33,
        outcome: 'completed',
      });
      expect(crm.pops).to.have.length(1);
      expect(context.reports).to.deep.equal([]);
    });

    it('logs a call from the pop-up phases alone (no web-phone), with the duration since callAnswered', async () => {
      const answered = Math.floor(clock.now() / 1000) - 25;
      popup(popupPhase('ivr-p', 'Ringing', { phone: '15550100100' }));
      popup(JSON.stringify(popupPhase('ivr-p', 'Talking', { callAnswered: answered })));
      popup(popupPhase('ivr-p', 'Hangup', { callAnswered: answered }));
      await done();
      const call = crm.callLogs()[0]?.call;
      expect(call).to.include({ conversationId: 'ivr-p', durationSeconds: 25, outcome: 'completed' });
      expect(call?.extra['callEnded']).to.deep.equal({ hangupCause: 'Normal hangup' });
    });

    it('takes the pop-up’s plain GET request too', async () => {
      popup('https://crm.example.com/pop?phone=15550100100&ivrid=ivr-g&extenUser=X&did=1&statusCall=Ringing');
      await done();
      expect((await bridge.getCall('ivr-g'))?.phoneNumber).to.equal('15550100100');
    });

    it('merges out-of-order phases (Talking before Ringing) and ignores a hang-up after the web-phone’s end', async () => {
      const ivr = phone.incoming();
      phone.answer(ivr);
      popup(popupPhase(ivr, 'Talking', { phone: '15550100100' }));
      popup(popupPhase(ivr, 'Ringing', { phone: '15550100100' }));
      clock.advance(10_000);
      phone.hangUp(ivr);
      popup(popupPhase(ivr, 'Hangup', { phone: '15550100100' }));
      await done();
      expect(crm.callLogs()).to.have.length(1);
      expect(crm.callLogs()[0]?.call).to.include({ phoneNumber: '15550100100', durationSeconds: 10, state: 'ended' });
    });

    it('logs an inbound call nobody answered as missed', async () => {
      const ivr = phone.incoming();
      phone.remoteHangsUp(ivr);
      await done();
      expect((await bridge.getCall(ivr))?.outcome).to.equal('missed');
    });

    it('reports onCallRejected on an inbound call as declined', async () => {
      const ivr = phone.incoming();
      phone.fire('onCallRejected', ivr);
      await done();
      expect((await bridge.getCall(ivr))?.outcome).to.equal('declined');
    });
  });

  describe('onCallAnswer(token) (VC-2: seed 003 §11 names its argument `token`, not `ivrID`)', () => {
    const TOKEN = 'a3f9c2e1-opaque-answer-token';

    async function opaquePhone(): Promise<FakeVoicenterWebPhone> {
      await connector.disconnect();
      const opaque = new FakeVoicenterWebPhone(undefined, { answerToken: () => TOKEN });
      opaque.initiate({ user: 'KGpK4iWq', password: 'EXTENSION-PASSWORD-SECRET' });
      await tick();
      connector = voicenterConnector({ phone: opaque, serverEvents: relay.subscribe });
      await connector.connect(bridge, context);
      return opaque;
    }

    it('answers the one open call when the token is not its ivr id', async () => {
      const opaque = await opaquePhone();
      const ivr = opaque.incoming();
      opaque.answer(ivr);
      await done();
      expect((await bridge.getCall(ivr))?.state).to.equal('connected');
      expect(await bridge.getCall(TOKEN)).to.equal(undefined);
    });

    it('opens no phantom call when no call is open (a reload mid-call): no incomingCall, no log, a warning without the token', async () => {
      phone.fire('onCallAnswer', TOKEN);
      await done();
      expect(await bridge.getCall(TOKEN)).to.equal(undefined);
      expect(crm.callLogs()).to.deep.equal([]);
      expect(crm.pops).to.deep.equal([]);
      expect(logger.lines.some((l) => l.includes('onCallAnswer names no open call'))).to.equal(true);
      expect(logger.lines.join('\n')).not.to.contain(TOKEN);
    });

    it('answers neither of two open calls (call waiting) from a token that names neither, and opens none', async () => {
      const opaque = await opaquePhone();
      const first = opaque.incoming();
      const second = opaque.incoming();
      opaque.answer(second);
      await done();
      expect([(await bridge.getCall(first))?.state, (await bridge.getCall(second))?.state]).to.deep.equal([
        'ringing',
        'ringing',
      ]);
      expect(await bridge.getCall(TOKEN)).to.equal(undefined);
      opaque.hangUp(first);
      opaque.hangUp(second);
      await done();
      expect(
        crm
          .callLogs()
          .map((l) => l.call.conversationId)
          .sort(),
      ).to.deep.equal([first, second].sort());
    });

    it('answers the call of two that the token names when it is an ivr id', async () => {
      const first = phone.incoming();
      const second = phone.incoming();
      phone.answer(second);
      await done();
      expect([(await bridge.getCall(first))?.state, (await bridge.getCall(second))?.state]).to.deep.equal([
        'ringing',
        'connected',
      ]);
    });

    it('does not pass a late answer for a finished call on to the next call', async () => {
      const first = phone.incoming();
      phone.remoteHangsUp(first);
      const second = phone.incoming();
      phone.fire('onCallAnswer', first);
      await done();
      expect((await bridge.getCall(second))?.state).to.equal('ringing');
    });
  });

  describe('CDR enrichment', () => {
    async function endedCall(): Promise<string> {
      const ivr = phone.incoming();
      popup(popupPhase(ivr, 'Ringing', { phone: '15550100100' }));
      phone.answer(ivr);
      clock.advance(12_000);
      phone.hangUp(ivr);
      await done();
      return ivr;
    }

    it('adds the recording, dial time, status and CDR duration to the same log (JSON CDR)', async () => {
      const ivr = await endedCall();
      relay.send({ type: 'cdr', body: cdrJson(ivr, { type: 'Incoming Call' }) });
      await done();
      const [log] = crm.callLogs();
      expect(crm.callLogs()).to.have.length(1);
      expect(log?.updates).to.equal(1);
      expect(log?.call.extra['callNotesSubmitted']).to.deep.include({
        recordingUrl: 'http://starkey-centrex-recordings.s3.amazonaws.com/xxxxxxxx-aws-0544444444-0722776772.mp3',
        dialTimeSeconds: 31,
        talkSeconds: 12,
        voicenterStatus: 'ANSWER',
      });
    });

    it('reads the XML-RPC CDR, and a repeated CDR changes nothing', async () => {
      const ivr = await endedCall();
      connector.cdr(cdrXmlRpc(cdrJson(ivr)));
      await done();
      const updates = crm.callLogs()[0]?.updates;
      connector.cdr(cdrXmlRpc(cdrJson(ivr)));
      await done();
      expect(crm.callLogs()[0]?.updates).to.equal(updates);
      expect(crm.callLogs()[0]?.call.extra['callNotesSubmitted']).to.deep.include({
        voicenterCallType: 'Extension Outgoing',
      });
    });

    it('ends a call whose end the page missed, with the CDR duration', async () => {
      const ivr = phone.incoming();
      phone.answer(ivr);
      connector.cdr(cdrJson(ivr, { duration: 48 }));
      await done();
      expect(crm.callLogs()[0]?.call).to.include({ conversationId: ivr, durationSeconds: 48, state: 'ended' });
    });

    it('ignores a CDR for a call this page never saw (the notification covers the account)', async () => {
      connector.cdr(cdrJson('someone-elses-call'));
      await done();
      expect(await bridge.getCall('someone-elses-call')).to.equal(undefined);
      expect(context.reports).to.deep.equal([]);
    });

    it('reports a malformed CDR and keeps going', async () => {
      connector.cdr('<methodCall><methodName>CDR</methodName><params>');
      connector.cdr({ duration: 3 });
      const ivr = await endedCall();
      expect(context.reports.map((r) => [r.code, r.details['event']])).to.deep.equal([
        ['CONTRACT_PAYLOAD_INVALID', 'CDR'],
        ['CONTRACT_PAYLOAD_INVALID', 'CDR'],
      ]);
      expect((await bridge.getCall(ivr))?.state).to.equal('ended');
    });
  });

  describe('Voicenter’s published payloads, verbatim (test/fixtures/vendor/voicenter)', () => {
    it('seed 004’s three phases beside the web-phone: one log, the caller’s number, talk time from the web-phone', async () => {
      const { ringing, answer, hangup } = await voicenterFixture('popup-seed.json');
      phone.fire('onRinging', ringing.ivrid);
      popup(ringing);
      clock.advance(7_000);
      phone.fire('onCallAnswer', ringing.ivrid);
      popup(answer);
      clock.advance(30_000);
      phone.fire('onCallEnd', ringing.ivrid);
      popup(hangup);
      await done();
      expect(crm.callLogs()).to.have.length(1);
      expect(crm.callLogs()[0]?.call).to.include({
        conversationId: '20220916103546022555eb61e755c08a',
        phoneNumber: '972722776772',
        durationSeconds: 30,
        outcome: 'completed',
      });
      expect(context.reports).to.deep.equal([]);
    });

    it('seed 004’s three phases alone: answered by callAnswered, ended by the cause', async () => {
      const { ringing, answer, hangup } = await voicenterFixture('popup-seed.json');
      for (const body of [ringing, JSON.stringify(answer), hangup]) popup(body);
      await done();
      const call = crm.callLogs()[0]?.call;
      expect(call).to.include({
        conversationId: '20220916103546022555eb61e755c08a',
        phoneNumber: '972722776772',
        state: 'ended',
        outcome: 'completed',
      });
      expect(call?.extra['callEnded']).to.deep.include({ hangupCause: 'Normal hangup' });
    });

    it('seed 004’s GET and form POST requests ring a call with the caller’s number', async () => {
      const { get, formPost } = await voicenterFixture('popup-seed.json');
      popup(get);
      await done();
      expect((await bridge.getCall('202010111sdsd3684752bcb3d'))?.phoneNumber).to.equal('0722776772');
      popup(formPost);
      await done();
      expect(context.reports).to.deep.equal([]);
    });

    it('VoicenterWebSDK’s CdrRequest.json enriches the log of a call seen to end', async () => {
      const { json } = await voicenterFixture('cdr-websdk.json');
      phone.fire('onRinging', json.ivruniqueid);
      phone.fire('onCallAnswer', json.ivruniqueid);
      clock.advance(38_000);
      phone.fire('onCallEnd', json.ivruniqueid);
      relay.send({ type: 'cdr', body: json });
      await done();
      expect(crm.callLogs()).to.have.length(1);
      expect(crm.callLogs()[0]?.call.extra['callNotesSubmitted']).to.deep.include({
        recordingUrl:
          'http://starkey-centrex-recordings.s3.amazonaws.com/2020020419500000000000000000-aws-0546666666-0702246666.mp3',
        talkSeconds: 38,
        dialTimeSeconds: 33,
        voicenterStatus: 'ANSWER',
        voicenterCallType: 'Incoming Call',
      });
    });

    it('seed 003’s XML-RPC CDR (the default format) closes a call whose end the page missed, with its duration', async () => {
      const { xmlRpc } = await voicenterFixture('cdr-seed.json');
      phone.fire('onCall', 'sdfsdfsdfsfsf');
      phone.fire('onCallAnswer', 'sdfsdfsdfsfsf');
      connector.cdr(xmlRpc);
      await done();
      expect(crm.callLogs()[0]?.call).to.include({
        conversationId: 'sdfsdfsdfsfsf',
        durationSeconds: 12,
        state: 'ended',
      });
      expect(context.reports).to.deep.equal([]);
    });
  });

  describe('start_call', () => {
    it('calls call(number) in E.164 without the plus, and logs the dialled number', async () => {
      await adapter.clickToDial({ dialTo: '+15550100100' });
      await tick();
      expect(phone.dialled).to.deep.equal(['15550100100']);
      const ivr = phone.fired.find((f) => f.name === 'onCall')!.ivrID;
      phone.calleeAnswers(ivr);
      clock.advance(9_000);
      phone.remoteHangsUp(ivr);
      await done();
      expect(crm.callLogs()[0]?.call).to.include({
        direction: 'outbound',
        phoneNumber: '+15550100100',
        durationSeconds: 9,
      });
    });

    it('keeps the plus when asked', async () => {
      await connector.disconnect();
      connector = voicenterConnector({ phone, keepPlus: true });
      await connector.connect(bridge, context);
      await adapter.clickToDial({ dialTo: '+15550100100' });
      expect(phone.dialled).to.deep.equal(['+15550100100']);
    });

    it('logs a failed dial as an unanswered outbound call', async () => {
      await adapter.clickToDial({ dialTo: '+15550100100' });
      await tick();
      const ivr = phone.fired.find((f) => f.name === 'onCall')!.ivrID;
      phone.failCall(ivr);
      await done();
      const call = await bridge.getCall(ivr);
      expect(call).to.include({ direction: 'outbound', outcome: 'unanswered', phoneNumber: '+15550100100' });
      expect(call?.extra['callEnded']).to.deep.equal({ callFailed: true });
    });

    it('refuses to dial while the web-phone is not registered, and says so', async () => {
      phone.dropRegistration();
      await adapter.clickToDial({ dialTo: '+15550100100' });
      expect(phone.dialled).to.deep.equal([]);
      expect(context.reports.map((r) => r.details['vendorMethod'])).to.deep.equal(['call']);
    });
  });

  describe('the web-phone’s callbacks', () => {
    it('keeps the page’s own handlers working, and puts them back on disconnect', async () => {
      await connector.disconnect();
      const seen: string[] = [];
      phone.onRinging = (id) => void seen.push(id);
      connector = voicenterConnector({ phone });
      await connector.connect(bridge, context);
      const ivr = phone.incoming();
      await done();
      expect(seen).to.deep.equal([ivr]);
      expect((await bridge.getCall(ivr))?.state).to.equal('ringing');
      await connector.disconnect();
      expect(phone.handlerCount()).to.equal(1);
      phone.incoming();
      expect(seen).to.have.length(2);
    });

    it('reports a callback without an ivr id', async () => {
      phone.fire('onRinging', '');
      await done();
      expect(context.reports[0]?.message).to.equal('voicenter: onRinging: "ivrID" is required (text).');
    });

    it('reports a server message of an unknown type', async () => {
      relay.send({ type: 'hello', body: {} } as unknown as VoicenterServerMessage);
      await done();
      expect(context.reports[0]?.details['fields']).to.deep.equal(['type']);
    });
  });

  it('registers the extension it is given, and never logs the password', async () => {
    await connector.disconnect();
    const fresh = new FakeVoicenterWebPhone();
    connector = voicenterConnector({ phone: fresh, extension: { user: 'KGpK4iWq', password: 'wrong-PASSWORD' } });
    await connector.connect(bridge, context);
    await tick();
    expect(fresh.registered).to.equal(false);
    expect(logger.lines.some((l) => l.includes('onRegisterFailed'))).to.equal(true);
    expect(logger.lines.join('\n')).not.to.contain('PASSWORD');
  });

  it('refuses a second connect while connected with ALREADY_CONNECTED', async () => {
    const error = await connector.connect(bridge, context).then(
      () => undefined,
      (e: unknown) => e as BridgeError,
    );
    expect(error).to.include({
      code: 'ALREADY_CONNECTED',
      message: 'voicenter connector: already connected; disconnect first.',
    });
  });

  it('rejects connect with CONFIG_INVALID naming bad options, never their values', async () => {
    const bad = voicenterConnector({
      phone: {} as never,
      extension: { user: '', password: 'hunter2-SECRET' },
      serverEvents: 'nope' as never,
    });
    const error = await bad.connect(bridge, context).then(
      () => undefined,
      (e: unknown) => e as BridgeError,
    );
    expect(error?.code).to.equal('CONFIG_INVALID');
    expect(error?.details['keys']).to.deep.equal(['phone', 'extension', 'serverEvents']);
    expect(error?.message).not.to.contain('hunter2');
  });

  it('logs no numbers', async () => {
    const ivr = phone.incoming();
    popup(popupPhase(ivr, 'Ringing', { phone: '15550100100' }));
    phone.hangUp(ivr);
    await adapter.clickToDial({ dialTo: '+15550100177' });
    popup({ phone: '15550100188' });
    await done();
    for (const line of logger.lines) expect(line).not.to.match(/555010/);
  });
});
