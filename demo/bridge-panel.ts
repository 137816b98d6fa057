import type { Bridge, BridgeError, BridgeEvents } from '../src/index.js';
import { byId, clockTime, el } from './dom.js';

/** Lines kept in the event log. */
const MAX_LINES = 60;

/** `<uuid>:callLog` → `1a2b3c4d:callLog`: enough to tell calls apart, short enough to read. */
function shortKey(key: string): string {
  const [conversation, kind] = key.split(':');
  return kind === undefined ? key : `${shortId(conversation ?? '')}:${kind}`;
}

function shortId(id: string): string {
  return id.length > 8 ? id.slice(0, 8) : id;
}

function conversationOf(error: BridgeError): string {
  const id = error.details['conversationId'];
  return typeof id === 'string' ? ` ${shortId(id)}` : '';
}

type Line = [detail: string, tone?: 'ok' | 'warn' | 'bad'];

/**
 * What each bridge event shows: its name and a detail made only of conversation ids, methods,
 * states, event types and error codes. Never phone numbers, names or notes. (Partial, so that a
 * new bridge event does not break the demo; it is simply not shown until added here.)
 */
const describe: { [K in keyof BridgeEvents]?: (...args: BridgeEvents[K]) => Line } = {
  'call.updated': (call, change) => [`${shortId(call.conversationId)} ${change.method} → ${call.state}`],
  'call.ignored': (error) => [`${conversationOf(error).trim()} ${String(error.details['method'] ?? '')}`.trim(), 'warn'],
  'contract.rejected': (error) => [`${String(error.details['method'] ?? '')} ${error.code}`.trim(), 'bad'],
  'callback.delivered': (eventType) => [eventType],
  'callback.failed': (error) => [error.code, 'bad'],
  'adapter.connected': () => ['fake', 'ok'],
  'adapter.failed': (error) => [error.code, 'bad'],
  'adapter.refused': (error) => [error.code, 'warn'],
  'screenPop.failed': (error) => [`${error.code}${conversationOf(error)}`, 'warn'],
  'presence.changed': (_id, origin) => [`from ${origin}`],
  'outbox.queued': (key) => [shortKey(key)],
  'outbox.written': (entry) => [`${shortKey(entry.key)} rev ${entry.revision}`, 'ok'],
  'outbox.failed': (entry, error) => [`${shortKey(entry.key)} attempt ${entry.attempts} ${error.code}, retry in ${Math.max(0, Math.round((entry.nextAttemptAt - Date.now()) / 100) / 10)} s`, 'warn'],
  'outbox.deadLettered': (entry, error) => [`${shortKey(entry.key)} ${error.code}`, 'bad'],
};

/**
 * The bridge's own panel: the event log, the outbox counts and the status strip in the header.
 * Subscribes with `bridge.on` like any integrator would.
 */
export class BridgePanel {
  readonly #bridge: Bridge;
  readonly #ui = {
    log: byId('event-log', HTMLOListElement),
    pending: byId('count-pending', HTMLElement),
    sent: byId('count-sent', HTMLElement),
    dead: byId('count-dead', HTMLElement),
    retryDead: byId('btn-retry-dead', HTMLButtonElement),
    stripBridge: byId('strip-bridge', HTMLElement),
    stripStore: byId('strip-store', HTMLElement),
    stripOutbox: byId('strip-outbox', HTMLElement),
  };
  #refreshing = false;
  #again = false;

  constructor(bridge: Bridge) {
    this.#bridge = bridge;
    for (const name of Object.keys(describe) as (keyof BridgeEvents)[]) {
      bridge.on(name, (...args: unknown[]) => {
        const [detail, tone] = (describe[name] as (...a: unknown[]) => Line)(...args);
        this.#append(name, detail, tone);
        if (name.startsWith('outbox.') || name === 'adapter.connected' || name === 'adapter.failed') void this.refresh();
      });
    }
    this.#ui.retryDead.addEventListener('click', () => {
      void bridge.retryDeadLetters().then(() => bridge.flush()).catch(() => undefined).finally(() => this.refresh());
    });
    // Retries happen in the background; keep the counts honest between events.
    setInterval(() => void this.refresh(), 2000);
  }

  /** Reads `bridge.status()` into the outbox card and the header strip. */
  async refresh(): Promise<void> {
    if (this.#refreshing) {
      this.#again = true;
      return;
    }
    this.#refreshing = true;
    try {
      do {
        this.#again = false;
        const status = await this.#bridge.status();
        const ui = this.#ui;
        const { pending, sent, dead } = status.outbox;
        ui.pending.textContent = String(pending);
        ui.sent.textContent = String(sent);
        ui.dead.textContent = String(dead);
        ui.retryDead.disabled = dead === 0;
        ui.stripBridge.textContent = status.connected ? 'connected' : status.loaded ? 'loading' : 'waiting for load()';
        ui.stripBridge.dataset['tone'] = status.connected ? 'ok' : 'warn';
        ui.stripStore.textContent = status.durability === 'durable' ? 'IndexedDB (durable)' : 'memory only';
        ui.stripStore.dataset['tone'] = status.durability === 'durable' ? 'ok' : 'warn';
        ui.stripOutbox.textContent = `${pending} pending · ${sent} sent · ${dead} dead`;
        ui.stripOutbox.dataset['tone'] = dead > 0 ? 'bad' : pending > 0 ? 'warn' : 'ok';
      } while (this.#again);
    } catch {
      this.#ui.stripBridge.textContent = 'unavailable';
      this.#ui.stripBridge.dataset['tone'] = 'bad';
    } finally {
      this.#refreshing = false;
    }
  }

  #append(name: string, detail: string, tone: Line[1]): void {
    const line = el(
      'li',
      tone === undefined ? {} : { attrs: { 'data-tone': tone } },
      el('time', { text: clockTime(Date.now()) }),
      el('span', { className: 'event-name', text: name }),
      el('span', { className: 'event-detail', text: detail }),
    );
    const log = this.#ui.log;
    log.prepend(line);
    while (log.childElementCount > MAX_LINES) log.lastElementChild?.remove();
  }
}
