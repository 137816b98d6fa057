import { expect } from '@esm-bundle/chai';
import sinon from 'sinon';
import { Bridge } from '../../src/core/bridge.js';
import { createBridge } from '../../src/core/create-bridge.js';
import { createMemoryStore } from '../../src/outbox/memory-store.js';
import { BridgeError } from '../../src/errors/index.js';
import { silentLogger } from '../../src/shared/logger.js';
import { FakeCrm, fakeAdapter, type FakeAdapter } from '../../adapters/fake/index.js';
import { callSubject } from '../../src/contract/call-summary.js';

const ids = { partnerId: 'partner-1', conversationId: 'conv-1' };
const partnerConfig = { partnerId: 'partner-1', businessSegmentId: 'segment-1', channelOriginId: 'origin-1' };

function setup(options: { crm?: FakeCrm; window?: EventTarget } = {}) {
  const crm =
    options.crm ??
    new FakeCrm({
      dispositions: ['resolved', 'callback'],
      partnerConfig,
      contacts: [{ id: '003A', name: 'Ada Lovelace', phone: '(555) 010-0100' }],
    });
  const adapter = fakeAdapter(crm);
  const bridge = createBridge({
    adapter,
    store: createMemoryStore(),
    logger: silentLogger,
    ...(options.window ? { window: options.window as never } : {}),
  });
  return { crm, adapter, bridge };
}

function nextEvent<K extends 'outbox.written' | 'call.updated' | 'screenPop.failed'>(
  bridge: Bridge,
  name: K,
): Promise<unknown[]> {
  return new Promise((resolve) => bridge.once(name, (...args: unknown[]) => resolve(args)));
}

