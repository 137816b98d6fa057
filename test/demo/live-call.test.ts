import { expect } from '@esm-bundle/chai';
import { EventEmitter } from 'eventemitter3';
import { LiveCalls } from '../../demo/console/live-call.js';
import type { BridgeEvents, CallRecord } from '../../src/index.js';

/** A call record as the bridge emits it, in `state`. */
function call(conversationId: string, state: CallRecord['state'], name?: string): CallRecord {
  return {
    conversationId,
    partnerId: 'p-1',
    direction: 'inbound',
    state,
    phoneNumber: '+14155550101',
    language: 'en-US',
    ivr: {},
    startedAt: 1,
    updatedAt: 1,
    revision: 1,
    extra: {},
    ...(name === undefined ? {} : { crmRecord: { id: 'C-1', name } }),
  } as CallRecord;
}

describe('LiveCalls (demo console): what a click-to-dial would interrupt', () => {
  const setup = () => {
    const bridge = new EventEmitter<BridgeEvents>();
    const calls = new LiveCalls(bridge);
    const update = (record: CallRecord) => bridge.emit('call.updated', record, { method: 'test', verdict: 'applied' });
    return { calls, update };
  };

  it('is free before any call, busy while a call rings, dials or is connected, and free once it is wrapped up', () => {
    const { calls, update } = setup();
    expect(calls.busy).to.equal(undefined);
    for (const state of ['ringing', 'dialing', 'connected'] as const) {
      update(call('a', state));
      expect(calls.busy?.kind, state).to.equal('live');
    }
    update(call('a', 'ended'));
    expect(calls.busy).to.deep.include({ kind: 'wrapup' });
    update(call('a', 'wrapped'));
    expect(calls.busy).to.equal(undefined);
  });

  it('a rejected call holds nothing; the newest live call wins over an older wrap-up', () => {
    const { calls, update } = setup();
    update(call('a', 'ringing'));
    update(call('a', 'rejected'));
    expect(calls.busy).to.equal(undefined);
    update(call('b', 'connected'));
    update(call('b', 'ended', 'Maya'));
    expect(calls.busy?.call.crmRecord?.name).to.equal('Maya');
    update(call('c', 'ringing'));
    expect(calls.busy).to.deep.include({ kind: 'live' });
    expect(calls.busy?.call.conversationId).to.equal('c');
    // The softphone moved on from b's wrap-up when c started: once c is over, b does not come back.
    update(call('c', 'wrapped'));
    expect(calls.busy).to.equal(undefined);
  });

  it('leave() frees a wrap-up the agent chose to leave', () => {
    const { calls, update } = setup();
    update(call('a', 'ended'));
    calls.leave('a');
    expect(calls.busy).to.equal(undefined);
  });
});
