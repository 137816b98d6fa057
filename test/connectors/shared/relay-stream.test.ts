import { expect } from '@esm-bundle/chai';
import sinon from 'sinon';
import {
  subscribeRelay,
  type RelayEnvironment,
  type RelayStreamEvent,
} from '../../../connectors/shared/relay-stream.js';

/**
 * A scripted EventSource: the relay's side is played by `send` (an `event:`/`data:` message as the
 * relay writes it, relay/README.md) and `refuse` (what a browser does on a 401: readyState CLOSED,
 * then `error`). The browser's own reconnection with Last-Event-ID is the browser's, not modelled.
 */
class ScriptedEventSource extends EventTarget {
  static opened: ScriptedEventSource[] = [];
  readyState = 0;
  closed = false;
  constructor(readonly url: string) {
    super();
    ScriptedEventSource.opened.push(this);
  }
  send(type: string, event: RelayStreamEvent): void {
    this.dispatchEvent(new MessageEvent(type, { data: JSON.stringify(event), lastEventId: event.id }));
  }
  refuse(): void {
    this.readyState = 2;
    this.dispatchEvent(new Event('error'));
  }
  close(): void {
    this.closed = true;
    this.readyState = 2;
  }
}

const relay = () => ({
  url: 'https://relay.example.com/',
  agentId: `KGpK4iWq-${Math.random().toString(36).slice(2)}`,
  token: 'v1.token',
});
const env = (overrides: Partial<RelayEnvironment> = {}): RelayEnvironment => ({
  EventSource: ScriptedEventSource as unknown as RelayEnvironment['EventSource'],
  BroadcastChannel,
  locks: navigator.locks,
  ...overrides,
});
const event = (id: string, kind = 'popup', vendor = 'voicenter'): RelayStreamEvent => ({
  id,
  vendor,
  kind,
  agentId: 'KGpK4iWq',
  receivedAt: 1_700_000_000_000,
  body: { ivrid: id },
});
const until = async (check: () => boolean, what: string) => {
  for (let i = 0; i < 200 && !check(); i += 1) await new Promise((resolve) => setTimeout(resolve, 5));
  if (!check()) throw new Error(`timed out waiting for ${what}`);
};