describe('Bridge', () => {
  let bridge: Bridge;
  afterEach(async () => {
    sinon.restore();
    await bridge?.dispose();
  });

  describe('.load()', () => {
    it('delivers disposition and partner_config from the adapter', async () => {
      ({ bridge } = setup());
      const callback = sinon.spy();
      await bridge.load(callback);
      expect(callback.args).to.deep.equal([
        ['disposition', ['resolved', 'callback']],
        ['partner_config', partnerConfig],
      ]);
    });

    it('accepts the name of a global function, dotted or not', async () => {
      ({ bridge } = setup());
      const calls: unknown[] = [];
      const scope = {
        softphone: {
          events: calls,
          onBridgeEvent(this: { events: unknown[] }, type: string) {
            this.events.push(type);
          },
        },
      };
      const named = createBridge({
        adapter: fakeAdapter(new FakeCrm({ dispositions: ['x'] })),
        store: createMemoryStore(),
        logger: silentLogger,
        window: Object.assign(new EventTarget(), scope) as never,
      });
      await named.load('softphone.onBridgeEvent');
      expect(calls).to.deep.equal(['disposition']);
      await named.dispose();
    });

    it('rejects with INTERNAL, keeping the cause, when something that is not a BridgeError fails inside a method', async () => {
      const store = createMemoryStore();
      const bug = new TypeError('store bug');
      sinon.stub(store, 'getCall').throws(bug);
      bridge = createBridge({
        adapter: fakeAdapter(new FakeCrm({ dispositions: ['x'] })),
        store,
        logger: silentLogger,
      });
      const error = await bridge.getCall('conv-1').then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error)
        .to.be.instanceOf(BridgeError)
        .and.include({ code: 'INTERNAL', retryable: false, message: 'getCall: an unexpected error (see cause).' });
      expect((error as BridgeError).cause).to.equal(bug);
    });

    it('rejects a name that is not a global function, and a number', async () => {
      ({ bridge } = setup());
      for (const bad of ['noSuchFunction', 'constructor.constructor', 42, '']) {
        const error = await bridge.load(bad as never).then(
          () => undefined,
          (e: unknown) => e,
        );
        expect(error).to.be.instanceOf(BridgeError);
        expect((error as BridgeError).code).to.equal('CALLBACK_INVALID');
      }
    });

    it('sends the configuration again to a new callback on a second load, without reconnecting', async () => {
      let adapter: FakeAdapter;
      ({ bridge, adapter } = setup());
      const connect = sinon.spy(adapter, 'connect');
      await bridge.load(() => {});
      const second = sinon.spy();
      await bridge.load(second);
      expect(second.args.map((a) => a[0])).to.deep.equal(['disposition', 'partner_config']);
      expect(connect.calledOnce).to.equal(true);
    });

    it('rejects with ADAPTER_CONNECT_FAILED when the adapter cannot connect, and can load again', async () => {
      const crm = new FakeCrm();
      const adapter = fakeAdapter(crm);
      const connect = sinon.stub(adapter, 'connect').onFirstCall().rejects(new Error('down')).callThrough();
      bridge = createBridge({ adapter, store: createMemoryStore(), logger: silentLogger });
      const failed = sinon.spy();
      bridge.on('adapter.failed', failed);
      const error = await bridge
        .load(() => {})
        .then(
          () => undefined,
          (e: unknown) => e,
        );
      expect((error as BridgeError).code).to.equal('ADAPTER_CONNECT_FAILED');
      expect(failed.calledOnce).to.equal(true);
      await bridge.load(() => {});
      expect(connect.calledTwice).to.equal(true);
      expect((await bridge.status()).connected).to.equal(true);
    });
  });

  describe('contract methods', () => {
    it('resolve with the stored conversation once recorded', async () => {
      ({ bridge } = setup());
      const call = await bridge.incomingCall({ ...ids, callerANI: '+15550100100' });
      expect(call.state).to.equal('ringing');
      expect(call.language).to.equal('en_US');
      expect((await bridge.getCall('conv-1'))?.state).to.equal('ringing');
    });

    it('never throw synchronously, whatever they are given', () => {
      ({ bridge } = setup());
      const methods = [
        'incomingCall',
        'callAccepted',
        'callRejected',
        'callEnded',
        'callNotesSubmitted',
        'outboundCallInitiated',
        'statusChanged',
        'load',
      ] as const;
      const junk: unknown[] = [undefined, null, 0, '', '{', [], () => {}, Symbol('x'), { conversationId: {} }];
      const settled: Promise<unknown>[] = [];
      for (const method of methods) {
        for (const value of junk) {
          let result: unknown;
          expect(() => {
            result = (bridge[method] as (...a: unknown[]) => Promise<unknown>)(value);
          }).not.to.throw();
          expect(result).to.be.instanceOf(Promise);
          settled.push((result as Promise<unknown>).catch((e: unknown) => expect(e).to.be.instanceOf(BridgeError)));
        }
      }
      return Promise.all(settled);
    });

    it('report bad input as an event and carry on with the next good one', async () => {
      ({ bridge } = setup());
      const rejected = sinon.spy();
      bridge.on('contract.rejected', rejected);
      const bad = bridge.callEnded({ ...ids, duration: 'long' } as never);
      const good = bridge.incomingCall({ ...ids, callerANI: '+15550100100' });
      const error = await bad.then(
        () => undefined,
        (e: unknown) => e,
      );
      expect((error as BridgeError).code).to.equal('CONTRACT_PAYLOAD_INVALID');
      expect((error as BridgeError).message)
        .to.contain('callEnded')
        .and.to.contain('"duration"');
      expect(rejected.calledOnceWith(error)).to.equal(true);
      expect((await good).state).to.equal('ringing');
    });

    it('apply events in the order they were called', async () => {
      ({ bridge } = setup());
      const states: string[] = [];
      bridge.on('call.updated', (call) => states.push(call.state));
      await Promise.all([
        bridge.incomingCall({ ...ids, callerANI: '+15550100100' }),
        bridge.callAccepted({ ...ids }),
        bridge.callEnded({ ...ids, duration: 30 }),
        bridge.callNotesSubmitted({ ...ids, notes: 'done' }),
      ]);
      expect(states).to.deep.equal(['ringing', 'connected', 'ended', 'wrapped']);
    });

    it('keep a subscriber that throws away from the softphone', async () => {
      ({ bridge } = setup());
      bridge.on('call.updated', () => {
        throw new Error('listener bug');
      });
      const call = await bridge.incomingCall({ ...ids, callerANI: '+15550100100' });
      expect(call.state).to.equal('ringing');
    });

    it('report ignored events without rejecting them', async () => {
      ({ bridge } = setup());
      const ignored = sinon.spy();
      bridge.on('call.ignored', ignored);
      await bridge.incomingCall({ ...ids, callerANI: '+15550100100' });
      await bridge.callAccepted({ ...ids });
      const call = await bridge.callRejected({ ...ids, reason: 'active' });
      expect(call.state).to.equal('connected');
      expect(ignored.firstCall.args[0].code).to.equal('CALL_TRANSITION_IGNORED');
    });

    it('refuse politely once disposed', async () => {
      ({ bridge } = setup());
      await bridge.dispose();
      const error = await bridge.incomingCall({ ...ids, callerANI: '1' }).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect((error as BridgeError).code).to.equal('BRIDGE_DISPOSED');
    });
  });

  describe('call logs', () => {
    it('write exactly one log with duration, disposition and notes, notes merged from before the end', async () => {
      let crm: FakeCrm;
      ({ bridge, crm } = setup());
      await bridge.load(() => {});
      await bridge.incomingCall({ ...ids, callerANI: '+15550100100' });
      await bridge.callAccepted({ ...ids, ivrExitPath: 'billing' });
      await bridge.callNotesSubmitted({ ...ids, disposition: 'resolved', notes: 'Refund <b>approved</b>' });
      await bridge.callEnded({ ...ids, duration: 125, notes: '' });
      await bridge.callEnded({ ...ids, duration: 999 });
      await bridge.flush();
      const logs = crm.callLogs();
      expect(logs).to.have.length(1);
      expect(logs[0]?.creates).to.equal(1);
      expect(logs[0]?.call).to.include({
        durationSeconds: 125,
        disposition: 'resolved',
        notes: 'Refund <b>approved</b>',
        outcome: 'completed',
      });
      expect(logs[0]?.call.ivr.ivrExitPath).to.equal('billing');
    });

    it('log an outbound call of 200 seconds without claiming it went unanswered (the contract has no outbound answer)', async () => {
      let crm: FakeCrm;
      ({ bridge, crm } = setup());
      await bridge.load(() => {});
      await bridge.outboundCallInitiated({ ...ids, dialledTo: '+15550100100' });
      await bridge.callEnded({ ...ids, duration: 200, callType: 'outbound' });
      await bridge.flush();
      const [log] = crm.callLogs();
      expect(log?.call).to.include({ direction: 'outbound', durationSeconds: 200, outcome: 'unconfirmed' });
      expect(callSubject(log!.call)).to.equal('Outbound call +15550100100');
    });

    it('update the same log when notes come after the end', async () => {
      let crm: FakeCrm;
      ({ bridge, crm } = setup());
      await bridge.load(() => {});
      await bridge.incomingCall({ ...ids, callerANI: '+15550100100' });
      await bridge.callEnded({ ...ids, duration: 10 });
      await bridge.flush();
      await bridge.callNotesSubmitted({ ...ids, notes: 'after the end' });
      await bridge.flush();
      const logs = crm.callLogs();
      expect(logs).to.have.length(1);
      expect(logs[0]).to.include({ creates: 1, updates: 1 });
      expect(logs[0]?.call.notes).to.equal('after the end');
    });

    it('queue logs recorded before load and write them once the adapter connects', async () => {
      let crm: FakeCrm;
      ({ bridge, crm } = setup());
      await bridge.callEnded({ ...ids, duration: 4 });
      await bridge.flush();
      expect(crm.callLogs()).to.have.length(0);
      const written = nextEvent(bridge, 'outbox.written');
      await bridge.load(() => {});
      await written;
      expect(crm.callLogs()).to.have.length(1);
    });
  });

  describe('screen pops', () => {
    it('pop the one matching record and log the call against it', async () => {
      let crm: FakeCrm;
      ({ bridge, crm } = setup());
      await bridge.load(() => {});
      const linked = new Promise<void>((resolve) => bridge.on('call.updated', (call) => call.crmRecord && resolve()));
      await bridge.incomingCall({ ...ids, callerANI: '+1 555 010 0100' });
      await linked;
      await bridge.callEnded({ ...ids, duration: 3 });
      await bridge.flush();
      expect(crm.pops).to.have.length(1);
      expect(crm.callLogs()[0]?.call.crmRecord).to.deep.equal({ id: '003A', type: 'Contact', name: 'Ada Lovelace' });
    });

    it('wait for load before popping, and pop once per conversation', async () => {
      let crm: FakeCrm;
      ({ bridge, crm } = setup());
      await bridge.incomingCall({ ...ids, callerANI: '+15550100100' });
      await bridge.incomingCall({ ...ids, callerANI: '+15550100100' });
      expect(crm.pops).to.have.length(0);
      const linked = nextEvent(bridge, 'call.updated');
      await bridge.load(() => {});
      await linked;
      expect(crm.pops).to.have.length(1);
    });

    it('report a failed pop and still log the call', async () => {
      let adapter: FakeAdapter;
      let crm: FakeCrm;
      ({ bridge, adapter, crm } = setup());
      sinon.stub(adapter, 'screenPop').rejects(new Error('navigation refused'));
      await bridge.load(() => {});
      const failed = nextEvent(bridge, 'screenPop.failed');
      await bridge.incomingCall({ ...ids, callerANI: '+15550100100' });
      const [error] = await failed;
      expect((error as BridgeError).code).to.equal('SCREEN_POP_FAILED');
      await bridge.callEnded({ ...ids, duration: 3 });
      await bridge.flush();
      expect(crm.callLogs()).to.have.length(1);
    });

    it('log an adapter whose callUpdated throws as ADAPTER_HOOK_FAILED, not as a failed pop, and still log the call', async () => {
      const crm = new FakeCrm({ dispositions: ['resolved'], partnerConfig });
      const adapter = Object.assign(fakeAdapter(crm), {
        callUpdated: () => {
          throw new TypeError('adapter bug');
        },
      });
      const logger = { ...silentLogger, warn: sinon.spy() };
      bridge = createBridge({ adapter, store: createMemoryStore(), logger });
      await bridge.load(() => {});
      await bridge.incomingCall({ ...ids, callerANI: '+15550100100' });
      await bridge.callEnded({ ...ids, duration: 3 });
      await bridge.flush();
      expect(logger.warn.calledWith('callUpdated threw', { code: 'ADAPTER_HOOK_FAILED' })).to.equal(true);
      expect(crm.callLogs()).to.have.length(1);
    });

    it('link an outbound call to the record it was dialled from, without a search', async () => {
      let crm: FakeCrm;
      let adapter: FakeAdapter;
      ({ bridge, crm, adapter } = setup());
      const callback = sinon.spy();
      await bridge.load(callback);
      await adapter.clickToDial({ dialTo: '+18883973342', crmRecord: { id: '001B', type: 'Account' } });
      expect(callback.lastCall.args).to.deep.equal(['start_call', { ...partnerConfig, dialTo: '+18883973342' }]);
      const linked = nextEvent(bridge, 'call.updated');
      await bridge.outboundCallInitiated({ ...ids, dialledTo: '8883973342' });
      await linked;
      expect(crm.pops).to.have.length(0);
      expect((await bridge.getCall('conv-1'))?.crmRecord?.id).to.equal('001B');
    });
  });

  describe('the CRM → softphone direction', () => {
    it('queues start_call before load and delivers it once on load', async () => {
      ({ bridge } = setup());
      await bridge.setPartnerConfig(partnerConfig);
      const started = bridge.startCall({
        dialTo: '+18883973342',
        dialFrom: '+18449401117',
        participantType: 'Traveler',
      });
      const callback = sinon.spy();
      await bridge.load(callback);
      await started;
      const starts = callback.args.filter((a) => a[0] === 'start_call');
      expect(starts).to.deep.equal([
        [
          'start_call',
          { ...partnerConfig, dialTo: '+18883973342', dialFrom: '+18449401117', participantType: 'Traveler' },
        ],
      ]);
    });

    it('refuses a queued start_call when the softphone does not load in time', async () => {
      const clock = sinon.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
      ({ bridge } = setup());
      await bridge.setPartnerConfig(partnerConfig);
      const started = bridge.startCall({ dialTo: '+18883973342' }).then(
        () => undefined,
        (e: unknown) => e,
      );
      await clock.tickAsync(30_001);
      expect(((await started) as BridgeError).code).to.equal('CALLBACK_EXPIRED');
      const callback = sinon.spy();
      await bridge.load(callback);
      expect(callback.args.some((a) => a[0] === 'start_call')).to.equal(false);
    });

    it('names the missing partner fields of a start_call', async () => {
      ({ bridge } = setup({ crm: new FakeCrm() }));
      const error = (await bridge.startCall({ dialTo: '+18883973342' }).then(
        () => undefined,
        (e: unknown) => e,
      )) as BridgeError;
      expect(error.code).to.equal('CONTRACT_PAYLOAD_INVALID');
      expect(error.details['fields']).to.deep.equal(['partnerId', 'businessSegmentId', 'channelOriginId']);
    });

    it('keeps only the latest disposition list before load', async () => {
      ({ bridge } = setup({ crm: new FakeCrm() }));
      await bridge.setDispositions(['a']);
      await bridge.setDispositions(['b', 'c']);
      const callback = sinon.spy();
      await bridge.load(callback);
      expect(callback.args.filter((a) => a[0] === 'disposition')).to.deep.equal([['disposition', ['b', 'c']]]);
    });

    it('survives a callback that throws and reports it', async () => {
      ({ bridge } = setup());
      const failed = sinon.spy();
      bridge.on('callback.failed', failed);
      await bridge.load(() => {
        throw new Error('softphone bug');
      });
      expect(failed.callCount).to.equal(2);
      expect(failed.firstCall.args[0].code).to.equal('CALLBACK_FAILED');
      expect((await bridge.incomingCall({ ...ids, callerANI: '1' })).state).to.equal('ringing');
    });
  });

  describe('presence', () => {
    it('syncs both ways without echoing a change back to where it came from', async () => {
      let crm: FakeCrm;
      let adapter: FakeAdapter;
      ({ bridge, crm, adapter } = setup());
      const callback = sinon.spy();
      await bridge.load(callback);
      await bridge.statusChanged({ softphoneId: 'available' });
      await bridge.flush();
      expect(crm.presence).to.deep.equal(['available']);
      await adapter.changePresence('available'); // the CRM echoes our write
      expect(callback.args.filter((a) => a[0] === 'update_presence')).to.deep.equal([]);
      await adapter.changePresence('busy'); // a real change in the CRM
      expect(callback.args.filter((a) => a[0] === 'update_presence')).to.deep.equal([
        ['update_presence', { softphoneId: 'busy' }],
      ]);
      await bridge.statusChanged({ softphoneId: 'busy' }); // the softphone applies it and echoes
      await bridge.flush();
      expect(crm.presence).to.deep.equal(['available']);
    });

    it('does not flip back on a late echo of an older change', async () => {
      let adapter: FakeAdapter;
      ({ bridge, adapter } = setup());
      const callback = sinon.spy();
      await bridge.load(callback);
      await bridge.statusChanged({ softphoneId: 'away' });
      await bridge.statusChanged({ softphoneId: 'available' });
      await adapter.changePresence('away');
      await adapter.changePresence('available');
      expect(callback.args.filter((a) => a[0] === 'update_presence')).to.deep.equal([]);
    });
  });
});

