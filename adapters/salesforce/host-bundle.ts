/**
 * The script the Visualforce host page loads beside the Salesforce bundle:
 * `dist/softphone-bridge.salesforce-host.iife.js`. It defines `window.softphoneBridgeRemoteHost`,
 * which serves the page's bridge (`window.softphoneBridge`) to the vendor softphone in a
 * cross-origin frame through the remote transport (ADR 0005). The vendor page then loads only
 * `dist/softphone-bridge.remote.iife.js`.
 *
 * A file of its own rather than part of the Salesforce bundle: a softphone page that is itself the
 * call center's adapter URL never needs the host, and the bundle's budget (ADR 0009) need not pay
 * for it. (When this was decided the host checked messages with zod/mini; since issue 15 it uses
 * the guards of src/remote/protocol.ts, ADR 0005.)
 */
import type { Bridge } from '../../src/core/bridge.js';
import { CONTRACT_METHODS } from '../../src/contract/softphone-methods.js';
import { BridgeError } from '../../src/errors/bridge-error.js';
import { configInvalid } from '../../src/errors/factories.js';
import { bridgeErrorFromJSON } from '../../src/errors/bridge-error-from-json.js';
import { hostRemoteBridge, type RemoteHost } from '../../src/remote/host.js';
import type { RemoteContract } from '../../src/remote/protocol.js';

/** `window.softphoneBridgeRemoteHost`: see {@link serveBridge}. */
export type ServeBridge = (frame: HTMLIFrameElement, allowedOrigin: string) => RemoteHost;

/**
 * The bridge came from another bundle, so its errors are instances of that bundle's BridgeError
 * class. The host only passes its own class through with its code (anything else becomes
 * REMOTE_HOST_FAILED), so rebuild them here from their JSON: the softphone then gets the
 * bridge's real code (CONTRACT_PAYLOAD_INVALID, CONFIG_INVALID...).
 */
function sameBundleError(error: unknown): unknown {
  if (error instanceof BridgeError || typeof error !== 'object' || error === null) return error;
  const e = error as { name?: unknown; toJSON?: unknown };
  return e.name === 'BridgeError' && typeof e.toJSON === 'function'
    ? bridgeErrorFromJSON((e.toJSON as () => unknown).call(error))
    : error;
}

/** The bridge's eight methods, each rejecting with errors of this bundle's BridgeError class. */
function contractOf(bridge: Bridge): RemoteContract {
  const contract: Record<string, (...args: unknown[]) => Promise<unknown>> = {};
  for (const method of CONTRACT_METHODS) {
    contract[method] = (...args) => {
      try {
        const result = Reflect.apply(bridge[method], bridge, args) as Promise<unknown>;
        return Promise.resolve(result).catch((error: unknown) => Promise.reject(sameBundleError(error)));
      } catch (error) {
        return Promise.reject(sameBundleError(error));
      }
    };
  }
  return contract as unknown as RemoteContract;
}

/**
 * Serves `window.softphoneBridge` to the softphone in `frame`, answering only a frame whose page
 * is at exactly `allowedOrigin` (e.g. `https://phone.vendor.example`, as `new URL(url).origin`
 * gives it).
 *
 * @throws BridgeError `CONFIG_INVALID` when the page has no bridge (the Salesforce bundle did not
 *   load), `REMOTE_ORIGIN_REFUSED` when `allowedOrigin` is not one exact http(s) origin.
 */
export const serveBridge: ServeBridge = (frame, allowedOrigin) => {
  const bridge = (window as unknown as { softphoneBridge?: Bridge }).softphoneBridge;
  if (bridge === undefined)
    throw configInvalid(
      [],
      'window.softphoneBridge is missing: load softphone-bridge.salesforce.iife.js before this script.',
    );
  return hostRemoteBridge({ bridge: contractOf(bridge), frame, allowedOrigins: [allowedOrigin] });
};

(window as unknown as { softphoneBridgeRemoteHost?: ServeBridge }).softphoneBridgeRemoteHost ??= serveBridge;
