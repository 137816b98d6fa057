import { BridgeError, type BridgeErrorDetails } from './bridge-error.js';

/**
 * The one place of every error the bridge throws: one factory per code, sorted by code (Rollup's
 * `logs.ts` is the model). A factory holds its code, its message (a template over the method,
 * field and setting names it is given, never over a call's values), its summary (the first
 * paragraph of its JSDoc) and, as the JSDoc tag `@retryable`, whether the same operation may
 * succeed later unchanged: the outbox retries retryable adapter errors and dead-letters the others
 * at once. The tag is read at build time into `RETRYABLE_CODES`, from which `BridgeError` takes
 * its default, so that no bundle carries a `retryable` flag per factory.
 * `node scripts/errors-doc.mjs`
 * reads this file and writes from it `codes.generated.ts` (`ERROR_CODES`, `RETRYABLE_CODES`, the
 * `BridgeErrorCode` type), `catalog.generated.ts` (`errorCatalog`) and docs/errors.md; npm test
 * fails when they are stale. Factories tree-shake, so a bundle carries the messages of the errors
 * it can throw and no others.
 *
 * Where a factory takes `options`, `cause` keeps the vendor's error (left out of the JSON form),
 * `details` adds names and counts for machines, and `retryable` overrides the code's default when
 * the thrower knows better (an HTTP 400 is final).
 */

/** What a caller may add to a factory's error. */
export interface BridgeErrorOptions {
  readonly details?: BridgeErrorDetails;
  readonly cause?: unknown;
  readonly retryable?: boolean;
}

/**
 * A factory of the codes whose message the thrower writes (a vendor's refusal, say): what an
 * adapter's vendor wrapper takes to say which code a failed request becomes.
 */
export type Failure = (message: string, options?: BridgeErrorOptions) => BridgeError;

/**
 * The CRM adapter could not connect.
 * @retryable
 */
export function adapterConnectFailed(message: string, options?: BridgeErrorOptions): BridgeError {
  return new BridgeError('ADAPTER_CONNECT_FAILED', message, options);
}

/** The adapter's `callUpdated` hook threw; the call goes on, only the adapter missed the update. */
export function adapterHookFailed(hook: string, cause: unknown): BridgeError {
  return new BridgeError('ADAPTER_HOOK_FAILED', `The adapter's ${hook} threw.`, { details: { hook }, cause });
}

/**
 * The CRM did not answer in time.
 * @retryable
 */
export function adapterTimeout(what: string, ms: number, options: BridgeErrorOptions = {}): BridgeError {
  return new BridgeError('ADAPTER_TIMEOUT', `${what}: no answer within ${ms} ms.`, {
    ...options,
    details: { ...options.details, timeoutMs: ms },
  });
}

/**
 * The CRM rejected or did not confirm a write.
 * @retryable
 */
export function adapterWriteFailed(message: string, options?: BridgeErrorOptions): BridgeError {
  return new BridgeError('ADAPTER_WRITE_FAILED', message, options);
}

/** The CRM refused a write that will not succeed on retry. */
export function adapterWriteRefused(message: string, options?: BridgeErrorOptions): BridgeError {
  return new BridgeError('ADAPTER_WRITE_REFUSED', message, options);
}

/** A connector's connect() was called while it is connected; disconnect first. */
export function alreadyConnected(part: string): BridgeError {
  return new BridgeError('ALREADY_CONNECTED', `${part}: already connected; disconnect first.`);
}

/** The bridge was disposed; it takes no more events. */
export function bridgeDisposed(method: string): BridgeError {
  return new BridgeError('BRIDGE_DISPOSED', `${method}: the bridge was disposed.`, { details: { method } });
}

/** The softphone did not load in time to receive a queued request. */
export function callbackExpired(eventType: string, ms: number): BridgeError {
  return new BridgeError('CALLBACK_EXPIRED', `${eventType}: no load() within ${ms} ms; not dialled.`, {
    details: { eventType, timeoutMs: ms },
  });
}

/** The softphone's side did not carry out an event: its callback threw, or the vendor softphone it drives refused or did not answer. */
export function callbackFailed(message: string, options?: BridgeErrorOptions): BridgeError {
  return new BridgeError('CALLBACK_FAILED', message, options);
}

/** load() needs a function, or the name of a global function. */
export function callbackInvalid(problem: string): BridgeError {
  return new BridgeError('CALLBACK_INVALID', `load: ${problem}.`, { details: { method: 'load' } });
}

/** The vendor softphone a connector drives did not answer a command in time. */
export function callbackTimeout(what: string, ms: number, details?: BridgeErrorDetails): BridgeError {
  return new BridgeError('CALLBACK_TIMEOUT', `${what}: no answer within ${ms} ms.`, {
    details: { ...details, timeoutMs: ms },
  });
}

/** The event does not apply to the conversation in its current state. */
export function callTransitionIgnored(method: string, reason: string, details: BridgeErrorDetails): BridgeError {
  return new BridgeError('CALL_TRANSITION_IGNORED', `${method}: ${reason}.`, { details: { method, ...details } });
}

/** The configuration of the bridge, an adapter or a connector is missing or malformed. */
export function configInvalid(
  keys: readonly string[],
  message: string,
  details?: BridgeErrorDetails,
  cause?: unknown,
): BridgeError {
  return new BridgeError('CONFIG_INVALID', message, { details: { ...details, keys }, cause });
}

