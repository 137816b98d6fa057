import {
  BridgeError,
  callbackFailed,
  configInvalid,
  connectorHandlerFailed,
  internalError,
  notConnected,
  toBridgeError,
  type CallbackEventType,
  type CallbackPayload,
  type ConnectorContext,
  type ContractCall,
  type ContractTarget,
  type SoftphoneCallback,
} from '../../src/contract/index.js';

/** What a connector does with the two CRM intents that reach a softphone. */
export interface IntentHandlers {
  /** `start_call`: dial `dialTo` with the vendor. */
  startCall(request: CallbackPayload<'start_call'>): void;
  /** `update_presence`: set the vendor status mapped to `softphoneId`. */
  updatePresence(request: CallbackPayload<'update_presence'>): void;
}

/**
 * A connector's side of the contract: loads the target with the connector's callback, keeps the
 * partner id, applies contract calls in order and reports what goes wrong. Shared by every
 * connector so that each holds only its vendor's mapping.
 */
export class ContractLink {
  #target: ContractTarget | undefined;
  #context: ConnectorContext | undefined;
  #fromConfig: string | undefined;
  #pending = new Set<Promise<unknown>>();
  /** `loading` between `open` and the end of the target's `load`; vendor events wait in `#early` then. */
  #state: 'closed' | 'loading' | 'open' = 'closed';
  /** Vendor events that arrived while `load` was running: applied, in order, once it is done. */
  #early: (() => void)[] = [];

  /**
   * @param connector the connector's name, for logs and errors
   * @param partnerId the fallback partner id, used while the CRM sends no `partner_config`
   */
  readonly #partnerId: string | undefined;

  constructor(
    readonly connector: string,
    partnerId: string | undefined,
  ) {
    this.#partnerId = partnerId;
  }

  /** Whether the link is connected (between `open` and `close`). */
  get isOpen(): boolean {
    return this.#state !== 'closed';
  }

  /** The partner id for contract payloads: the CRM's `partner_config`, else the option. */
  get partner(): string {
    return this.#fromConfig ?? this.#partnerId ?? '';
  }

  /** The context, once open. */
  get context(): ConnectorContext {
    if (this.#context === undefined) throw notConnected(`The ${this.connector} connector`);
    return this.#context;
  }

  /**
   * Loads the target with this link's callback. Rejects with `CONFIG_INVALID` when, after
   * loading, there is still no partner id (no `partner_config` from the CRM and no option).
   */
  async open(target: ContractTarget, context: ConnectorContext, handlers: IntentHandlers): Promise<void> {
    this.#target = target;
    this.#context = context;
    this.#state = 'loading';
    const callback: SoftphoneCallback = (eventType, payload) => this.#onCallback(eventType, payload, handlers);
    try {
      await target.load(callback);
    } catch (error) {
      this.close();
      throw error;
    }
    if (this.partner === '') {
      this.close();
      throw configInvalid(
        ['partnerId'],
        `${this.connector} connector: options.partnerId is required when the CRM sends no partner_config.`,
        { connector: this.connector },
      );
    }
    this.#state = 'open';
    const early = this.#early;
    this.#early = [];
    for (const task of early) this.run(task);
  }

  /** Stops: later calls, callbacks and queued vendor events are dropped. */
  close(): void {
    this.#state = 'closed';
    this.#early = [];
  }

  /**
   * Runs a vendor event handler: now once loaded, after `load` while it runs (the partner id
   * arrives with `partner_config`), never once closed. A handler that throws is reported: the
   * vendor SDK that called the listener must not see the exception.
   */
  run(task: () => void): void {
    if (this.#state === 'closed') return;
    if (this.#state === 'loading') return void this.#early.push(task);
    try {
      task();
    } catch (error) {
      this.report(toBridgeError(error, (cause) => connectorHandlerFailed(this.connector, cause)));
    }
  }

  /** Applies contract calls in order. The bridge serialises them; failures are reported. */
  send(calls: readonly ContractCall[]): void {
    const target = this.#target;
    if (this.#state === 'closed' || target === undefined) return;
    for (const call of calls) {
      this.context.logger.debug(`${this.connector}: ${call.method}`, {
        connector: this.connector,
        method: call.method,
        conversationId: conversationOf(call),
      });
      let result: Promise<unknown>;
      try {
        result = invoke(target, call);
      } catch (error) {
        result = Promise.reject(error);
      }
      const tracked: Promise<unknown> = result
        .catch((error: unknown) => this.#refused(call, error))
        .finally(() => this.#pending.delete(tracked));
      this.#pending.add(tracked);
    }
  }

  /** Logs (code and message only) and hands the error to the integrator. */
  report(error: BridgeError): void {
    const context = this.#context;
    if (context === undefined) return;
    context.logger.warn(error.message, { code: error.code, connector: this.connector });
    try {
      context.report(error);
    } catch {
      // The integrator's handler must not break the connector; the warning above was logged.
    }
  }

  /** Resolves once every contract call sent so far has settled. */
  async settled(): Promise<void> {
    while (this.#pending.size > 0) await Promise.allSettled([...this.#pending]);
  }

  #refused(call: ContractCall, error: unknown): void {
    const failure = toBridgeError(error, (cause) => internalError(call.method, cause));
    // A replay the bridge does not apply is expected (duplicates, reconnects): not a problem.
    if (failure.code === 'CALL_TRANSITION_IGNORED')
      return void this.context.logger.debug(failure.message, { code: failure.code, connector: this.connector });
    // The bridge's own code, restated for the vendor side with the connector's name; the original stays the cause.
    this.report(
      new BridgeError(failure.code, `${this.connector}: the bridge refused ${call.method}: ${failure.message}`, {
        details: { ...failure.details, connector: this.connector },
        cause: failure,
      }),
    );
  }

  #onCallback<T extends CallbackEventType>(eventType: T, payload: CallbackPayload<T>, handlers: IntentHandlers): void {
    if (this.#state === 'closed') return;
    try {
      if (eventType === 'partner_config') this.#fromConfig = (payload as CallbackPayload<'partner_config'>).partnerId;
      else if (eventType === 'start_call') handlers.startCall(payload as CallbackPayload<'start_call'>);
      else if (eventType === 'update_presence') handlers.updatePresence(payload as CallbackPayload<'update_presence'>);
    } catch (error) {
      // Never throw into the bridge: the intent failed with the vendor, which is reported.
      this.report(
        toBridgeError(error, (cause) =>
          callbackFailed(`${this.connector}: ${eventType} could not be carried to the vendor.`, { cause }),
        ),
      );
    }
  }
}

function conversationOf(call: ContractCall): string | undefined {
  return call.method === 'statusChanged' ? undefined : call.payload.conversationId;
}

/**
 * One contract call on the target, as a method call so that `this` is the target. The one cast
 * says what the compiler cannot see through the union: `call.payload` is the payload of
 * `call.method`, which `ContractCall` guarantees.
 */
function invoke<M extends ContractCall['method']>(
  target: ContractTarget,
  call: ContractCall & { readonly method: M },
): Promise<unknown> {
  const method = target[call.method] as (params: ContractCall['payload']) => Promise<unknown>;
  return method.call(target, call.payload);
}
