import { expect } from '@esm-bundle/chai';
import { cifReady, type CifWindow } from '../../../adapters/dynamics/index.js';
import type { BridgeError } from '../../../src/contract/index.js';
import { FakeCif } from '../../fakes/fake-cif.js';

function page(cif?: FakeCif): CifWindow {
  const target = new EventTarget() as CifWindow;
  if (cif !== undefined) target.Microsoft = { CIFramework: cif };
  return target;
}

describe('cifReady()', () => {
  it('waits for CIFInitDone', async () => {
    const cif = new FakeCif();
    const win = page(cif);
    const ready = cifReady(win, { timeoutMs: 1000 });
    setTimeout(() => cif.init(win), 20);
    expect(await ready).to.equal(cif);
  });

  it('recognises a library that initialised before the bridge ran', async () => {
    const cif = new FakeCif();
    cif.init();
    expect(await cifReady(page(cif), { timeoutMs: 1000 })).to.equal(cif);
  });

  it('waits for a library loaded after the bridge script', async () => {
    const win = page();
    const ready = cifReady(win, { timeoutMs: 1000 });
    const cif = new FakeCif();
    win.Microsoft = { CIFramework: cif };
    cif.init(win);
    expect(await ready).to.equal(cif);
  });

  it('fails with ADAPTER_CONNECT_FAILED, saying whether the library is on the page at all', async () => {
    const missing = (await cifReady(page(), { timeoutMs: 30 }).catch((e: unknown) => e)) as BridgeError;
    expect(missing.code).to.equal('ADAPTER_CONNECT_FAILED');
    expect(missing.message).to.contain('msdyn_ciLibrary.js');
    const silent = (await cifReady(page(new FakeCif()), { timeoutMs: 30 }).catch((e: unknown) => e)) as BridgeError;
    expect(silent.details['libraryPresent']).to.equal(true);
  });
});