describe('Bridge presence repeats', () => {
  it('sends the same update_presence again after the agent changed status in between', async () => {
    const adapter = fakeAdapter(new FakeCrm());
    const bridge = createBridge({ adapter, store: createMemoryStore(), logger: silentLogger });
    const callback = sinon.spy();
    await bridge.load(callback);
    await adapter.changePresence('busy');
    await bridge.statusChanged({ softphoneId: 'busy' }); // echo
    await bridge.statusChanged({ softphoneId: 'available' }); // the agent's own change
    await adapter.changePresence('busy'); // the CRM sets busy again
    expect(callback.args.filter((a) => a[0] === 'update_presence').length).to.equal(2);
    await bridge.dispose();
  });
});

describe('Bridge disposed while connecting', () => {
  it('lets go of the adapter and starts no outbox', async () => {
    const adapter = fakeAdapter(new FakeCrm());
    let finishConnect: (value: object) => void = () => {};
    sinon.stub(adapter, 'connect').returns(new Promise((resolve) => (finishConnect = resolve)));
    const disconnect = sinon.spy(adapter, 'disconnect');
    const bridge = createBridge({ adapter, store: createMemoryStore(), logger: silentLogger });
    const loading = bridge
      .load(() => {})
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    await new Promise((resolve) => setTimeout(resolve, 0));
    await bridge.dispose();
    finishConnect({});
    expect(((await loading) as BridgeError).code).to.equal('BRIDGE_DISPOSED');
    expect(disconnect.calledOnce).to.equal(true);
    sinon.restore();
  });
});