describe('subscribeRelay() (the browser side of the relay agent stream)', () => {
  beforeEach(() => (ScriptedEventSource.opened = []));

  it('opens one stream for the tabs of an agent, with the token in the URL, and gives each tab every event once', async () => {
    const options = relay();
    const [a, b] = [sinon.spy(), sinon.spy()];
    const stopA = subscribeRelay(options, ['voicenter.popup'], a, env());
    const stopB = subscribeRelay(options, ['voicenter.popup'], b, env());
    await until(() => ScriptedEventSource.opened.length === 1, 'the leader stream');
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(ScriptedEventSource.opened).to.have.length(1);
    const [source] = ScriptedEventSource.opened;
    const url = new URL(source!.url);
    expect(url.pathname).to.equal(`/v1/agents/${options.agentId}/events`);
    expect(url.searchParams.get('token')).to.equal('v1.token');
    source!.send('voicenter.popup', event('1-0'));
    source!.send('voicenter.popup', event('1-0')); // at least once: a repeat is dropped
    source!.send('voicenter.popup', event('2-0'));
    await until(() => b.callCount === 2, 'the follower tab');
    expect(a.args.map(([e]) => (e as RelayStreamEvent).id)).to.deep.equal(['1-0', '2-0']);
    expect(b.args.map(([e]) => (e as RelayStreamEvent).id)).to.deep.equal(['1-0', '2-0']);
    stopA();
    stopB();
  });

  it('hands the stream to another tab when the leader goes, resuming after the last id it heard', async () => {
    const options = relay();
    const b = sinon.spy();
    const stopA = subscribeRelay(options, ['voicenter.popup', 'voicenter.cdr'], () => undefined, env());
    const stopB = subscribeRelay(options, ['voicenter.popup', 'voicenter.cdr'], b, env());
    await until(() => ScriptedEventSource.opened.length === 1, 'the leader stream');
    ScriptedEventSource.opened[0]!.send('voicenter.cdr', event('7-0', 'cdr'));
    await until(() => b.callCount === 1, 'the follower hearing 7-0');
    stopA();
    await until(() => ScriptedEventSource.opened.length === 2, 'the new leader stream');
    expect(ScriptedEventSource.opened[0]!.closed).to.equal(true);
    expect(new URL(ScriptedEventSource.opened[1]!.url).searchParams.get('lastEventId')).to.equal('7-0');
    ScriptedEventSource.opened[1]!.send('voicenter.popup', event('8-0'));
    await until(() => b.callCount === 2, 'the new leader delivering');
    stopB();
  });

  it('resumes after the last id even when every tab was reloaded (the id kept in storage)', async () => {
    const options = relay();
    const storage = new Map<string, string>();
    const kept = {
      getItem: (k: string) => storage.get(k) ?? null,
      setItem: (k: string, v: string) => void storage.set(k, v),
    };
    const stop = subscribeRelay(options, ['voicenter.popup'], () => undefined, env({ storage: kept }));
    await until(() => ScriptedEventSource.opened.length === 1, 'the first page');
    expect(new URL(ScriptedEventSource.opened[0]!.url).searchParams.has('lastEventId')).to.equal(false);
    ScriptedEventSource.opened[0]!.send('voicenter.popup', event('41-0'));
    stop();
    const reloaded = subscribeRelay(options, ['voicenter.popup'], () => undefined, env({ storage: kept }));
    await until(() => ScriptedEventSource.opened.length === 2, 'the reloaded page');
    expect(new URL(ScriptedEventSource.opened[1]!.url).searchParams.get('lastEventId')).to.equal('41-0');
    reloaded();
  });

  it('streams in every tab where the browser refuses Web Locks (storage blocked in the frame)', async () => {
    const options = relay();
    const refusing = {
      request: () => Promise.reject(new DOMException('The request was denied.', 'SecurityError')),
    } as unknown as LockManager;
    const stops = [
      subscribeRelay(options, ['sociomile.call'], () => undefined, env({ locks: refusing })),
      subscribeRelay(options, ['sociomile.call'], () => undefined, env({ locks: refusing })),
    ];
    await until(() => ScriptedEventSource.opened.length === 2, 'a stream per tab');
    stops.forEach((stop) => stop());
  });

  it('passes on only the event types asked for, and reports a malformed event without its content', async () => {
    const options = relay();
    const got = sinon.spy();
    const problems: string[] = [];
    const stop = subscribeRelay(options, ['sociomile.call'], got, env({ onProblem: (p) => problems.push(p) }));
    await until(() => ScriptedEventSource.opened.length === 1, 'the stream');
    const [source] = ScriptedEventSource.opened;
    source!.send('voicenter.popup', event('1-0'));
    source!.send('sociomile.call', event('2-0', 'call', 'sociomile'));
    source!.dispatchEvent(new MessageEvent('sociomile.call', { data: '{"id": 3, "secret": "+15550100100"}' }));
    await until(() => got.callCount === 1 && problems.length === 1, 'the sociomile call and the problem');
    expect((got.args[0]![0] as RelayStreamEvent).body).to.deep.equal({ ivrid: '2-0' });
    expect(problems[0]).not.to.contain('+15550100100');
    stop();
  });

  it('tries again with a fresh token after the relay refused the stream', async () => {
    const clock = sinon.useFakeTimers({ toFake: ['setTimeout'] });
    try {
      const token = sinon.stub();
      token.onFirstCall().resolves('v1.expired').onSecondCall().resolves('v1.fresh');
      const stop = subscribeRelay(
        { ...relay(), token },
        ['voicenter.popup'],
        () => undefined,
        env({ locks: undefined }),
      );
      await clock.tickAsync(0);
      expect(ScriptedEventSource.opened).to.have.length(1);
      ScriptedEventSource.opened[0]!.refuse();
      await clock.tickAsync(2_000);
      expect(ScriptedEventSource.opened).to.have.length(2);
      expect(new URL(ScriptedEventSource.opened[1]!.url).searchParams.get('token')).to.equal('v1.fresh');
      stop();
    } finally {
      clock.restore();
    }
  });

  it('reads every kept event when the relay refuses the resume id (400: another store), and never sends that id again', async () => {
    const options = relay();
    const storage = new Map<string, string>();
    const kept = {
      getItem: (k: string) => storage.get(k) ?? null,
      setItem: (k: string, v: string) => void storage.set(k, v),
    };
    const first = subscribeRelay(options, ['voicenter.popup'], () => undefined, env({ storage: kept }));
    await until(() => ScriptedEventSource.opened.length === 1, 'the first page');
    ScriptedEventSource.opened[0]!.send('voicenter.popup', event('1700000000000-0'));
    first();
    const asked: string[] = [];
    const problems: string[] = [];
    const got = sinon.spy();
    const fetch = async (url: string) => (asked.push(url), { status: 400 });
    const stop = subscribeRelay(
      options,
      ['voicenter.popup'],
      got,
      env({ storage: kept, fetch, onProblem: (p) => problems.push(p) }),
    );
    await until(() => ScriptedEventSource.opened.length === 2, 'the reloaded page');
    expect(new URL(ScriptedEventSource.opened[1]!.url).searchParams.get('lastEventId')).to.equal('1700000000000-0');
    ScriptedEventSource.opened[1]!.refuse();
    await until(() => ScriptedEventSource.opened.length === 3, 'the stream asked again');
    expect(asked).to.deep.equal([ScriptedEventSource.opened[1]!.url]);
    expect(new URL(ScriptedEventSource.opened[2]!.url).searchParams.get('lastEventId')).to.equal('0');
    expect(problems).to.deep.equal(['the relay does not know the last event id; reading every event it keeps']);
    ScriptedEventSource.opened[2]!.send('voicenter.popup', event('3'));
    await until(() => got.callCount === 1, 'the replayed event');
    stop();
  });

  it('keeps its resume id when the refusal is not about it (401: an expired token)', async () => {
    const clock = sinon.useFakeTimers({ toFake: ['setTimeout'] });
    try {
      const options = relay();
      const fetch = async () => ({ status: 401 });
      const stop = subscribeRelay(options, ['voicenter.popup'], () => undefined, env({ locks: undefined, fetch }));
      await clock.tickAsync(0);
      ScriptedEventSource.opened[0]!.send('voicenter.popup', event('5-0'));
      ScriptedEventSource.opened[0]!.refuse();
      await clock.tickAsync(2_000);
      expect(ScriptedEventSource.opened).to.have.length(2);
      expect(new URL(ScriptedEventSource.opened[1]!.url).searchParams.get('lastEventId')).to.equal('5-0');
      stop();
    } finally {
      clock.restore();
    }
  });
});
