import type { BridgeError } from '../errors/index.js';
import type LiteEmitter from '../shared/lite-emitter.js';
import type { Logger } from '../shared/logger.js';
import type { BridgeEvents, StorageLimit } from './bridge-events.js';

/** The events that carry an error the bridge reports (see {@link BridgeSignals.report}). */
export type ReportedEvent =
  'contract.rejected' | 'call.ignored' | 'callback.failed' | 'adapter.failed' | 'adapter.refused';

/**
 * How the parts of the bridge tell its subscribers and its log what happened. Emitting never lets
 * a listener's exception reach the softphone, an error is logged and emitted alike, and storage
 * limits found before the first `load` wait for it.
 */
export class BridgeSignals {
  readonly #emitter: LiteEmitter<BridgeEvents>;
  readonly #logger: Logger;
  /**
   * `storage.limited` events held until the first `load`: a script-tag bundle's bridge finds its
   * limits before the page's next script can listen. Undefined once delivered.
   */
  #heldLimits: StorageLimit[] | undefined = [];

  constructor(emitter: LiteEmitter<BridgeEvents>, logger: Logger) {
    this.#emitter = emitter;
    this.#logger = logger;
  }

  /** Emits without letting a subscriber's exception reach the softphone. */
  emit<K extends keyof BridgeEvents>(event: K, ...args: BridgeEvents[K]): void {
    try {
      (this.#emitter.emit as (event: K, ...args: BridgeEvents[K]) => boolean).call(this.#emitter, event, ...args);
    } catch (error) {
      this.#logger.error('listener threw', { event, name: error instanceof Error ? error.name : typeof error });
    }
  }

  /** A listener that passes its arguments on as `event`. */
  relay<K extends keyof BridgeEvents>(event: K): (...args: BridgeEvents[K]) => void {
    return (...args) => this.emit(event, ...args);
  }

  /** Logs `error` and emits it as `event` (bad input, refusals, failures); returns it for the caller to throw. */
  report(event: ReportedEvent, error: BridgeError, level: 'debug' | 'warn' | 'error' = 'warn'): BridgeError {
    this.#logger[level](error.message, { code: error.code });
    this.emit(event, error);
    return error;
  }

  /** Logs and announces (`storage.limited`) that the browser gave less than durable, shared storage. */
  limited(what: StorageLimit['what'], logLine: string, reason: string): void {
    this.#logger.warn(logLine, { reason });
    if (this.#heldLimits === undefined) this.emit('storage.limited', { what, reason });
    else this.#heldLimits.push({ what, reason });
  }

  /** The softphone loaded: limits found while the page was still loading its scripts reach the listeners added since. */
  releaseLimits(): void {
    for (const limit of this.#heldLimits?.splice(0) ?? []) this.emit('storage.limited', limit);
    this.#heldLimits = undefined;
  }
}
