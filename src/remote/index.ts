/**
 * The contract across frames: {@link hostRemoteBridge} in the CRM page, {@link createRemoteClient}
 * (or `dist/softphone-bridge.remote.iife.js`) in the softphone frame.
 */
export { createRemoteClient, type RemoteClient, type RemoteClientOptions, type RemoteHostWindow } from './client.js';
export { hostRemoteBridge, type RemoteHost, type RemoteHostOptions } from './host.js';
export { checkOrigins } from './origins.js';
export { CONTRACT_METHODS, PROTOCOL, PROTOCOL_VERSION, type ContractMethod, type RemoteContract } from './protocol.js';
