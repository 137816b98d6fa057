import { RETRYABLE_CODES, type BridgeErrorCode } from './codes.generated.js';

/** JSON-safe details: field names, method names, counts. Never the caller's data. */
export type BridgeErrorDetails = Readonly<Record<string, string | number | boolean | readonly string[] | null>>;

/** The JSON form of a {@link BridgeError}, as it crosses frames or lands in storage (`bridgeErrorFromJSON` reads it back). */
export interface BridgeErrorJson {
  readonly name: 'BridgeError';
  readonly code: BridgeErrorCode;
  readonly message: string;
  readonly retryable: boolean;
  readonly details: BridgeErrorDetails;
}

/**
 * The one error class of the bridge. Every rejection and every error event carries one. The
 * bridge makes them with the factories of factories.ts (one per code); adapters written outside
 * this package may use the constructor.
 *
 * @example
 * bridge.callEnded({}).catch((error) => {
 *   if (error instanceof BridgeError && error.code === 'CONTRACT_PAYLOAD_INVALID') …
 * });
 */
export class BridgeError extends Error {
  override readonly name = 'BridgeError';
  readonly code: BridgeErrorCode;
  readonly retryable: boolean;
  readonly details: BridgeErrorDetails;

  /**
   * @param code a code of `ERROR_CODES`
   * @param message what happened, naming methods and fields but never echoing input values.
   *   Pass one wherever the error can reach a person: left out, the message is the code itself
   *   (its summary is in `errorCatalog` and docs/errors.md, which a bundle need not carry).
   * @param options `details` for machines, `cause` for the wrapped vendor error, `retryable`
   *   to override the catalog default (an adapter knows whether its HTTP 400 is final;
   *   the default comes from `RETRYABLE_CODES`, generated from the factories)
   */
  constructor(
    code: BridgeErrorCode,
    message: string = code,
    options: { details?: BridgeErrorDetails; cause?: unknown; retryable?: boolean } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.retryable = options.retryable ?? RETRYABLE_CODES.includes(code);
    this.details = options.details ?? {};
  }

  /** The JSON form; `cause` is left out because vendor errors may carry customer data. */
  toJSON(): BridgeErrorJson {
    return {
      name: 'BridgeError',
      code: this.code,
      message: this.message,
      retryable: this.retryable,
      details: this.details,
    };
  }
}

/**
 * Wraps anything thrown by a vendor or adapter into a {@link BridgeError}: a BridgeError passes
 * through unchanged, anything else becomes `wrap(error)`, a factory call that keeps it as `cause`.
 *
 * @example
 * throw toBridgeError(error, (cause) => screenPopFailed(cause));
 */
export function toBridgeError(error: unknown, wrap: (cause: unknown) => BridgeError): BridgeError {
  return error instanceof BridgeError ? error : wrap(error);
}

/** The code to log for anything caught: a BridgeError's own, `INTERNAL` for anything else. */
export function errorCode(error: unknown): BridgeErrorCode {
  return error instanceof BridgeError ? error.code : 'INTERNAL';
}
