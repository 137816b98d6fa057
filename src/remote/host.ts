import type { CallbackEventType, SoftphoneCallback } from '../contract/callback-events.js';
import { BridgeError, toBridgeError } from '../errors/bridge-error.js';
import { remoteHostFailed, remoteResultUncloneable } from '../errors/factories.js';
import { silentLogger, type Logger } from '../shared/logger.js';
import { checkOrigins } from './origins.js';
import {
  isHandshake,
  isRequest,
  isResponse,
  PROTOCOL,
  PROTOCOL_VERSION,
  type CallbackMessage,
  type Handshake,
  type RemoteContract,
  type RequestMessage,
  type ResponseMessage,
} from './protocol.js';

/** Options of {@link hostRemoteBridge}. */
export interface RemoteHostOptions {
  /** The bridge the softphone frame talks to (anything with the eight contract methods). */
  readonly bridge: RemoteContract;
  /** The softphone's iframe (its current window is used, across reloads), or a popup's window. */
  readonly frame: HTMLIFrameElement | Window;
  /** Exact origins the softphone page may have, e.g. `['https://phone.vendor.example']`. No wildcards. */
  readonly allowedOrigins: readonly string[];
  /** Where the handshake arrives. Default `globalThis`. */
  readonly window?: EventTarget;
  /** Callbacks kept until the frame acknowledges them, for a frame that reloads. Default 100. */
  readonly maxUnacknowledged?: number;
  /** Default: silent. Only codes and counts are logged, never payloads. */
  readonly logger?: Logger;
}

/** A running host; see {@link hostRemoteBridge}. */
export interface RemoteHost {
  /** Whether a softphone frame holds a port (it may since have reloaded; the next one asks again). */
  readonly connected: boolean;
  /** Stops listening and closes the port. The bridge is left running. */
  dispose(): void;
}

interface Outgoing {
  readonly eventType: CallbackEventType;
  readonly payload: unknown;
  /** The port it was last posted on, so that a repeated load re-sends it only to a new frame. */
  sentOn?: MessagePort;
}

/**
 * Serves a bridge to a softphone frame on another origin (the frame runs
 * `dist/softphone-bridge.remote.iife.js` or {@link createRemoteClient}).
 *
 * Only a `ready` whose `event.source` is the frame's current window and whose `event.origin` is
 * allow-listed is answered, with a fresh `MessagePort` posted to exactly that origin; anything
 * else is ignored and consumes nothing. Each new `ready` (the frame reloaded) replaces the port.
 * Callbacks of the bridge are held until the frame's client has called `load`, and those not yet
 * acknowledged are sent again to a frame that reloads.
 *
 * @throws BridgeError `REMOTE_ORIGIN_REFUSED` when `allowedOrigins` is not a list of exact origins.
 * @example
 * const host = hostRemoteBridge({ bridge, frame: document.querySelector('iframe#softphone'), allowedOrigins: ['https://phone.vendor.example'] });
 */
export function hostRemoteBridge(options: RemoteHostOptions): RemoteHost {
  const origins = checkOrigins(options.allowedOrigins, 'allowedOrigins');
  if (origins instanceof BridgeError) throw origins;
  const { bridge, frame } = options;
  const page = options.window ?? globalThis;
  const logger = options.logger ?? silentLogger;
  const max = options.maxUnacknowledged ?? 100;
  const frameWindow = (): Window | null => (frame instanceof HTMLIFrameElement ? frame.contentWindow : frame);
  const outgoing = new Map<number, Outgoing>();
  let port: MessagePort | undefined;
  let loaded = false;
  let lastId = 0;

  const respond = (target: MessagePort, message: ResponseMessage): void => {
    try {
      target.postMessage(message);
    } catch {
      // A result that does not clone: say so instead of leaving the client to time out.
      target.postMessage({ type: 'response', id: message.id, ok: false, error: remoteResultUncloneable().toJSON() });
    }
  };

  const sendCallback = (id: number, entry: Outgoing): void => {
    if (!port || !loaded || entry.sentOn === port) return;
    entry.sentOn = port;
    // The bridge validated the payload against its schema, so it clones.
    port.postMessage({
      type: 'callback',
      id,
      eventType: entry.eventType,
      payload: entry.payload,
    } satisfies CallbackMessage);
  };

  // The one callback the bridge knows: it outlives frame reloads, so nothing is lost between them.
  const forward: SoftphoneCallback = (eventType, payload) => {
    const entry: Outgoing = { eventType, payload };
    outgoing.set(++lastId, entry);
    for (const id of outgoing.keys()) if (outgoing.size > max) outgoing.delete(id);
    sendCallback(lastId, entry);
  };

  const run = (request: RequestMessage): Promise<unknown> => {
    if (request.method !== 'load')
      return Reflect.apply(bridge[request.method], bridge, request.args) as Promise<unknown>;
    // The bridge sends the configuration again to a loading frame: older copies are superseded.
    for (const [id, entry] of outgoing)
      if (entry.eventType === 'disposition' || entry.eventType === 'partner_config') outgoing.delete(id);
    loaded = true;
    const pendingBefore = [...outgoing];
    const done = bridge.load(forward);
    for (const [id, entry] of pendingBefore) sendCallback(id, entry);
    return done;
  };

  const onPortMessage =
    (from: MessagePort) =>
    (event: MessageEvent): void => {
      const message: unknown = event.data;
      if (from !== port || !(isRequest(message) || isResponse(message)))
        return void logger.debug('remote host: dropped a message on the port');
      if (message.type === 'response') {
        if (!message.ok) logger.warn("remote host: the softphone's callback threw", { code: 'CALLBACK_FAILED' });
        return void outgoing.delete(message.id);
      }
      let result: Promise<unknown>;
      try {
        result = run(message);
      } catch (error) {
        result = Promise.reject(error);
      }
      result.then(
        (value) => respond(from, { type: 'response', id: message.id, ok: true, value }),
        (error: unknown) =>
          respond(from, {
            type: 'response',
            id: message.id,
            ok: false,
            error: toBridgeError(error, (cause) => remoteHostFailed(message.method, cause)).toJSON(),
          }),
      );
    };

  const onWindowMessage = (event: Event): void => {
    const { source, origin, data } = event as MessageEvent;
    const target = frameWindow();
    // Origin AND source: an allowed origin in another frame, or the frame after it navigated elsewhere, gets nothing.
    if (source === null || source !== target || !origins.includes(origin)) return;
    if (!isHandshake(data) || data.type !== 'ready') return;
    const channel = new MessageChannel();
    port?.close();
    port = channel.port1;
    loaded = false;
    port.onmessage = onPortMessage(port);
    target.postMessage(
      { protocol: PROTOCOL, version: PROTOCOL_VERSION, type: 'connect', n: data.n } satisfies Handshake,
      origin,
      [channel.port2],
    );
    logger.debug('remote host: handed a port to the softphone frame');
  };

  page.addEventListener('message', onWindowMessage);
  // A client that started before this host waits for this hello; one that starts later sends ready itself.
  // Posted once per allowed origin: the browser delivers it only where the frame's origin matches.
  for (const origin of origins)
    frameWindow()?.postMessage(
      { protocol: PROTOCOL, version: PROTOCOL_VERSION, type: 'hello' } satisfies Handshake,
      origin,
    );

  return {
    get connected() {
      return port !== undefined;
    },
    dispose() {
      page.removeEventListener('message', onWindowMessage);
      port?.close();
      port = undefined;
      outgoing.clear();
    },
  };
}
