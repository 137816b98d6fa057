import { html, LitElement, nothing, type PropertyDeclarations, type PropertyValues, type TemplateResult } from 'lit';
import { BridgeEventsController } from './bridge-controller.js';
import type { BridgeStatus, StatusBridge } from './bridge-like.js';
import { phoneNote, storageNotes } from './bridge-status-notes.js';
import { bridgeStatusStyles } from './bridge-status.styles.js';
import { errorCode } from './format.js';
import { themeStyles } from './theme.styles.js';
import { Ticker } from './ticker.js';

/** The connection as the panel shows it. */
export type ConnectionState = 'waiting' | 'connecting' | 'connected' | 'failed' | 'unavailable';

/** The last error the bridge reported: its code and message (messages name fields, never values). */
export interface LastError {
  readonly code: string;
  readonly message: string;
}

const STATE_LABELS: Readonly<Record<ConnectionState, string>> = {
  waiting: 'Waiting for the softphone',
  connecting: 'Connecting to the CRM…',
  connected: 'Connected',
  failed: 'CRM connection failed',
  unavailable: 'Bridge unavailable',
};

/**
 * @summary The bridge at a glance, for a 200–400 px utility-bar panel: the connection, the
 * writes waiting in the outbox (pending and dead counts), the last error (code and message), and
 * a button that queues dead letters again (`retryDeadLetters()`).
 *
 * It reads `bridge.status()` when it is attached and after every `outbox.*`, `adapter.*` and
 * `callback.*` event; `refresh-interval` also polls, because another tab may drain the same
 * outbox without this page hearing of it.
 *
 * @cssprop --sb-font - font family
 * @cssprop --sb-bg - surface
 * @cssprop --sb-fg - text
 * @cssprop --sb-muted - secondary text
 * @cssprop --sb-border - borders of panel and fields
 * @cssprop --sb-accent - primary buttons
 * @cssprop --sb-accent-fg - text on primary buttons
 * @cssprop --sb-success - Accept, connected
 * @cssprop --sb-danger - Reject, Hang up, errors
 * @cssprop --sb-warn - pending writes
 * @cssprop --sb-focus - keyboard focus ring
 * @cssprop --sb-radius - corner radius
 * @csspart panel - the outer section.
 */
export class SbBridgeStatus extends LitElement {
  static override styles = [themeStyles, bridgeStatusStyles];
  static override properties: PropertyDeclarations = {
    bridge: { attribute: false },
    refreshInterval: { type: Number, attribute: 'refresh-interval' },
    _status: { state: true },
    _unavailable: { state: true },
    _failed: { state: true },
    _lastError: { state: true },
    _retrying: { state: true },
    _requesting: { state: true },
  };

  /** The bridge to watch (status(), retryDeadLetters() and its events). */
  declare bridge: StatusBridge | undefined;
  /** Milliseconds between polls of `status()`; 0 polls never (events still refresh). Default 10000. */
  declare refreshInterval: number;
  declare private _status: BridgeStatus | undefined;
  declare private _unavailable: boolean;
  declare private _failed: boolean;
  declare private _lastError: LastError | undefined;
  declare private _retrying: boolean;
  declare private _requesting: boolean;

  readonly #events: BridgeEventsController;
  readonly #poll = new Ticker(this, () => void this.refresh());
  #refreshing: Promise<void> | undefined;
  #again = false;
  /** The outbox entry whose failure is the last error shown: once it is written, the error is over. */
  #failedKey: string | undefined;

