import { expect } from '@esm-bundle/chai';
import {
  sociomileConnector,
  type SociomileConnector,
  type SociomileConnectorOptions,
  type SocioVoice,
} from '../../../connectors/sociomile/index.js';
import type { BridgeError } from '../../../src/contract/index.js';
import type { Bridge } from '../../../src/core/bridge.js';
import type { FakeAdapter, FakeCrm } from '../../../adapters/fake/index.js';
import {
  fakeHost,
  FakeSociomileWidget,
  FakeWebhookRelay,
  sociomileFixture,
  sociomileWebhook,
} from '../../fakes/fake-sociomile.js';
import { bridgeWithFakeCrm, connectorContext, manualClock, recordingLogger, settle } from '../tools.js';

const CREDENTIAL = 'SOCIO-CREDENTIAL-SECRET';

describe('sociomileConnector() through a bridge', () => {
  let host: ReturnType<typeof fakeHost>;
  let widget: FakeSociomileWidget;
  let relay: FakeWebhookRelay;
  let connector: SociomileConnector;
  let context: ReturnType<typeof connectorContext>;
  let logger: ReturnType<typeof recordingLogger>;
  let crm: FakeCrm;
  let adapter: FakeAdapter;
  let bridge: Bridge;
  let ids: number;

  const make = (options: Partial<SociomileConnectorOptions> = {}) =>
    sociomileConnector({
      host,
      widgetUrl: 'https://cdn.example.com/widget.js',
      userCredential: CREDENTIAL,
      webhooks: relay.subscribe,
      newId: () => `conv-${++ids}`,
      ...options,
    });

  beforeEach(async () => {
    ids = 0;
    host = fakeHost();
    widget = new FakeSociomileWidget();
    relay = new FakeWebhookRelay();
    logger = recordingLogger();
    context = connectorContext(manualClock(), logger);
    ({ crm, adapter, bridge } = bridgeWithFakeCrm({ logger }));
    connector = make();
    await connector.connect(bridge, context);
  });
  afterEach(async () => {
    await connector.disconnect();
    await bridge.dispose();
  });

  const done = () => settle(connector, bridge);

  describe('the widget’s command queue', () => {
    it('installs the snippet’s queue, adds the widget script, and queues init with the credential', () => {
      expect(host.scripts).to.deep.equal([{ id: 'socioVoice', src: 'https://cdn.example.com/widget.js', async: true }]);
      const queued = Array.from(host.socioVoice?.q ?? [], (args) => Array.from(args as ArrayLike<unknown>));
      expect(queued).to.deep.equal([['init', { minimized: true, disableDarkMode: false, userCredential: CREDENTIAL }]]);
    });

    it('hands the queue to the widget when its script loads, in order, and talks to the widget after', async () => {
      await adapter.clickToDial({ dialTo: '+6281231231230' });
      widget.load(host);
      await adapter.clickToDial({ dialTo: '+6281231231231' });
      expect(widget.refused).to.deep.equal([]);
      expect(
        widget.commands.map(
          (c) => c.command + (c.options['action'] === undefined ? '' : `:${String(c.options['action'])}`),
        ),
      ).to.deep.equal(['init', 'event:open', 'event:dial', 'event:open', 'event:dial']);
      expect(widget.dials.map((d) => d.internal_id)).to.deep.equal(['conv-1', 'conv-2']);
    });

    it('reuses the page’s socioVoice (already embedded) and adds no script', async () => {
      await connector.disconnect();
      const page = fakeHost();
      const seen: unknown[][] = [];
      page.socioVoice = ((...args: unknown[]) => void seen.push(args)) as SocioVoice;
      connector = sociomileConnector({ host: page, initialize: false, newId: () => 'conv-x' });
      await connector.connect(bridge, context);
      await adapter.clickToDial({ dialTo: '+6281231231230' });
      expect(page.scripts).to.deep.equal([]);
      expect(seen).to.deep.equal([
        ['event', { action: 'open' }],
        ['event', { action: 'dial', number: '+6281231231230', internal_id: 'conv-x', params: {} }],
      ]);
    });

    it('opens and closes the widget on request', () => {
      widget.load(host);
      connector.open();
      expect(widget.expanded).to.equal(true);
      connector.close();
      expect(widget.expanded).to.equal(false);
    });
  });

  describe('calls', () => {
    beforeEach(() => widget.load(host));

    it('dials start_call with internal_id = the conversationId, and logs it from the webhook', async () => {
      await adapter.clickToDial({ dialTo: '+15550100100' });
      await done();
      expect(await bridge.getCall('conv-1')).to.include({
        state: 'dialing',
        direction: 'outbound',
        phoneNumber: '+15550100100',
      });
      relay.send(sociomileWebhook('conv-1', { phone: '015550100100', talk: 95, answered: true }));
      await done();
      const [log] = crm.callLogs();
      expect(log?.call).to.include({
        conversationId: 'conv-1',
        phoneNumber: '+15550100100',
        durationSeconds: 95,
        outcome: 'completed',
      });
      expect(log?.call.extra['callEnded']).to.deep.include({
        recordingUrl: 'https://link.recording/1667543751.398.mp3',
        sociomileDisposition: 'ANSWERED',
        waitSeconds: 2,
      });
    });

    it('logs a call nobody answered as unanswered, with its recording link', async () => {
      await adapter.clickToDial({ dialTo: '+15550100100' });
      relay.send(sociomileWebhook('conv-1', { answered: false }));
      await done();
      expect(crm.callLogs()[0]?.call).to.include({ outcome: 'unanswered', durationSeconds: 0 });
    });

    it('SM-2: the connector sends `params` (the current document); the fake widget also takes `param`, the document’s name before 2022-11-29', async () => {
      widget.load(host);
      await adapter.clickToDial({ dialTo: '+6281231231230' });
      expect(widget.commands.at(-1)?.options).to.have.property('params').that.deep.equals({});
      expect(widget.commands.at(-1)?.options).not.to.have.property('param');
      host.socioVoice?.('event', {
        action: 'dial',
        number: '08123123123',
        internal_id: 'old-doc',
        param: { id: 'asdasd' },
      });
      expect(widget.dials.at(-1)).to.deep.equal({
        number: '08123123123',
        internal_id: 'old-doc',
        params: { id: 'asdasd' },
      });
    });

    it('sends the dial params, which come back as extraParams', async () => {
      await connector.disconnect();
      connector = make({ dialParams: { agent: 'A-7' }, openOnDial: false });
      await connector.connect(bridge, context);
      await adapter.clickToDial({ dialTo: '+15550100100' });
      expect(widget.dials.at(-1)?.params).to.deep.equal({ agent: 'A-7' });
      expect(widget.commands.filter((c) => c.options['action'] === 'open')).to.deep.equal([]);
      relay.send(sociomileWebhook(widget.dials.at(-1)!.internal_id, { extra: { agent: 'A-7' } }));
      await done();
      expect(crm.callLogs()[0]?.call.extra['callEnded']).to.deep.include({ extraParams: { agent: 'A-7' } });
    });

    it('changes nothing when the webhook is resent, alone or in the resend API’s array', async () => {
      await adapter.clickToDial({ dialTo: '+15550100100' });
      const body = sociomileWebhook('conv-1', { talk: 10 });
      relay.send(body);
      await done();
      const before = await bridge.getCall('conv-1');
      relay.send(body);
      connector.webhook([{ ...body, is_sent: 0, is_error: 1 }]);
      await done();
      expect((await bridge.getCall('conv-1'))?.revision).to.equal(before?.revision);
      expect(crm.callLogs()[0]?.updates).to.equal(0);
    });

    it('reports a malformed webhook and takes the next one', async () => {
      relay.send('{"data": ');
      relay.send({ data: { phone: '0812', talktime: 'long' } });
      relay.send(sociomileWebhook('w-1', { talk: 3 }));
      await done();
      expect(context.reports.map((r) => r.details['event'])).to.deep.equal(['webhook', 'webhook']);
      expect(crm.callLogs()).to.have.length(1);
    });

    it('ignores update_presence: the widget has no statuses', async () => {
      await adapter.changePresence('busy');
      await done();
      expect(context.reports).to.deep.equal([]);
      expect(widget.commands.map((c) => c.command)).to.deep.equal(['init']);
    });

    it('reports a newId that gives no id, and dials nothing', async () => {
      await connector.disconnect();
      connector = make({ newId: () => '' });
      await connector.connect(bridge, context);
      await adapter.clickToDial({ dialTo: '+15550100100' });
      expect(widget.dials).to.deep.equal([]);
      expect(context.reports[0]?.details['keys']).to.deep.equal(['newId']);
    });
  });

  describe('options', () => {
    const connectError = async (options: Partial<SociomileConnectorOptions>) => {
      const bad = make(options);
      return bad.connect(bridge, context).then(
        () => undefined,
        (e: unknown) => e as BridgeError,
      );
    };

    it('needs the userCredential to initialise the widget, and never repeats a credential', async () => {
      const error = await connectError({ userCredential: '  ' });
      expect(error?.details['keys']).to.deep.equal(['userCredential']);
      const other = await connectError({
        userCredential: CREDENTIAL,
        widgetUrl: 'javascript:alert(1)',
        minimized: 'yes' as never,
      });
      expect(other?.details['keys']).to.deep.equal(['widgetUrl', 'minimized']);
      expect(other?.message).not.to.contain(CREDENTIAL);
    });

    it('needs a widgetUrl when the page has no socioVoice', async () => {
      const error = await connectError({ host: fakeHost(), widgetUrl: undefined as never });
      expect(error?.details['keys']).to.deep.equal(['widgetUrl']);
    });

    it('takes a path on this site as the widget URL, and needs no credential when the page initialises', async () => {
      await connector.disconnect();
      connector = make({
        host: fakeHost(),
        widgetUrl: './widget.js',
        initialize: false,
        userCredential: undefined as never,
      });
      await connector.connect(bridge, context);
    });
  });

  describe('the vendor’s published webhooks, verbatim (test/fixtures/vendor/sociomile)', () => {
    async function dialled(): Promise<void> {
      await connector.disconnect();
      connector = make({ newId: () => 'a12aslalsoewori' });
      await connector.connect(bridge, context);
      widget.load(host);
      await adapter.clickToDial({ dialTo: '082225636817' });
    }

    it('SM-1: the resend API’s entry ("NO ANSWER", talktime "2", calldate_join set) logs an answered call of 2 s, not an unanswered one', async () => {
      const { resend } = await sociomileFixture();
      await dialled();
      relay.send(resend);
      await done();
      expect(crm.callLogs()).to.have.length(1);
      expect(crm.callLogs()[0]?.call).to.include({
        conversationId: 'a12aslalsoewori',
        durationSeconds: 2,
        outcome: 'completed',
      });
      expect(crm.callLogs()[0]?.call.extra['callEnded']).to.deep.include({ sociomileDisposition: 'NO ANSWER' });
    });

    it('the webhook sample (calldate_join null, talktime "0") logs an unanswered call', async () => {
      const { webhook } = await sociomileFixture();
      await dialled();
      relay.send(webhook);
      await done();
      expect(crm.callLogs()[0]?.call).to.include({
        conversationId: 'a12aslalsoewori',
        durationSeconds: 0,
        outcome: 'unanswered',
      });
    });
  });

  it('never logs the credential or numbers', async () => {
    widget.load(host);
    await adapter.clickToDial({ dialTo: '+15550100100' });
    relay.send(sociomileWebhook('conv-1', { phone: '15550100100', talk: 4 }));
    relay.send({ data: { phone: '15550100100' } });
    await done();
    expect(logger.lines.length).to.be.greaterThan(0);
    for (const line of logger.lines) expect(line).not.to.match(/SOCIO-CREDENTIAL-SECRET|555010/);
  });
});
