import { expect } from '@esm-bundle/chai';
import sinon from 'sinon';
import { ContractLink } from '../../../connectors/shared/contract-link.js';
import { BridgeError, type ContractTarget, type SoftphoneCallback } from '../../../src/contract/index.js';
import { connectorContext, manualClock } from '../tools.js';

/** A target that records calls and lets a test deliver callbacks. */
function fakeTarget(onLoad: (callback: SoftphoneCallback) => void = () => {}) {
  const calls: [string, unknown][] = [];
  let callback: SoftphoneCallback | undefined;
  const record = (method: string) => async (params: unknown) => void calls.push([method, params]);
  const target: ContractTarget = {
    load: async (cb) => {
      callback = cb;
      onLoad(cb);
    },
    incomingCall: record('incomingCall'),
    callAccepted: record('callAccepted'),
    callRejected: record('callRejected'),
    callEnded: record('callEnded'),
    callNotesSubmitted: record('callNotesSubmitted'),
    outboundCallInitiated: record('outboundCallInitiated'),
    statusChanged: record('statusChanged'),
  };
  return { target, calls, deliver: (...args: Parameters<SoftphoneCallback>) => callback?.(...args) };
}

const handlers = () => ({ startCall: sinon.spy(), updatePresence: sinon.spy() });
const partnerConfig = { partnerId: 'from-crm', businessSegmentId: 's', channelOriginId: 'o' };

describe('ContractLink', () => {
  it('takes the partner id from partner_config, over the option', async () => {
    const link = new ContractLink('test', 'from-option');
    const { target } = fakeTarget((cb) => cb('partner_config', partnerConfig));
    await link.open(target, connectorContext(manualClock()), handlers());
    expect(link.partner).to.equal('from-crm');
  });

  it('uses the option while the CRM sends no partner_config, and refuses to open with neither', async () => {
    const link = new ContractLink('test', 'from-option');
    await link.open(fakeTarget().target, connectorContext(manualClock()), handlers());
    expect(link.partner).to.equal('from-option');
    const none = new ContractLink('test', undefined);
    const error = await none.open(fakeTarget().target, connectorContext(manualClock()), handlers()).then(
      () => undefined,
      (e: unknown) => e as BridgeError,
    );
    expect(error?.details).to.deep.equal({ connector: 'test', keys: ['partnerId'] });
    expect(none.isOpen).to.equal(false);
  });

  it('routes start_call and update_presence to the handlers, and reports a handler that throws', async () => {
    const link = new ContractLink('test', 'p');
    const context = connectorContext(manualClock());
    const { target, deliver } = fakeTarget();
    const h = handlers();
    h.startCall = sinon.spy(() => {
      throw new BridgeError('DIAL_NUMBER_INVALID', 'test: no.');
    });
    await link.open(target, context, h);
    deliver('update_presence', { softphoneId: 'busy' });
    expect(() => deliver('start_call', { ...partnerConfig, dialTo: '+1555' })).not.to.throw();
    expect(h.updatePresence.args).to.deep.equal([[{ softphoneId: 'busy' }]]);
    expect(context.reports.map((r) => r.code)).to.deep.equal(['DIAL_NUMBER_INVALID']);
  });

  it('holds vendor events that arrive while load runs, and applies them after, in order', async () => {
    const link = new ContractLink('test', 'p');
    const order: string[] = [];
    const { target } = fakeTarget(() => {
      link.run(() => void order.push('early-1'));
      link.run(() => void order.push('early-2'));
      order.push('loaded');
    });
    await link.open(target, connectorContext(manualClock()), handlers());
    link.run(() => void order.push('late'));
    expect(order).to.deep.equal(['loaded', 'early-1', 'early-2', 'late']);
  });

  it('reports what the target refuses, except transitions it ignores, and settles after all', async () => {
    const link = new ContractLink('test', 'p');
    const context = connectorContext(manualClock());
    const { target } = fakeTarget();
    target.callEnded = () =>
      Promise.reject(
        new BridgeError('CONTRACT_PAYLOAD_INVALID', 'callEnded: "duration" is required (number).', {
          details: { method: 'callEnded', fields: ['duration'] },
        }),
      );
    target.callAccepted = () => Promise.reject(new BridgeError('CALL_TRANSITION_IGNORED', 'ignored'));
    await link.open(target, context, handlers());
    link.send([
      { method: 'callAccepted', payload: { partnerId: 'p', conversationId: 'c' } },
      { method: 'callEnded', payload: { partnerId: 'p', conversationId: 'c', duration: 1 } },
    ]);
    await link.settled();
    expect(context.reports.map((r) => [r.code, r.details['connector'], r.details['fields']])).to.deep.equal([
      ['CONTRACT_PAYLOAD_INVALID', 'test', ['duration']],
    ]);
    expect(context.reports[0]?.message).to.equal(
      'test: the bridge refused callEnded: callEnded: "duration" is required (number).',
    );
  });

  it('reports a handler run that throws, and survives a report handler that throws', async () => {
    const link = new ContractLink('test', 'p');
    const context = connectorContext(manualClock());
    context.report = () => {
      throw new Error('integrator bug');
    };
    await link.open(fakeTarget().target, context, handlers());
    expect(() =>
      link.run(() => {
        throw new Error('boom');
      }),
    ).not.to.throw();
  });

  it('reports a vendor event handler that throws as CONNECTOR_HANDLER_FAILED, keeping the cause', async () => {
    const link = new ContractLink('test', 'p');
    const context = connectorContext(manualClock());
    await link.open(fakeTarget().target, context, handlers());
    const bug = new TypeError('handler bug');
    link.run(() => {
      throw bug;
    });
    expect(context.reports.map((r) => [r.code, r.message, r.details['connector']])).to.deep.equal([
      ['CONNECTOR_HANDLER_FAILED', 'test: a vendor event could not be handled.', 'test'],
    ]);
    expect(context.reports[0]?.cause).to.equal(bug);
  });

  it('says NOT_CONNECTED when used before it opened', () => {
    const link = new ContractLink('test', 'p');
    let error: unknown;
    try {
      void link.context;
    } catch (thrown) {
      error = thrown;
    }
    expect(error)
      .to.be.instanceOf(BridgeError)
      .and.include({ code: 'NOT_CONNECTED', message: 'The test connector is not connected.', retryable: true });
  });

  it('reports a target that fails with something other than a BridgeError as INTERNAL, with the connector named', async () => {
    const link = new ContractLink('test', 'p');
    const { target } = fakeTarget();
    const context = connectorContext(manualClock());
    target.statusChanged = () => Promise.reject(new TypeError('bridge bug'));
    await link.open(target, context, handlers());
    link.send([{ method: 'statusChanged', payload: { softphoneId: 'x' } }]);
    await link.settled();
    expect(context.reports.map((r) => [r.code, r.message, r.details['connector']])).to.deep.equal([
      ['INTERNAL', 'test: the bridge refused statusChanged: statusChanged: an unexpected error (see cause).', 'test'],
    ]);
  });

  it('ignores callbacks, sends and runs once closed', async () => {
    const link = new ContractLink('test', 'p');
    const { target, calls, deliver } = fakeTarget();
    const h = handlers();
    await link.open(target, connectorContext(manualClock()), h);
    link.close();
    deliver('start_call', { ...partnerConfig, dialTo: '+1555' });
    link.send([{ method: 'statusChanged', payload: { softphoneId: 'x' } }]);
    let ran = false;
    link.run(() => void (ran = true));
    expect([h.startCall.called, calls.length, ran]).to.deep.equal([false, 0, false]);
  });
});
