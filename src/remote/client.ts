import type { SoftphoneCallback } from '../contract/callback-events.js';
import { resolveCallback } from '../core/resolve-callback.js';
import { BridgeError } from '../errors/bridge-error.js';
import { contractArgumentsInvalid, remoteDisconnected, remoteQueueFull, remoteTimeout } from '../errors/factories.js';
import { bridgeErrorFromJSON } from '../errors/bridge-error-from-json.js';
import { systemClock, type Clock } from '../shared/clock.js';
import { checkOrigins } from './origins.js';
import {
  CONTRACT_METHODS,
  isCallback,
  isHandshake,
  isResponse,
  PROTOCOL,
  PROTOCOL_VERSION,
  type ContractMethod,
  type Handshake,
  type RemoteContract,
  type RequestMessage,
  type ResponseMessage,
} from './protocol.js';

// Plain TypeScript on purpose: this file is most of dist/softphone-bridge.remote.iife.js (3 KB gzip budget).

/** The host page's window as the client uses it: something to post the handshake to. */
export interface RemoteHostWindow {
  postMessage(message: unknown, targetOrigin: string): void;
}

/** Options of {@link createRemoteClient}. */
export interface RemoteClientOptions {
  /** Exact origins the host page may have, e.g. `['https://acme.lightning.force.com']`. No wildcards. */
  readonly hostOrigins: readonly string[];
  /** The host page. Default: `window.parent`, or `window.opener` in a popup. */
  readonly hostWindow?: RemoteHostWindow;
  /** This page: where the handshake arrives and where `load('name')` looks the function up. Default `globalThis`. */
  readonly window?: EventTarget;
  /** How long a sent call waits for the host's answer. Default 10 s. */
  readonly timeoutMs?: number;
  /** How long a call waits for a host to connect before it is sent. Default 30 s. */
  readonly queueTimeoutMs?: number;
  /** Calls waiting at most (queued or unanswered); more are refused with `REMOTE_QUEUE_FULL`. Default 100. */
  readonly maxPending?: number;
  /** Timers, injected for tests. Default: the page's. */
  readonly clock?: Clock;
}

/** The softphone's side of the remote transport: the eight contract methods, forwarded to the host page. */
export interface RemoteClient extends RemoteContract {
  /** Whether a host has handed over a port (it may since have gone; calls then wait for its successor). */
  readonly connected: boolean;
  /** Stops listening, closes the port, refuses waiting and later calls with `REMOTE_DISCONNECTED`. */
  dispose(): void;
}

interface Pending {
  readonly id: number;
  readonly method: ContractMethod;
  readonly args: readonly unknown[];
  readonly settle: (error: BridgeError | undefined, value?: unknown) => void;
  timer?: unknown;
}

/**
 * Creates the contract in a softphone frame: each call goes to the bridge in the host page through
 * a private `MessagePort`, and the bridge's callbacks come back to the function given to `load`.
 * Calls made before the host connects are queued (bounded) and sent once it does; when a host
 * (re)connects, unanswered calls are sent again and `load` is repeated, which is safe because the
 * bridge treats repeated contract events of a conversation as duplicates.
 *
 * Never throws: a bad configuration makes every call reject with `REMOTE_ORIGIN_REFUSED`.
 *
 * @example
 * const softphoneBridge = createRemoteClient({ hostOrigins: ['https://crm.example.com'] });
 * await softphoneBridge.load((eventType, payload) => softphone.handle(eventType, payload));
 */
