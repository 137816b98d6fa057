/**
 * softphone-bridge/ui: lit elements for a softphone panel, a bridge status strip and click-to-dial
 * buttons, and the page command queue. No side effects: import `softphone-bridge/ui/define` to
 * register the `sb-*` tags. Never part of the contract bundles (docs/decisions/0006-ui-components.md).
 */
export { SbSoftphone } from './softphone.js';
export { DEFAULT_STATUSES } from './default-statuses.js';
export { SbBridgeStatus, type ConnectionState, type LastError } from './bridge-status.js';
export { SbCallButton } from './call-button.js';
export { DialEvent } from './dial-event.js';
export { RefusedEvent } from './refused-event.js';
export {
  SoftphoneSession,
  type ActiveCall,
  type Phase,
  type SessionDelegate,
  type WrapUp,
} from './softphone-session.js';
export { BridgeEventsController, type BridgeListeners } from './bridge-controller.js';
export {
  commandQueueSnippet,
  installCommandQueue,
  stubCommandQueue,
  DEFAULT_QUEUE_NAME,
  type CommandFunction,
  type CommandHandler,
  type CommandQueueOptions,
} from './command-queue.js';
export { bridgeCommands, type DialCommand } from './bridge-commands.js';
export type {
  AgentStatus,
  BridgeEventSource,
  BridgeListener,
  Caller,
  DialBridge,
  IncomingCallParams,
  SoftphoneBridge,
  SoftphoneContract,
  StatusBridge,
} from './bridge-like.js';
