import { expect } from '@esm-bundle/chai';
import { fakeAdapter } from '../../adapters/fake/index.js';
import { Bridge } from '../../src/core/bridge.js';
import type { BridgeWindow } from '../../src/core/bridge-options.js';
import { createBridge } from '../../src/core/create-bridge.js';
import { createMemoryStore } from '../../src/outbox/memory-store.js';
import { silentLogger } from '../../src/shared/logger.js';

/** An http page of a browser without Web Locks (they exist only in secure contexts): localStorage works. */
function pageWithoutWebLocks(): BridgeWindow {
  return Object.assign(new EventTarget(), { navigator: {}, localStorage: window.localStorage });
}

describe('createBridge() and new Bridge(): who chooses the drain lock where Web Locks are missing', () => {
  it('createBridge (the library) drains under the localStorage lease, so two tabs of an http page never drain at once', async () => {
    const bridge = createBridge({
      adapter: fakeAdapter(),
      window: pageWithoutWebLocks(),
      store: createMemoryStore(),
      logger: silentLogger,
    });
    expect((await bridge.status()).drainLock).to.equal('lease');
    await bridge.dispose();
  });

  it('new Bridge without a fallbackLock (an https-only bundle) keeps to the page-local lock', async () => {
    const bridge = new Bridge({
      adapter: fakeAdapter(),
      window: pageWithoutWebLocks(),
      store: createMemoryStore(),
      logger: silentLogger,
    });
    expect((await bridge.status()).drainLock).to.equal('local');
    await bridge.dispose();
  });
});
