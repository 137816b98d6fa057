import { expect } from '@esm-bundle/chai';
import { connection } from '../../../adapters/shared/connection.js';
import { BridgeError } from '../../../src/errors/index.js';

describe('connection()', () => {
  it('holds what connect set until disconnect clears it', () => {
    const live = connection<{ id: number }>('Acme');
    expect(live.current).to.equal(undefined);
    live.set({ id: 1 });
    expect(live.ready()).to.deep.equal({ id: 1 });
    expect(live.current).to.deep.equal({ id: 1 });
    expect(live.clear()).to.deep.equal({ id: 1 });
    expect(live.current).to.equal(undefined);
    expect(live.clear()).to.equal(undefined);
  });

  it('ready() refuses with a retryable NOT_CONNECTED naming the adapter while disconnected', () => {
    const { ready } = connection<object>('Acme');
    let caught: unknown;
    try {
      ready();
    } catch (error) {
      caught = error;
    }
    expect(caught).to.be.instanceOf(BridgeError);
    expect((caught as BridgeError).code).to.equal('NOT_CONNECTED');
    expect((caught as BridgeError).retryable).to.equal(true);
    expect((caught as BridgeError).message).to.equal('The Acme adapter is not connected.');
  });
});