describe('Bridge presence after coalesced changes', () => {
  it('passes on a real CRM change to a status the softphone set but the outbox never wrote', async () => {
    const adapter = fakeAdapter(new FakeCrm());
    const bridge = createBridge({ adapter, store: createMemoryStore(), logger: silentLogger });
    await bridge.statusChanged({ softphoneId: 'away' });
    await bridge.statusChanged({ softphoneId: 'busy' }); // before load: only 'busy' is written
    const callback = sinon.spy();
    await bridge.load(callback);
    await bridge.flush();
    expect(adapter.crm.presence).to.deep.equal(['busy']);
    await adapter.changePresence('busy'); // the CRM's echo of our write
    await adapter.changePresence('away'); // the agent's real change in the CRM
    expect(callback.args.filter((a) => a[0] === 'update_presence')).to.deep.equal([
      ['update_presence', { softphoneId: 'away' }],
    ]);
    await bridge.dispose();
  });
});

describe('Bridge CRM-side methods with hostile objects', () => {
  it('reject unreadable arguments as bad input (never a store failure) with a contract.rejected event', async () => {
    const bridge = createBridge({
      adapter: fakeAdapter(new FakeCrm()),
      store: createMemoryStore(),
      logger: silentLogger,
    });
    const rejected = sinon.spy();
    bridge.on('contract.rejected', rejected);
    const trap = new Proxy(
      {},
      {
        ownKeys() {
          throw new Error('trap');
        },
        get() {
          throw new Error('trap');
        },
      },
    );
    const codes = await Promise.all([
      bridge.startCall(trap as never).then(
        () => 'resolved',
        (e: BridgeError) => e.code,
      ),
      bridge.setDispositions(trap as never).then(
        () => 'resolved',
        (e: BridgeError) => e.code,
      ),
      bridge.setPartnerConfig(trap as never).then(
        () => 'resolved',
        (e: BridgeError) => e.code,
      ),
      bridge.updatePresence(trap as never).then(
        () => 'resolved',
        (e: BridgeError) => e.code,
      ),
    ]);
    // startCall and setPartnerConfig copy the object's fields, and the trap throws: unreadable.
    // A list of codes and a status id must be an array and a string; the proxy is neither.
    expect(codes).to.deep.equal([
      'CONTRACT_ARGUMENTS_INVALID',
      'CONTRACT_PAYLOAD_INVALID',
      'CONTRACT_ARGUMENTS_INVALID',
      'CONTRACT_PAYLOAD_INVALID',
    ]);
    expect(rejected.callCount).to.equal(4);
    await bridge.dispose();
  });
});