export function createRemoteClient(options: RemoteClientOptions): RemoteClient {
  const self = (options.window ?? globalThis) as EventTarget & { parent?: unknown; opener?: unknown };
  const host =
    options.hostWindow ?? ((self.parent !== self ? self.parent : self.opener) as RemoteHostWindow | null | undefined);
  const origins = checkOrigins(options.hostOrigins, 'hostOrigins');
  const clock = options.clock ?? systemClock;
  const pending = new Map<number, Pending>();
  // No parent and no opener: nobody to talk to, ever.
  let closed = origins instanceof BridgeError ? origins : host ? undefined : remoteDisconnected();
  let port: MessagePort | undefined;
  let callback: SoftphoneCallback | undefined;
  let nonce = 0;
  let lastId = 0;

  const send = (call: Pending): void => {
    clock.clearTimeout(call.timer);
    const ms = port ? (options.timeoutMs ?? 10_000) : (options.queueTimeoutMs ?? 30_000);
    call.timer = clock.setTimeout(() => call.settle(remoteTimeout(call.method, ms, !!port)), ms);
    port?.postMessage({ type: 'request', id: call.id, method: call.method, args: call.args } satisfies RequestMessage);
  };

  const call = (method: ContractMethod, args: unknown[]): Promise<never> =>
    new Promise((resolve, reject) => {
      if (closed) return reject(closed);
      if (pending.size >= (options.maxPending ?? 100)) return reject(remoteQueueFull(method));
      let copy: unknown[];
      try {
        // Cloned now, as the bridge would read them now: later changes by the caller do not leak into a queued call.
        copy = structuredClone(args);
      } catch {
        return reject(contractArgumentsInvalid(method, 'the arguments do not clone (a function?)'));
      }
      const entry: Pending = {
        id: ++lastId,
        method,
        args: copy,
        settle: (error, value) => {
          pending.delete(entry.id);
          clock.clearTimeout(entry.timer);
          if (error) reject(error);
          else resolve(value as never);
        },
      };
      pending.set(entry.id, entry);
      send(entry);
    });

  const onPortMessage = (event: MessageEvent): void => {
    const message: unknown = event.data;
    if (isResponse(message)) {
      pending
        .get(message.id)
        ?.settle(message.ok ? undefined : bridgeErrorFromJSON(message.error), message.ok ? message.value : undefined);
    } else if (isCallback(message) && callback) {
      let ok = true;
      try {
        callback(message.eventType, message.payload as never);
      } catch {
        ok = false; // the softphone's own failure: reported to the host, never thrown out of the message loop
      }
      port?.postMessage({ type: 'response', id: message.id, ok } satisfies ResponseMessage);
    }
  };

  const connect = (next: MessagePort): void => {
    port?.close();
    port = next;
    port.onmessage = onPortMessage; // assigning onmessage starts the port
    const waiting = [...pending.values()];
    // A new host has no callback yet: repeat load first, unless a load is among the waiting calls.
    if (callback && !waiting.some((p) => p.method === 'load')) call('load', []).catch(() => undefined);
    for (const entry of waiting) send(entry);
  };

  const sayReady = (): void => {
    nonce = Math.random();
    for (const origin of origins as readonly string[])
      host?.postMessage(
        { protocol: PROTOCOL, version: PROTOCOL_VERSION, type: 'ready', n: nonce } satisfies Handshake,
        origin,
      );
  };

  const onWindowMessage = (event: Event): void => {
    const { source, origin, data, ports } = event as MessageEvent;
    if (source !== host || !(origins as readonly string[]).includes(origin) || !isHandshake(data)) return;
    if (data.type === 'hello') sayReady();
    // The nonce ties the port to this page's latest ready: an answer meant for a previous page
    // in this frame, or for a ready since superseded, is closed unused.
    if (data.type === 'connect' && ports[0]) {
      if (data.n === nonce) {
        nonce = NaN;
        connect(ports[0]);
      } else ports[0].close();
    }
  };

  // A page going away (reload, navigation) stops taking callbacks, so that it cannot acknowledge
  // one it will never act on: the host then sends it to the next page. Back from the
  // back/forward cache, it asks for a port again.
  const onPage = (event: Event): void => {
    if (event.type === 'pagehide') {
      port?.close();
      port = undefined;
    } else if ((event as PageTransitionEvent).persisted) sayReady();
  };

  const client = {
    get connected() {
      return !!port;
    },
    dispose() {
      self.removeEventListener('message', onWindowMessage);
      self.removeEventListener('pagehide', onPage);
      self.removeEventListener('pageshow', onPage);
      port?.close();
      port = undefined;
      closed ??= remoteDisconnected();
      for (const entry of [...pending.values()]) entry.settle(closed);
    },
  } as RemoteClient;
  for (const method of CONTRACT_METHODS) {
    (client as unknown as Record<ContractMethod, (...args: unknown[]) => Promise<unknown>>)[method] = (...args) => {
      if (method !== 'load') return call(method, args);
      if (closed) return Promise.reject(closed);
      const resolved = resolveCallback(args[0], self);
      if (resolved instanceof BridgeError) return Promise.reject(resolved);
      callback = resolved;
      return call('load', []);
    };
  }
  if (!closed) {
    self.addEventListener('message', onWindowMessage);
    self.addEventListener('pagehide', onPage);
    self.addEventListener('pageshow', onPage);
    sayReady();
  }
  return client;
}
