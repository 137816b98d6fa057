import { expect } from '@esm-bundle/chai';
import { Engagements } from '../../../adapters/hubspot/index.js';
import type { BridgeError, Clock } from '../../../src/contract/index.js';

/** An SDK stub that records what the widget said. */
function sdk() {
  const said: [string, unknown][] = [];
  const record = (name: string) => (data?: unknown) => void said.push([name, data]);
  return {
    said,
    initialized: record('initialized'),
    userLoggedIn: record('userLoggedIn'),
    userLoggedOut: record('userLoggedOut'),
    userAvailable: record('userAvailable'),
    userUnavailable: record('userUnavailable'),
    incomingCall: record('incomingCall'),
    outgoingCall: record('outgoingCall'),
    callAnswered: record('callAnswered'),
    callEnded: record('callEnded'),
    callCompleted: record('callCompleted'),
    navigateToRecord: record('navigateToRecord'),
  };
}
const clock: Clock = {
  now: () => Date.now(),
  setTimeout: (f, ms) => setTimeout(f, ms),
  clearTimeout: (h) => clearTimeout(h as number),
};
const call = (conversationId: string, direction: 'inbound' | 'outbound' = 'inbound') => ({
  conversationId,
  direction,
  phoneNumber: '+15550100100',
  startedAt: 1,
});
const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('Engagements', () => {
  it('sends starts one at a time, so each answer belongs to the start in flight', async () => {
    const stub = sdk();
    const engagements = new Engagements(stub, clock, 500, '+18449401117');
    const a = engagements.start(call('a'));
    const b = engagements.start(call('b', 'outbound'));
    await tick();
    expect(stub.said.map(([name]) => name)).to.deep.equal(['incomingCall']);
    engagements.created({ engagementId: 11 });
    expect(await a).to.equal(11);
    await tick();
    expect(stub.said.map(([name]) => name)).to.deep.equal(['incomingCall', 'outgoingCall']);
    engagements.created({ engagementId: 12 });
    expect(await b).to.equal(12);
    expect(await engagements.start(call('a'))).to.equal(11); // never announced twice
  });

  it('gives a late answer to the start that timed out, so a retry reuses that engagement', async () => {
    const stub = sdk();
    const engagements = new Engagements(stub, clock, 30, undefined);
    const error = (await engagements.start(call('late')).catch((e: unknown) => e)) as BridgeError;
    expect(error.code).to.equal('ADAPTER_TIMEOUT');
    engagements.created({ engagementId: 21 });
    expect(await engagements.start(call('late'))).to.equal(21);
    expect(stub.said.filter(([name]) => name === 'incomingCall')).to.have.length(1);
  });

  it('trusts an externalCallId in the answer over the order of starts', async () => {
    const engagements = new Engagements(sdk(), clock, 500, undefined);
    const a = engagements.start(call('a'));
    await tick();
    engagements.created({ engagementId: 31, externalCallId: 'z' });
    engagements.created({ engagementId: 32, externalCallId: 'a' });
    expect(await a).to.equal(32);
    expect(engagements.id('z')).to.equal(31);
  });

  it('keeps engagement ids in storage across a reload of the widget', async () => {
    const store = new Map<string, string>();
    const storage = {
      getItem: (k: string) => store.get(k) ?? null,
      setItem: (k: string, v: string) => void store.set(k, v),
    };
    const first = new Engagements(sdk(), clock, 500, undefined, storage);
    const started = first.start(call('kept'));
    await tick();
    first.created({ engagementId: 41 });
    await started;
    expect(new Engagements(sdk(), clock, 500, undefined, storage).id('kept')).to.equal(41);
  });

  it('matches update answers by engagement id', async () => {
    const engagements = new Engagements(sdk(), clock, 500, undefined);
    const one = engagements.complete('a', 1, { hs_timestamp: 1 }, false);
    const two = engagements.complete('b', 2, { hs_timestamp: 1 }, false);
    engagements.updated({ engagementId: 2 }, false);
    engagements.updated({ engagementId: 1 }, true);
    await one;
    expect(((await two.catch((e: unknown) => e)) as BridgeError).code).to.equal('ADAPTER_WRITE_FAILED');
  });
});