describe('createBridge options', () => {
  const make = (options: object) => () =>
    createBridge({ adapter: fakeAdapter(new FakeCrm()), store: createMemoryStore(), logger: silentLogger, ...options });
  const thrown = (create: () => Bridge): BridgeError => {
    try {
      void create().dispose();
    } catch (error) {
      return error as BridgeError;
    }
    throw new Error('createBridge accepted the options');
  };

  it('refuses a bad retry option with CONFIG_INVALID naming it', () => {
    for (const [retry, key] of [
      [{ maxAttempts: 0 }, 'maxAttempts'],
      [{ maxAttempts: 2.5 }, 'maxAttempts'],
      [{ baseDelayMs: '100' }, 'baseDelayMs'],
      [{ writeTimeoutMs: Number.NaN }, 'writeTimeoutMs'],
    ] as const) {
      const error = thrown(make({ retry }));
      expect(error).to.be.instanceOf(BridgeError);
      expect(error).to.include({ code: 'CONFIG_INVALID' });
      expect(error.message).to.contain(`retry.${key}`);
      expect(error.details['keys']).to.deep.equal([key]);
    }
  });

  it('checks the options on every way in: `new Bridge` is createBridge', () => {
    const construct = (options: object) => () =>
      new Bridge({ adapter: fakeAdapter(new FakeCrm()), store: createMemoryStore(), logger: silentLogger, ...options });
    expect(thrown(construct({ retry: { maxAttempts: 0 } }))).to.include({ code: 'CONFIG_INVALID' });
    expect(thrown(construct({ policy: { logRejectedCalls: 'some' } }))).to.include({ code: 'CONFIG_INVALID' });
    expect(thrown(construct({ interruptedAfterMs: -1 }))).to.include({ code: 'CONFIG_INVALID' });
  });

  it('refuses a bad policy option with CONFIG_INVALID naming it', () => {
    const error = thrown(make({ policy: { screenPopOn: 'never' } }));
    expect(error).to.include({ code: 'CONFIG_INVALID' });
    expect(error.message).to.equal('policy.screenPopOn must be one of ring, accept.');
  });

  it('applies good options, and the defaults for those left out (the bundles pass none of these)', async () => {
    const crm = new FakeCrm({ contacts: [{ id: '003A', name: 'Ada Lovelace', phone: '+15550100100' }] });
    crm.injectFaults('before', 5);
    const adapter = fakeAdapter(crm);
    const bridge = createBridge({
      adapter,
      store: createMemoryStore(),
      logger: silentLogger,
      retry: { maxAttempts: 1 },
      policy: { screenPopOn: 'accept' },
    });
    const plain = createBridge({
      adapter: fakeAdapter(new FakeCrm()),
      store: createMemoryStore(),
      logger: silentLogger,
    });
    try {
      await bridge.load(() => undefined);
      const dead = new Promise((resolve) => bridge.once('outbox.deadLettered', resolve));
      const ringing = await bridge.incomingCall({ ...ids, callerANI: '+15550100100' });
      expect(ringing.poppedAt, 'screenPopOn: accept waits for the accept').to.equal(undefined);
      await bridge.callEnded({ ...ids, duration: 3 });
      await dead; // maxAttempts 1: the first failure is final
      expect(crm.callLogs()).to.have.length(0);
      await plain.load(() => undefined);
      expect(await plain.status()).to.include({ connected: true, durability: 'memory' });
    } finally {
      await bridge.dispose();
      await plain.dispose();
    }
  });
});
