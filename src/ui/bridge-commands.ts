import type { DialBridge, DialRequest } from './bridge-like.js';
import type { CommandHandler } from './command-queue.js';

/** The parameters of `softphoneBridge('dial', params)`. */
export interface DialCommand {
  /** The number to dial. */
  readonly number: string;
  /** The CRM record the number belongs to: the call is logged against it without a search. */
  readonly record?: DialRequest['crmRecord'];
}

/**
 * The command handler of a CRM page that hosts the bridge: `dial` becomes `bridge.startCall`,
 * which the softphone receives as `start_call`. Unknown commands and bad parameters are refused
 * (the queue reports them), never thrown at the page.
 *
 * @example
 * installCommandQueue(bridgeCommands(bridge));
 * softphoneBridge('dial', { number: '+14155550101', record: { id: 'C-1001', type: 'Contact' } });
 */
export function bridgeCommands(bridge: DialBridge): CommandHandler {
  return (command, params) => {
    if (command !== 'dial')
      return Promise.reject(new TypeError(`softphoneBridge: unknown command "${command.slice(0, 40)}".`));
    const { number, record } = (typeof params === 'object' && params !== null ? params : {}) as Partial<DialCommand>;
    if (typeof number !== 'string' || number.trim() === '')
      return Promise.reject(new TypeError('softphoneBridge: dial needs a "number".'));
    return bridge.startCall(
      record === undefined ? { dialTo: number.trim() } : { dialTo: number.trim(), crmRecord: record },
    );
  };
}