/** A connector's handler of a vendor event threw; the event was not carried to the bridge. */
export function connectorHandlerFailed(connector: string, cause: unknown): BridgeError {
  return new BridgeError('CONNECTOR_HANDLER_FAILED', `${connector}: a vendor event could not be handled.`, {
    details: { connector },
    cause,
  });
}

/** A contract method was called with the wrong arguments. */
export function contractArgumentsInvalid(method: string, problem: string, details?: BridgeErrorDetails): BridgeError {
  return new BridgeError('CONTRACT_ARGUMENTS_INVALID', `${method}: ${problem}.`, { details: { method, ...details } });
}

/** A JSON string parameter could not be parsed. */
export function contractJsonInvalid(method: string, problem: string, details?: BridgeErrorDetails): BridgeError {
  return new BridgeError('CONTRACT_JSON_INVALID', `${method}: ${problem}.`, { details: { method, ...details } });
}

/** A payload is missing required fields or has mistyped ones. */
export function contractPayloadInvalid(where: string, problem: string, details: BridgeErrorDetails): BridgeError {
  return new BridgeError('CONTRACT_PAYLOAD_INVALID', `${where}: ${problem}.`, { details });
}

/** The number to dial is not a valid phone number. */
export function dialNumberInvalid(source: string, problem: string): BridgeError {
  return new BridgeError('DIAL_NUMBER_INVALID', `${source}: not a valid phone number (${problem}); no call started.`, {
    details: { source, problem },
  });
}

/** The bridge failed in a way it has no code for (a bug); the cause says what threw. */
export function internalError(method: string, cause: unknown): BridgeError {
  return new BridgeError('INTERNAL', `${method}: an unexpected error (see cause).`, { details: { method }, cause });
}

/**
 * An adapter or connector was used before it connected, or after it disconnected; a retry after connect may succeed.
 * @retryable
 */
export function notConnected(part: string): BridgeError {
  return new BridgeError('NOT_CONNECTED', `${part} is not connected.`);
}

/** A CRM write was given up: after its last attempt (`last` says why it failed), or unsent because it was too old. */
export function outboxDeadLettered(
  kind: string,
  key: string,
  last?: { readonly error: BridgeError; readonly attempts: number },
): BridgeError {
  return last === undefined
    ? new BridgeError('OUTBOX_DEAD_LETTERED', `A ${kind} write was too old to send.`, {
        details: { key, reason: 'expired' },
      })
    : new BridgeError(
        'OUTBOX_DEAD_LETTERED',
        `A ${kind} write was given up after ${last.attempts} attempt(s): ${last.error.code}.`,
        {
          details: { key, attempts: last.attempts, lastCode: last.error.code },
          cause: last.error,
        },
      );
}

/**
 * The durable store could not record the event.
 * @retryable
 */
export function outboxStoreFailed(what: string, cause: unknown): BridgeError {
  return new BridgeError('OUTBOX_STORE_FAILED', `IndexedDB: ${what}.`, { cause });
}

/** The host page sent an error whose code this client does not know (a newer or older bridge); its message is kept. */
export function remoteCodeUnknown(message: string, options?: BridgeErrorOptions): BridgeError {
  return new BridgeError('REMOTE_CODE_UNKNOWN', message, options);
}

/** The remote client has no host page: it was disposed, or runs neither in a frame nor in a popup. */
export function remoteDisconnected(): BridgeError {
  return new BridgeError(
    'REMOTE_DISCONNECTED',
    'No host page: the client was disposed, or is in neither a frame nor a popup.',
  );
}

/** The host page could not run a call of the softphone frame (the bridge there threw something that is not a BridgeError). */
export function remoteHostFailed(method: string, cause: unknown): BridgeError {
  return new BridgeError('REMOTE_HOST_FAILED', `${method}: the host page could not run the call.`, {
    details: { method },
    cause,
  });
}

/** An origin given to the remote transport is not one exact http(s) origin. */
export function remoteOriginRefused(option: string, refused: readonly string[]): BridgeError {
  const which = refused.length > 0 ? ` (refused entries: ${refused.join(', ')})` : '';
  return new BridgeError('REMOTE_ORIGIN_REFUSED', `${option}: expected a list of exact http(s) origins${which}.`, {
    details: { option, refused },
  });
}

/**
 * Too many calls are waiting for the host page; this one was not sent.
 * @retryable
 */
export function remoteQueueFull(method: string): BridgeError {
  return new BridgeError('REMOTE_QUEUE_FULL', `${method}: too many calls wait for the host page; not sent.`, {
    details: { method },
  });
}

/** The host page ran a call but its result does not clone into the softphone frame. */
export function remoteResultUncloneable(): BridgeError {
  return new BridgeError('REMOTE_RESULT_UNCLONEABLE', 'The result could not be sent to the softphone frame.');
}

/**
 * The host page did not answer in time.
 * @retryable
 */
export function remoteTimeout(method: string, ms: number, sent: boolean): BridgeError {
  return new BridgeError('REMOTE_TIMEOUT', `${method}: no answer from the host page within ${ms} ms.`, {
    details: { method, timeoutMs: ms, sent },
  });
}

/** The CRM could not show the caller record. */
export function screenPopFailed(message: string, options?: BridgeErrorOptions): BridgeError {
  return new BridgeError('SCREEN_POP_FAILED', message, options);
}

/** The browser did not grant this frame durable storage (Storage Access API); calls stay in this tab only. */
export function storageAccessDenied(why: string, cause?: unknown): BridgeError {
  return new BridgeError('STORAGE_ACCESS_DENIED', why, { cause });
}
