import { expect } from '@esm-bundle/chai';
import sinon from 'sinon';
import { BridgeError } from '../../src/errors/bridge-error.js';
import { createRemoteClient, type RemoteClient, type RemoteClientOptions } from '../../src/remote/client.js';
import { CONTRACT_METHODS, PROTOCOL, PROTOCOL_VERSION } from '../../src/remote/protocol.js';
import type { Clock } from '../../src/shared/clock.js';
import { messageEvent, settle, type FakeWindow } from './fake-windows.js';

const HOST = 'https://crm.example';

/** A clock whose timers run only on tick(). */
function manualClock(): Clock & { tick(ms: number): void } {
  let now = 0;
  const timers = new Map<number, { at: number; run: () => void }>();
  let next = 0;
  return {
    now: () => now,
    setTimeout: (run, ms) => (timers.set(++next, { at: now + ms, run }), next),
    clearTimeout: (handle) => void timers.delete(handle as number),
    tick(ms) {
      now += ms;
      for (const [id, timer] of [...timers].sort((a, b) => a[1].at - b[1].at)) {
        if (timer.at > now) continue;
        timers.delete(id);
        timer.run();
      }
    },
  };
}

/** A client in a fake frame whose host is a fake window; the test plays the host. */
function setup(options: Partial<RemoteClientOptions> = {}) {
  const page = options.window ?? new EventTarget();
  const host: FakeWindow = { postMessage: sinon.spy() };
  const clock = manualClock();
  const client = createRemoteClient({ hostOrigins: [HOST], hostWindow: host, window: page, clock, ...options });
  const readies = () =>
    host.postMessage.args.map((a) => a[0] as { type: string; n: number }).filter((m) => m.type === 'ready');
  /** Answers the latest ready as the host does; returns the host's end of the port. */
  const connect = (n = readies().at(-1)?.n, from: { origin?: string; source?: unknown } = {}): MessagePort => {
    const channel = new MessageChannel();
    page.dispatchEvent(
      messageEvent(
        { protocol: PROTOCOL, version: PROTOCOL_VERSION, type: 'connect', n },
        from.origin ?? HOST,
        from.source ?? host,
        [channel.port2],
      ),
    );
    return channel.port1;
  };
  return { page, host, clock, client, readies, connect };
}

/** Everything the host end of a port receives. */
function collect(port: MessagePort): Record<string, unknown>[] {
  const received: Record<string, unknown>[] = [];
  port.onmessage = (event) => received.push(event.data as Record<string, unknown>);
  return received;
}

/** Keeps a call that a later dispose() refuses from counting as an unhandled rejection. */
const quiet = (promise: Promise<unknown>): void => void promise.catch(() => undefined);
const rejection = (promise: Promise<unknown>): Promise<BridgeError> =>
  promise.then(
    () => Promise.reject(new Error('resolved')),
    (e: BridgeError) => e,
  );

