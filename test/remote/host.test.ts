import { expect } from '@esm-bundle/chai';
import sinon from 'sinon';
import { FakeCrm, fakeAdapter, type FakeAdapter } from '../../adapters/fake/index.js';
import { type Bridge } from '../../src/core/bridge.js';
import { createBridge } from '../../src/core/create-bridge.js';
import { BridgeError } from '../../src/errors/bridge-error.js';
import { createMemoryStore } from '../../src/outbox/memory-store.js';
import { createRemoteClient, type RemoteClient } from '../../src/remote/client.js';
import { hostRemoteBridge, type RemoteHost } from '../../src/remote/host.js';
import { PROTOCOL, PROTOCOL_VERSION, type RemoteContract } from '../../src/remote/protocol.js';
import { silentLogger } from '../../src/shared/logger.js';
import { messageEvent, pairedWindows, settle } from './fake-windows.js';

const partnerConfig = { partnerId: 'partner-1', businessSegmentId: 'segment-1', channelOriginId: 'origin-1' };
const ready = (n = 0.25, version = PROTOCOL_VERSION) => ({ protocol: PROTOCOL, version, type: 'ready', n });

describe('hostRemoteBridge', () => {
  let windows: ReturnType<typeof pairedWindows>;
  let adapter: FakeAdapter;
  let bridge: Bridge;
  let host: RemoteHost;
  let clients: RemoteClient[];

  const hostFor = (options: { maxUnacknowledged?: number; bridge?: RemoteContract } = {}): RemoteHost =>
    hostRemoteBridge({
      bridge: options.bridge ?? bridge,
      frame: windows.frameWindow as unknown as Window,
      allowedOrigins: [windows.frameOrigin],
      window: windows.hostPage,
      ...(options.maxUnacknowledged ? { maxUnacknowledged: options.maxUnacknowledged } : {}),
    });
  const clientFor = (): RemoteClient => {
    const client = createRemoteClient({
      hostOrigins: [windows.hostOrigin],
      hostWindow: windows.hostWindow,
      window: windows.framePage,
    });
    clients.push(client);
    return client;
  };
  /** `connect` messages the host posted to the frame. */
  const connects = () =>
    windows.frameWindow.postMessage.args.filter((a) => (a[0] as { type: string }).type === 'connect');

  beforeEach(() => {
    windows = pairedWindows();
    adapter = fakeAdapter(new FakeCrm({ dispositions: ['resolved'], partnerConfig }));
    bridge = createBridge({ adapter, store: createMemoryStore(), logger: silentLogger });
    clients = [];
  });
  afterEach(async () => {
    for (const client of clients) client.dispose();
    host?.dispose();
    await bridge.dispose();
    sinon.restore();
  });

  it('throws REMOTE_ORIGIN_REFUSED for origins that are not exact', () => {
    for (const allowedOrigins of [
      ['*'],
      ['null'],
      ['https://*.example.com'],
      ['https://crm.example/path'],
      ['HTTPS://CRM.EXAMPLE'],
      ['ftp://crm.example'],
      ['https://crm.example:443'],
      [],
    ]) {
      expect(() => hostRemoteBridge({ bridge, frame: window, allowedOrigins }), JSON.stringify(allowedOrigins))
        .to.throw(BridgeError)
        .with.property('code', 'REMOTE_ORIGIN_REFUSED');
    }
  });

  it("says hello to the frame at each allowed origin, never '*'", () => {
    host = hostRemoteBridge({
      bridge,
      frame: windows.frameWindow as unknown as Window,
      allowedOrigins: ['https://a.example', 'https://b.example:8443'],
      window: windows.hostPage,
    });
    expect(windows.frameWindow.postMessage.args.map((a) => [(a[0] as { type: string }).type, a[1]])).to.deep.equal([
      ['hello', 'https://a.example'],
      ['hello', 'https://b.example:8443'],
    ]);
  });

  it('answers only a well-formed ready from the frame window at an allowed origin, with a port to that exact origin', async () => {
    host = hostFor();
    const page = windows.hostPage;
    const frame = windows.frameWindow;
    page.dispatchEvent(messageEvent(ready(), 'https://phone.example.evil', frame));
    page.dispatchEvent(messageEvent(ready(), 'null', frame));
    page.dispatchEvent(messageEvent(ready(), 'http://phone.example', frame));
    page.dispatchEvent(messageEvent(ready(), windows.frameOrigin, { postMessage: sinon.spy() }));
    page.dispatchEvent(messageEvent(ready(), windows.frameOrigin, null));
    page.dispatchEvent(messageEvent(ready(0.25, 2), windows.frameOrigin, frame));
    page.dispatchEvent(messageEvent({ ...ready(), protocol: 'other' }, windows.frameOrigin, frame));
    page.dispatchEvent(messageEvent({ ...ready(), n: 'x' }, windows.frameOrigin, frame));
    page.dispatchEvent(messageEvent('ready', windows.frameOrigin, frame));
    expect(connects()).to.have.length(0);
    expect(host.connected).to.equal(false);
    page.dispatchEvent(messageEvent(ready(0.75), windows.frameOrigin, frame));
    expect(connects()).to.have.length(1);
    const [message, origin, transfer] = connects()[0] as [unknown, string, MessagePort[]];
    expect(message).to.deep.equal({ protocol: PROTOCOL, version: PROTOCOL_VERSION, type: 'connect', n: 0.75 });
    expect(origin).to.equal(windows.frameOrigin);
    expect(transfer)
      .to.have.length(1)
      .and.satisfy((ports: unknown[]) => ports[0] instanceof MessagePort);
    expect(host.connected).to.equal(true);
    for (const args of windows.frameWindow.postMessage.args) expect(args[1]).to.equal(windows.frameOrigin);
  });

  it('drops malformed or unknown port messages and keeps serving', async () => {
    const incomingCall = sinon.spy(bridge, 'incomingCall');
    host = hostFor();
    windows.hostPage.dispatchEvent(messageEvent(ready(), windows.frameOrigin, windows.frameWindow));
    const port = (connects()[0]?.[2] as MessagePort[])[0] as MessagePort;
    const answers: unknown[] = [];
    port.onmessage = (event) => answers.push(event.data);
    for (const bad of [
      { type: 'request', id: 1, method: 'dispose', args: [] },
      { type: 'request', id: 2, method: 'constructor', args: [] },
      { type: 'request', id: 3, method: 'incomingCall', args: [1, 2, 3, 4, 5] },
      { type: 'request', id: -1, method: 'incomingCall', args: [] },
      { type: 'request', id: '4', method: 'incomingCall', args: [] },
      { type: 'request', id: 5, method: 'incomingCall', args: 'p,c,1' },
      { type: 'callback', id: 6, eventType: 'start_call', payload: {} },
      { type: 'eval', id: 7 },
      null,
    ])
      port.postMessage(bad);
    port.postMessage({ type: 'request', id: 8, method: 'incomingCall', args: ['p', 'c', '+15550100100'] });
    await settle();
    expect(incomingCall.callCount).to.equal(1);
    expect(answers).to.have.length(1);
    expect(answers[0]).to.include({ type: 'response', id: 8, ok: true });
  });

  it('holds callbacks until the client loads, then sends each once; re-sends unacknowledged ones to a reloaded frame only', async () => {
    host = hostFor();
    const first = clientFor();
    const seen: string[] = [];
    await first.load((type, payload) => seen.push(`${type}:${JSON.stringify(payload)}`));
    await adapter.changePresence('away');
    await settle();
    expect(seen).to.deep.equal([
      'disposition:["resolved"]',
      `partner_config:${JSON.stringify(partnerConfig)}`,
      'update_presence:{"softphoneId":"away"}',
    ]);
    // A second load on the same port re-sends the configuration (as the bridge does), not the acknowledged callback.
    await first.load((type) => seen.push(type));
    await settle();
    expect(seen.slice(3)).to.deep.equal(['disposition', 'partner_config']);

    // The frame reloads: the old client is gone before it could acknowledge a start_call.
    first.dispose();
    await adapter.clickToDial({ dialTo: '+15550100199' });
    const second = clientFor();
    await settle();
    const seenAfter: string[] = [];
    await adapter.changePresence('busy'); // before the new client loads: held
    await second.load((type) => seenAfter.push(type));
    await settle();
    expect(seenAfter).to.deep.equal(['disposition', 'partner_config', 'start_call', 'update_presence']);
  });

  it('keeps at most maxUnacknowledged callbacks for a frame that has not loaded', async () => {
    host = hostFor({ maxUnacknowledged: 2 });
    const client = clientFor();
    await settle();
    await client.load(() => {});
    client.dispose();
    for (const id of ['a', 'b', 'c', 'd']) await adapter.changePresence(id);
    const next = clientFor();
    const seen: string[] = [];
    await next.load((type, payload) =>
      seen.push(type === 'update_presence' ? (payload as { softphoneId: string }).softphoneId : type),
    );
    await settle();
    expect(seen).to.deep.equal(['disposition', 'partner_config', 'c', 'd']);
  });

  it('answers a request with the error of a bridge that throws or rejects with something else than a BridgeError', async () => {
    const answering = () => Promise.resolve(undefined as never);
    const odd: RemoteContract = {
      load: answering,
      incomingCall: answering,
      callAccepted: answering,
      callRejected: answering,
      callNotesSubmitted: answering,
      outboundCallInitiated: answering,
      callEnded: () => {
        throw new TypeError('boom');
      },
      statusChanged: () => Promise.reject(new BridgeError('ADAPTER_TIMEOUT')),
    };
    host = hostFor({ bridge: odd });
    const client = clientFor();
    const ended = await client.callEnded({} as never).then(
      () => undefined,
      (e: unknown) => e,
    );
    // Not the softphone's arguments at fault: the host page failed to run the call.
    expect(ended)
      .to.be.instanceOf(BridgeError)
      .and.include({ code: 'REMOTE_HOST_FAILED', message: 'callEnded: the host page could not run the call.' });
    const status = await client.statusChanged({ softphoneId: 'a' }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(status).to.include({ code: 'ADAPTER_TIMEOUT', retryable: true });
  });

  it('answers REMOTE_RESULT_UNCLONEABLE when the result of a call does not clone into the frame', async () => {
    const answering = () => Promise.resolve(undefined as never);
    const uncloneable: RemoteContract = {
      load: answering,
      incomingCall: () => Promise.resolve((() => 1) as never),
      callAccepted: answering,
      callRejected: answering,
      callNotesSubmitted: answering,
      outboundCallInitiated: answering,
      callEnded: answering,
      statusChanged: answering,
    };
    host = hostFor({ bridge: uncloneable });
    const client = clientFor();
    const error = await client.incomingCall({} as never).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).to.be.instanceOf(BridgeError).and.include({ code: 'REMOTE_RESULT_UNCLONEABLE', retryable: false });
  });

  it('stops answering after dispose', async () => {
    host = hostFor();
    host.dispose();
    windows.hostPage.dispatchEvent(messageEvent(ready(), windows.frameOrigin, windows.frameWindow));
    expect(connects()).to.have.length(0);
    expect(host.connected).to.equal(false);
  });
});
