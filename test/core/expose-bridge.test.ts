import { expect } from '@esm-bundle/chai';
import { FakeCrm, fakeAdapter } from '../../adapters/fake/index.js';
import { createBridge } from '../../src/core/create-bridge.js';
import { exposeBridge } from '../../src/core/expose-bridge.js';
import { createMemoryStore } from '../../src/outbox/memory-store.js';
import { silentLogger } from '../../src/shared/logger.js';

describe('exposeBridge()', () => {
  it('puts the bridge on the scope with contract methods that work when called bare', async () => {
    const scope: Record<string, unknown> = {};
    const bridge = createBridge({
      adapter: fakeAdapter(new FakeCrm()),
      store: createMemoryStore(),
      logger: silentLogger,
    });
    expect(exposeBridge(bridge, scope)).to.equal(bridge);
    const { incomingCall } = scope['softphoneBridge'] as typeof bridge;
    const call = await incomingCall('p', 'bare-call', '+15550100');
    expect(call.state).to.equal('ringing');
    await bridge.dispose();
  });

  it('keeps the first bridge when a page loads the script twice', async () => {
    const scope: Record<string, unknown> = {};
    const first = createBridge({
      adapter: fakeAdapter(new FakeCrm()),
      store: createMemoryStore(),
      logger: silentLogger,
    });
    const second = createBridge({
      adapter: fakeAdapter(new FakeCrm()),
      store: createMemoryStore(),
      logger: silentLogger,
    });
    exposeBridge(first, scope);
    expect(exposeBridge(second, scope)).to.equal(first);
    expect(scope['softphoneBridge']).to.equal(first);
    await Promise.all([first.dispose(), second.dispose()]);
  });
});