describe('createRemoteClient', () => {
  let client: RemoteClient | undefined;
  afterEach(() => {
    client?.dispose();
    client = undefined;
    sinon.restore();
  });

  it('offers the eight contract methods, and asks the host for a port at once, to each exact host origin', () => {
    let host: FakeWindow;
    ({ client, host } = setup({ hostOrigins: [HOST, 'https://crm2.example'] }));
    for (const method of CONTRACT_METHODS) expect(client[method], method).to.be.a('function');
    expect(host.postMessage.args.map((a) => [(a[0] as { type: string }).type, a[1]])).to.deep.equal([
      ['ready', HOST],
      ['ready', 'https://crm2.example'],
    ]);
  });

  it("never posts to '*': every window post names an allowed origin, through hello, connect and calls", async () => {
    const setupResult = setup();
    ({ client } = setupResult);
    const { page, host, connect } = setupResult;
    const port = connect();
    collect(port);
    quiet(client.load(() => {}));
    page.dispatchEvent(messageEvent({ protocol: PROTOCOL, version: PROTOCOL_VERSION, type: 'hello' }, HOST, host));
    connect();
    quiet(client.incomingCall('p', 'c', '+1555'));
    await settle();
    expect(host.postMessage.callCount).to.be.greaterThan(1);
    for (const args of host.postMessage.args) expect(args[1]).to.equal(HOST);
  });

  it('queues calls until the host connects, then sends them in order; answers settle them', async () => {
    const s = setup();
    ({ client } = s);
    const loaded = client.load(() => {});
    const rang = client.incomingCall('p', 'c', '+1555');
    expect(client.connected).to.equal(false);
    const port = s.connect();
    const received = collect(port);
    await settle();
    expect(received.map((m) => [m['type'], m['id'], m['method'], m['args']])).to.deep.equal([
      ['request', 1, 'load', []],
      ['request', 2, 'incomingCall', ['p', 'c', '+1555']],
    ]);
    port.postMessage({ type: 'response', id: 1, ok: true });
    port.postMessage({ type: 'response', id: 2, ok: true, value: { state: 'ringing' } });
    expect(await loaded).to.equal(undefined);
    expect(await rang).to.deep.equal({ state: 'ringing' });
  });

  it('rebuilds a BridgeError from the host with its code, message and details', async () => {
    const s = setup();
    ({ client } = s);
    const port = s.connect();
    collect(port);
    const failed = rejection(client.callEnded({} as never));
    await settle();
    port.postMessage({
      type: 'response',
      id: 1,
      ok: false,
      error: new BridgeError('CONTRACT_PAYLOAD_INVALID', 'callEnded: "conversationId" is required.', {
        details: { method: 'callEnded' },
      }).toJSON(),
    });
    const error = await failed;
    expect(error).to.be.instanceOf(BridgeError);
    expect(error).to.include({
      code: 'CONTRACT_PAYLOAD_INVALID',
      message: 'callEnded: "conversationId" is required.',
      retryable: false,
    });
    expect(error.details).to.deep.equal({ method: 'callEnded' });
  });

  it('times out a queued call after queueTimeoutMs and a sent one after timeoutMs, with REMOTE_TIMEOUT', async () => {
    const s = setup({ timeoutMs: 1_000, queueTimeoutMs: 5_000 });
    ({ client } = s);
    const queued = rejection(client.callAccepted({ partnerId: 'p', conversationId: 'c' }));
    s.clock.tick(5_000);
    expect(await queued).to.deep.include({
      code: 'REMOTE_TIMEOUT',
      retryable: true,
      details: { method: 'callAccepted', timeoutMs: 5_000, sent: false },
    });
    collect(s.connect());
    const sent = rejection(client.callEnded({ partnerId: 'p', conversationId: 'c', duration: 1 }));
    s.clock.tick(999);
    s.clock.tick(1);
    expect(await sent).to.deep.include({
      code: 'REMOTE_TIMEOUT',
      details: { method: 'callEnded', timeoutMs: 1_000, sent: true },
    });
  });

  it('refuses calls beyond maxPending with REMOTE_QUEUE_FULL, without dropping the queued ones', async () => {
    const s = setup({ maxPending: 2 });
    ({ client } = s);
    const first = client.statusChanged({ softphoneId: 'a' });
    const second = client.statusChanged({ softphoneId: 'b' });
    expect(await rejection(client.statusChanged({ softphoneId: 'c' }))).to.include({
      code: 'REMOTE_QUEUE_FULL',
      message: 'statusChanged: too many calls wait for the host page; not sent.',
    });
    const port = s.connect();
    const received = collect(port);
    await settle();
    expect(received.map((m) => (m['args'] as { softphoneId: string }[])[0]?.softphoneId)).to.deep.equal(['a', 'b']);
    port.postMessage({ type: 'response', id: 1, ok: true });
    port.postMessage({ type: 'response', id: 2, ok: true });
    await Promise.all([first, second]);
  });

  it('refuses arguments that do not clone, and a bad load callback, without sending anything', async () => {
    const s = setup();
    ({ client } = s);
    const received = collect(s.connect());
    expect(
      await rejection(
        client.incomingCall({ partnerId: 'p', conversationId: 'c', callerANI: '1', extra: () => 1 } as never),
      ),
    ).to.include({ code: 'CONTRACT_ARGUMENTS_INVALID' });
    expect(await rejection(client.load('noSuchGlobalFunction'))).to.include({ code: 'CALLBACK_INVALID' });
    await settle();
    expect(received).to.deep.equal([]);
  });

  it('looks a load callback name up on its own window and delivers callbacks to it, acknowledging each', async () => {
    const events: unknown[] = [];
    const page = Object.assign(new EventTarget(), {
      softphone: { onEvent: (type: string, payload: unknown) => events.push([type, payload]) },
    });
    const s = setup({ window: page });
    ({ client } = s);
    const port = s.connect();
    const received = collect(port);
    quiet(client.load('softphone.onEvent'));
    port.postMessage({ type: 'callback', id: 7, eventType: 'update_presence', payload: { softphoneId: 'away' } });
    port.postMessage({ type: 'callback', id: 8, eventType: 'not_an_event', payload: {} });
    port.postMessage({ type: 'nonsense', id: 9 });
    await settle();
    expect(events).to.deep.equal([['update_presence', { softphoneId: 'away' }]]);
    expect(received.filter((m) => m['type'] === 'response')).to.deep.equal([{ type: 'response', id: 7, ok: true }]);
  });

  it('reports a throwing callback to the host as not ok, and never throws', async () => {
    const s = setup();
    ({ client } = s);
    const port = s.connect();
    const received = collect(port);
    quiet(
      client.load(() => {
        throw new Error('softphone bug');
      }),
    );
    port.postMessage({ type: 'callback', id: 1, eventType: 'disposition', payload: [] });
    await settle();
    expect(received.filter((m) => m['type'] === 'response')).to.deep.equal([{ type: 'response', id: 1, ok: false }]);
  });

  it('ignores a connect from a wrong origin, a wrong source, or for another nonce (closing that port)', async () => {
    const s = setup();
    ({ client } = s);
    quiet(client.statusChanged({ softphoneId: 'a' }));
    const ports = [
      s.connect(undefined, { origin: 'https://crm.example.evil' }),
      s.connect(undefined, { source: { postMessage() {} } }),
      s.connect(0.5),
      s.connect(undefined, { origin: 'null' }),
    ];
    const received = ports.map(collect);
    await settle();
    expect(client.connected).to.equal(false);
    expect(received.flat()).to.deep.equal([]);
    const good = collect(s.connect());
    await settle();
    expect(good.map((m) => m['method'])).to.deep.equal(['statusChanged']);
  });

  it('on a new host (hello), asks again, repeats load first and re-sends unanswered calls on the new port', async () => {
    const s = setup();
    ({ client } = s);
    const old = s.connect();
    collect(old);
    quiet(client.load(() => {}));
    await settle();
    old.postMessage({ type: 'response', id: 1, ok: true });
    await settle();
    const accepted = client.callAccepted({ partnerId: 'p', conversationId: 'c' });
    await settle();
    old.close(); // the host went away without answering
    s.page.dispatchEvent(messageEvent({ protocol: PROTOCOL, version: PROTOCOL_VERSION, type: 'hello' }, HOST, s.host));
    expect(s.readies()).to.have.length(2);
    const fresh = s.connect();
    const received = collect(fresh);
    await settle();
    expect(received.map((m) => m['method'])).to.deep.equal(['load', 'callAccepted']);
    fresh.postMessage({ type: 'response', id: 2, ok: true, value: { state: 'connected' } });
    expect(await accepted).to.deep.equal({ state: 'connected' });
  });

  it('lets go of its port on pagehide (no callback taken or acknowledged by a page going away) and asks again when back from the bfcache', async () => {
    const s = setup();
    ({ client } = s);
    const seen: string[] = [];
    const port = s.connect();
    const received = collect(port);
    quiet(client.load((type) => seen.push(type)));
    await settle();
    s.page.dispatchEvent(new Event('pagehide'));
    expect(client.connected).to.equal(false);
    port.postMessage({ type: 'callback', id: 1, eventType: 'start_call', payload: {} });
    const accepted = client.callAccepted({ partnerId: 'p', conversationId: 'c' });
    await settle();
    expect(seen).to.deep.equal([]);
    expect(received.map((m) => m['type'])).to.deep.equal(['request']); // the load, before pagehide
    s.page.dispatchEvent(new PageTransitionEvent('pageshow', { persisted: false }));
    expect(s.readies()).to.have.length(1);
    s.page.dispatchEvent(new PageTransitionEvent('pageshow', { persisted: true }));
    expect(s.readies()).to.have.length(2);
    const fresh = collect(s.connect());
    await settle();
    expect(fresh.map((m) => m['method'])).to.deep.equal(['load', 'callAccepted']);
    quiet(accepted);
  });

  it('refuses everything with REMOTE_ORIGIN_REFUSED when the host origins are not exact, and posts nothing', async () => {
    for (const hostOrigins of [
      ['*'],
      ['https://*.example.com'],
      ['null'],
      ['https://crm.example/'],
      [],
      'https://crm.example' as never,
    ]) {
      const s = setup({ hostOrigins });
      expect(await rejection(s.client.incomingCall('p', 'c', '1')), JSON.stringify(hostOrigins)).to.include({
        code: 'REMOTE_ORIGIN_REFUSED',
      });
      expect(await rejection(s.client.load(() => {}))).to.include({ code: 'REMOTE_ORIGIN_REFUSED' });
      expect(s.host.postMessage.called).to.equal(false);
      s.client.dispose();
    }
  });

  it('refuses everything with REMOTE_DISCONNECTED in a top-level page without an opener', async () => {
    const top = Object.assign(new EventTarget(), { opener: null }) as EventTarget & { parent?: unknown };
    top.parent = top;
    client = createRemoteClient({ hostOrigins: [HOST], window: top });
    expect(await rejection(client.statusChanged({ softphoneId: 'a' }))).to.include({
      code: 'REMOTE_DISCONNECTED',
      message: 'No host page: the client was disposed, or is in neither a frame nor a popup.',
    });
  });

  it('dispose refuses waiting and later calls with REMOTE_DISCONNECTED and stops listening', async () => {
    const s = setup();
    const waiting = rejection(s.client.statusChanged({ softphoneId: 'a' }));
    s.client.dispose();
    expect(await waiting).to.include({ code: 'REMOTE_DISCONNECTED' });
    expect(await rejection(s.client.callEnded({} as never))).to.include({ code: 'REMOTE_DISCONNECTED' });
    const port = s.connect();
    const received = collect(port);
    await settle();
    expect(s.client.connected).to.equal(false);
    expect(received).to.deep.equal([]);
  });
});
