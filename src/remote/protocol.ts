import { CONTRACT_METHODS } from '../contract/softphone-methods.js';
import type { Bridge } from '../core/bridge.js';
import type { BridgeErrorJson } from '../errors/bridge-error.js';

/**
 * The messages of the remote transport (see docs/decisions/0005-remote-transport.md).
 *
 * Handshake, over `window.postMessage` between the host page (the CRM, where the bridge runs) and
 * the softphone frame (the client), always to an exact origin:
 *
 *   client ── ready {n} ──▶ host        "hand me a port"; sent when the client starts and on hello
 *   host ── connect {n} + MessagePort ──▶ client    answers one ready, echoing its nonce
 *   host ── hello ──▶ client            "a (new) host is here": sent when the host starts
 *
 * Afterwards, only on the private port: `request` (client → host), `response` (host → client, and
 * client → host to acknowledge a `callback`), `callback` (host → client).
 *
 * This module holds only constants and types, so that the client bundle stays free of zod.
 */

/** Names the protocol in every handshake message; other postMessage traffic on the page is told apart by it. */
export const PROTOCOL = 'softphone-bridge.remote';

/** Raised on any incompatible change of these messages; both sides ignore other versions. */
export const PROTOCOL_VERSION = 1;

/** The eight contract methods a client forwards, in the seed's order. */
export { CONTRACT_METHODS };

/** One of {@link CONTRACT_METHODS}. */
export type ContractMethod = (typeof CONTRACT_METHODS)[number];

/** The contract as a remote client offers it: the bridge's own signatures, so the two are interchangeable. */
export type RemoteContract = Pick<Bridge, ContractMethod>;

/** The callback event types the host forwards. */
export const CALLBACK_EVENT_TYPES = ['disposition', 'partner_config', 'update_presence', 'start_call'] as const;

/** A handshake message, as posted on the window. `n` is the client's nonce for this request. */
export type Handshake =
  | { readonly protocol: typeof PROTOCOL; readonly version: typeof PROTOCOL_VERSION; readonly type: 'hello' }
  | { readonly protocol: typeof PROTOCOL; readonly version: typeof PROTOCOL_VERSION; readonly type: 'ready' | 'connect'; readonly n: number };

/** Client → host: call `method` with `args` (the `load` callback stays in the frame; its args are `[]`). */
export interface RequestMessage {
  readonly type: 'request';
  readonly id: number;
  readonly method: ContractMethod;
  readonly args: readonly unknown[];
}

/** The answer to a request (host → client) or the acknowledgement of a callback (client → host). */
export type ResponseMessage =
  | { readonly type: 'response'; readonly id: number; readonly ok: true; readonly value?: unknown }
  | { readonly type: 'response'; readonly id: number; readonly ok: false; readonly error?: BridgeErrorJson };

/** Host → client: one `callback(eventType, payload)` of the bridge. */
export interface CallbackMessage {
  readonly type: 'callback';
  readonly id: number;
  readonly eventType: (typeof CALLBACK_EVENT_TYPES)[number];
  readonly payload: unknown;
}

/** Any message on the private port. */
export type PortMessage = RequestMessage | ResponseMessage | CallbackMessage;
