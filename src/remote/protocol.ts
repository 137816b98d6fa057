import type { CallbackEventType } from '../contract/callback-events.js';
import { CALLBACK_EVENT_TYPES, CONTRACT_METHODS, POSITIONAL_FORMS } from '../contract/compiled-spec.js';
import type { ContractMethod, SoftphoneContract } from '../contract/contract-target.js';
import type { BridgeErrorJson } from '../errors/bridge-error.js';

/**
 * The messages of the remote transport (see docs/decisions/0005-remote-transport.md): the one
 * definition both ends import, as a union of message types and a type guard per message that
 * the receiving end checks before it reads anything.
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
 * Plain TypeScript: the guards are a few comparisons, so the 3 KB client bundle carries no zod.
 */

/** Names the protocol in every handshake message; other postMessage traffic on the page is told apart by it. */
export const PROTOCOL = 'softphone-bridge.remote';

/** Raised on any incompatible change of these messages; both sides ignore other versions. */
export const PROTOCOL_VERSION = 1;

/** The eight contract methods a client forwards, in the seed's order (derived from the spec). */
export { CONTRACT_METHODS };

/** One of {@link CONTRACT_METHODS}. */
export type { ContractMethod };

/** The contract as a remote client offers it and a host serves it: the spec's, positional form included. */
export type RemoteContract = SoftphoneContract;

/** The callback event types the host forwards (derived from the spec). */
export { CALLBACK_EVENT_TYPES };

interface Envelope {
  readonly protocol: typeof PROTOCOL;
  readonly version: typeof PROTOCOL_VERSION;
}

/** A handshake message, as posted on the window. `n` is the client's nonce for this request. */
export type Handshake =
  (Envelope & { readonly type: 'hello' }) | (Envelope & { readonly type: 'ready' | 'connect'; readonly n: number });

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
  readonly eventType: CallbackEventType;
  readonly payload: unknown;
}

/** Any message on the private port. */
export type PortMessage = RequestMessage | ResponseMessage | CallbackMessage;

type Fields = Partial<Record<string, unknown>>;

const fields = (data: unknown): Fields => (typeof data === 'object' && data !== null ? (data as Fields) : {});
const isMessageId = (id: unknown): id is number => Number.isSafeInteger(id) && (id as number) >= 0;

/** Whether `data` is a handshake of this protocol and version (any other traffic on the page is not). */
export function isHandshake(data: unknown): data is Handshake {
  const { protocol, version, type, n } = fields(data);
  return (
    protocol === PROTOCOL &&
    version === PROTOCOL_VERSION &&
    (type === 'hello' || ((type === 'ready' || type === 'connect') && Number.isFinite(n)))
  );
}

/**
 * Whether `data` is a request for one of the contract methods, with at most as many arguments as
 * the method takes: one payload, or the longest positional form (`incomingCall`'s four).
 */
export function isRequest(data: unknown): data is RequestMessage {
  const { type, id, method, args } = fields(data);
  const most = Math.max(1, ...Object.values(POSITIONAL_FORMS).map((form) => form.length));
  return (
    type === 'request' &&
    isMessageId(id) &&
    (CONTRACT_METHODS as readonly unknown[]).includes(method) &&
    Array.isArray(args) &&
    args.length <= most
  );
}

/** Whether `data` is a response (to a request, or acknowledging a callback). */
export function isResponse(data: unknown): data is ResponseMessage {
  const { type, id, ok } = fields(data);
  return type === 'response' && isMessageId(id) && typeof ok === 'boolean';
}

/** Whether `data` is a callback of one of the four callback event types. */
export function isCallback(data: unknown): data is CallbackMessage {
  const { type, id, eventType } = fields(data);
  return type === 'callback' && isMessageId(id) && (CALLBACK_EVENT_TYPES as readonly unknown[]).includes(eventType);
}
