import { adapterConnectFailed, BridgeError } from '../../src/contract/index.js';
import type { CifApi } from './cif.types.js';

/** The parts of `window` the loader uses. */
export interface CifWindow extends EventTarget {
  Microsoft?: { CIFramework?: CifApi };
}

/**
 * Resolves with `Microsoft.CIFramework` once it can be called. CIF raises `CIFInitDone` on the
 * window when its library has initialised and refuses calls before; a bridge script that runs
 * after the event has already fired would wait forever, so an initialised library is also
 * recognised by a `getEnvironment()` that answers. Call it as early as possible (the bundle
 * calls it when the script runs) so that the event is not missed.
 *
 * @see https://learn.microsoft.com/dynamics365/channel-integration-framework/v1/develop/reference/events/cifinitdone
 */
export function cifReady(win: CifWindow, options: { timeoutMs?: number } = {}): Promise<CifApi> {
  const timeoutMs = options.timeoutMs ?? 20_000;
  return new Promise<CifApi>((resolve, reject) => {
    let done = false;
    const finish = (api: CifApi | undefined, error?: BridgeError) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      win.removeEventListener('CIFInitDone', onInit);
      if (api !== undefined) resolve(api);
      else reject(error);
    };
    const onInit = () => finish(win.Microsoft?.CIFramework);
    const timer = setTimeout(() => {
      const present = win.Microsoft?.CIFramework !== undefined;
      finish(
        undefined,
        adapterConnectFailed(
          present
            ? `Channel Integration Framework did not initialise within ${timeoutMs} ms (is the page opened by a channel provider in Dynamics 365?).`
            : 'Microsoft.CIFramework is missing: load msdyn_ciLibrary.js from your Dynamics 365 organisation (with data-crmurl and data-cifid="CIFMainLibrary") before the bridge.',
          { details: { timeoutMs, libraryPresent: present } },
        ),
      );
    }, timeoutMs);
    win.addEventListener('CIFInitDone', onInit);
    // One probe covers a library that initialised before this ran; a library loaded or
    // initialised later raises CIFInitDone, which the listener above catches.
    const api = win.Microsoft?.CIFramework;
    if (api !== undefined) {
      Promise.resolve()
        .then(() => api.getEnvironment())
        .then(
          () => finish(api),
          () => undefined, // not initialised yet: wait for CIFInitDone
        );
    }
  });
}
