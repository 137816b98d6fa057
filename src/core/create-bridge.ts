import { leaseLock } from '../outbox/lease-lock.js';
import { Bridge } from './bridge.js';
import type { BridgeOptions } from './bridge-options.js';

/**
 * Creates a bridge for one CRM adapter, for the library: `new Bridge(options)` with the
 * localStorage lease as the drain lock where Web Locks are missing (http pages, older browsers),
 * so that two tabs never drain one outbox at once. The script-tag bundles call `new Bridge`
 * themselves and choose their lock in their entry file (ADR 0009). A bad option throws
 * `CONFIG_INVALID` naming it.
 *
 * @example
 * const bridge = createBridge({ adapter: fakeAdapter() });
 * window.softphoneBridge = bridge; // the softphone calls bridge.load(callback), bridge.incomingCall(...)
 */
export function createBridge(options: BridgeOptions): Bridge {
  return new Bridge({ fallbackLock: leaseLock, ...options });
}