  constructor() {
    super();
    this.bridge = undefined;
    this.refreshInterval = 10_000;
    this._status = undefined;
    this._unavailable = false;
    this._failed = false;
    this._lastError = undefined;
    this._retrying = false;
    this._requesting = false;
    const refresh = () => void this.refresh();
    const remember = (error: { code: string; message: string }, failedKey?: string) => {
      this._lastError = { code: error.code, message: error.message };
      this.#failedKey = failedKey;
    };
    this.#events = new BridgeEventsController(this, {
      'adapter.connected': () => {
        this._failed = false;
        refresh();
      },
      'adapter.failed': (error) => {
        this._failed = true;
        remember(error);
        refresh();
      },
      'adapter.refused': (error) => remember(error),
      'callback.delivered': refresh,
      'callback.failed': (error) => remember(error),
      'contract.rejected': (error) => remember(error),
      'screenPop.failed': (error) => remember(error),
      'outbox.queued': refresh,
      'outbox.written': (entry) => {
        // The write that failed has landed: its error no longer describes anything (D11).
        if (entry.key === this.#failedKey) {
          this._lastError = undefined;
          this.#failedKey = undefined;
        }
        refresh();
      },
      'outbox.failed': (entry, error) => {
        remember(error, entry.key);
        refresh();
      },
      'outbox.deadLettered': (entry, error) => {
        remember(error, entry.key);
        refresh();
      },
      'storage.limited': refresh,
      'storage.durable': refresh,
      'phone.moved': refresh,
    });
  }

  /** Where the connection stands, as shown. */
  get connectionState(): ConnectionState {
    if (this._failed) return 'failed';
    if (this._unavailable) return 'unavailable';
    if (this._status?.connected === true) return 'connected';
    return this._status?.loaded === true ? 'connecting' : 'waiting';
  }

  /** The last error shown, if any. */
  get lastError(): LastError | undefined {
    return this._lastError;
  }

  /** Reads `bridge.status()` now. Calls that overlap are merged into one more read. */
  refresh(): Promise<void> {
    if (this.#refreshing !== undefined) {
      this.#again = true;
      return this.#refreshing;
    }
    this.#refreshing = this.#read().finally(() => (this.#refreshing = undefined));
    return this.#refreshing;
  }

  /**
   * Asks the browser for storage access (this runs from the agent's click, which the browser
   * requires), so the bridge moves its calls into IndexedDB; a refusal shows as the last error.
   */
  requestDurableStorage(): Promise<void> {
    const bridge = this.bridge;
    return this.#act(
      '_requesting',
      bridge?.requestDurableStorage?.bind(bridge),
      'The browser did not let this panel keep calls across reloads.',
    );
  }

  /** Queues every dead letter again (the bridge drains them at once), then refreshes. */
  retryDeadLetters(): Promise<void> {
    const bridge = this.bridge;
    return this.#act('_retrying', bridge?.retryDeadLetters.bind(bridge), 'The dead letters could not be queued again.');
  }

  /** Runs a button's `action` once at a time (`busy` shows it), shows `failure` if it throws, then refreshes. */
  async #act(
    busy: '_retrying' | '_requesting',
    action: (() => Promise<unknown>) | undefined,
    failure: string,
  ): Promise<void> {
    if (action === undefined || this[busy]) return;
    this[busy] = true;
    try {
      await action();
    } catch (error) {
      this._lastError = { code: errorCode(error), message: failure };
    } finally {
      this[busy] = false;
    }
    await this.refresh();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('bridge')) {
      this._status = undefined;
      this._failed = false;
      this._unavailable = false;
      this._lastError = undefined;
      this.#events.setSource(this.bridge);
      if (this.bridge !== undefined) void this.refresh();
    }
    this.#poll.every = this.bridge === undefined ? 0 : this.refreshInterval;
  }

  protected override render(): TemplateResult {
    const state = this.connectionState;
    const outbox = this._status?.outbox;
    const dead = outbox?.dead ?? 0;
    const error = this._lastError;
    return html`
      <section part="panel" class="panel" aria-label="Bridge status">
        <p class="state" data-state=${state}>
          <span class="dot" aria-hidden="true"></span>
          <span class="state-label">${STATE_LABELS[state]}</span>
          ${this._status === undefined ? nothing : html`<span class="muted">· ${this._status.durability === 'durable' ? 'stored durably' : 'memory only'}</span>`}
        </p>
        ${phoneNote({
          activeElsewhere: this._status?.activeElsewhere === true,
          canTakeOver: typeof this.bridge?.takeOver === 'function',
          onTakeOver: () => this.#takeOver(),
        })}
        ${storageNotes({
          status: this._status,
          canRequest:
            this._status?.canRequestDurableStorage === true && typeof this.bridge?.requestDurableStorage === 'function',
          requesting: this._requesting,
          onRequest: () => void this.requestDurableStorage(),
        })}
        <dl class="counts" aria-label="Outbox">
          <div data-tone=${(outbox?.pending ?? 0) > 0 ? 'warn' : 'ok'}>
            <dt>Pending</dt>
            <dd id="pending">${outbox?.pending ?? '–'}</dd>
          </div>
          <div data-tone=${dead > 0 ? 'bad' : 'ok'}>
            <dt>Dead</dt>
            <dd id="dead">${outbox?.dead ?? '–'}</dd>
          </div>
        </dl>
        <div class="error" role="status">
          ${
            error === undefined
              ? nothing
              : html`<p><code class="code">${error.code}</code> <span class="error-message">${error.message}</span></p>
                  <button id="dismiss" type="button" class="link" @click=${() => (this._lastError = undefined)}>
                    Dismiss
                  </button>`
          }
        </div>
        <button
          id="retry"
          type="button"
          class="primary"
          ?disabled=${dead === 0 || this._retrying}
          @click=${() => void this.retryDeadLetters()}
        >
          ${this._retrying ? 'Retrying…' : `Retry dead letters (${dead})`}
        </button>
      </section>
    `;
  }

  /** Takes the phone over to this tab; a failure shows as the last error. */
  #takeOver(): void {
    void this.bridge?.takeOver?.().then(
      () => this.refresh(),
      (error: unknown) => (this._lastError = { code: errorCode(error), message: 'The phone could not be taken over.' }),
    );
  }

  async #read(): Promise<void> {
    do {
      this.#again = false;
      const bridge = this.bridge;
      if (bridge === undefined) return;
      try {
        const status = await bridge.status();
        if (this.bridge !== bridge) return;
        this._status = status;
        this._unavailable = false;
      } catch {
        // A disposed or broken bridge: say so rather than show stale counts as current.
        if (this.bridge === bridge) this._unavailable = true;
      }
    } while (this.#again);
  }
}
