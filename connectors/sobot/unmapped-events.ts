import { isRecord, type Logger } from '../../src/contract/index.js';
import type { SobotSdk } from './sobot-sdk.js';

/** What `EventAgentAll` messages must look like to count as a Sobot event name. */
const EVENT_NAME = /^Event[A-Za-z]{1,60}$/;

/**
 * Names, once per connection, every Sobot call event (a message with a `callID`) that arrives
 * through `EventAgentAll` under a name the connector does not listen to. Sobot's answered /
 * released names are not confirmed by a published body (SB-3, see sobot-options.ts): a tenant
 * whose calls never end can read here what Sobot sends instead, and set `options.events`.
 * Only the name is logged, never a value (call events carry phone numbers).
 *
 * @param mapped the event names the connector listens to
 * @param logger the connection's logger (read when a message arrives)
 * @returns the unsubscribe function
 */
export function watchUnmapped(api: SobotSdk, mapped: ReadonlySet<string>, logger: () => Logger): () => void {
  const told = new Set<string>();
  return api.listen('EventAgentAll', (message) => {
    const record = isRecord(message) ? message : {};
    const name = record['messageID'];
    if (
      typeof name !== 'string' ||
      !EVENT_NAME.test(name) ||
      mapped.has(name) ||
      told.has(name) ||
      record['callID'] === undefined
    )
      return;
    told.add(name);
    logger().info(
      `sobot: call event ${name} is not mapped; if calls never end or never count as answered, name it in options.events`,
      { connector: 'sobot', event: name },
    );
  });
}
