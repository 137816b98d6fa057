import { CONTRACT_METHODS } from '../contract/softphone-methods.js';
import type { Bridge } from './bridge.js';

/**
 * Puts the bridge on the page as `window.softphoneBridge` (or `name`), with the contract methods
 * bound to it: softphones often keep a method and call it bare (`const end = bridge.callEnded`).
 * An existing global of that name is not overwritten, so a page that loads the script twice keeps
 * one bridge and one outbox drainer.
 */
export function exposeBridge(bridge: Bridge, scope: object, name = 'softphoneBridge'): Bridge {
  const target = scope as Record<string, unknown>;
  if (target[name] !== undefined) return target[name] as Bridge;
  for (const method of CONTRACT_METHODS) {
    const bound = (bridge[method] as (...args: unknown[]) => unknown).bind(bridge);
    Object.defineProperty(bridge, method, { value: bound, enumerable: true });
  }
  target[name] = bridge;
  return bridge;
}
