import { alreadyConnected, BridgeError, configInvalid, toBridgeError } from '../../src/contract/index.js';
import type { ContractLink } from './contract-link.js';

/**
 * A connector's options, read once when the connector is created. A connector factory never throws
 * (the page builds it before any bridge exists), so an unreadable option is kept as its
 * `CONFIG_INVALID` error and thrown by `connect()`, where the page awaits and can show it.
 */
export function readConnectorOptions<T>(connector: string, parse: () => T): T | BridgeError {
  try {
    return parse();
  } catch (error) {
    return toBridgeError(error, (cause) =>
      configInvalid([], `${connector} connector: the options could not be read.`, { connector }, cause),
    );
  }
}

/**
 * What `connect()` checks first: the options were readable (else their error), and the connector
 * is not connected already (`ALREADY_CONNECTED`). Returns the options.
 */
export function settingsToConnect<T>(connector: string, settings: T | BridgeError, link: ContractLink): T {
  if (settings instanceof BridgeError) throw settings;
  if (link.isOpen) throw alreadyConnected(`${connector} connector`);
  return settings;
}
