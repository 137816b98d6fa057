import {
  isReport,
  type HostileReport,
  type SoftphoneCommand,
  type SoftphoneReport,
} from '../fixtures/remote-protocol.js';

/**
 * Frames on other origins for the remote-transport tests. The runner serves the test page on
 * `localhost:<port>`; the same server answers on `127.0.0.1`, `127.0.0.2` and `[::1]`, which are
 * different origins, so the softphone fixture runs truly cross-origin to the host (this page).
 */

const other = location.hostname === 'localhost' ? '127.0.0.1' : 'localhost';
/** The softphone frame's origin: the runner's server under another host name. */
export const SOFTPHONE_ORIGIN = `http://${other}:${location.port}`;
/** Origins for attackers: not allowed, but served by the same server. */
export const HOSTILE_ORIGINS = [`http://[::1]:${location.port}`, `http://127.0.0.2:${location.port}`];

/** Resolves once `test()` is true, polling; rejects naming `what` (and `state()`, if given) after `ms`. */
export async function until(test: () => boolean, what: string, ms = 10_000, state?: () => unknown): Promise<void> {
  const deadline = Date.now() + ms;
  while (!test()) {
    if (Date.now() > deadline)
      throw new Error(
        `timed out waiting for ${what}${state === undefined ? '' : `; state: ${JSON.stringify(state())}`}`,
      );
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** A fixture page's URL on `origin`. */
export function fixtureUrl(origin: string, file: string, query: Record<string, string>): string {
  return `${origin}/test/fixtures/${file}?${new URLSearchParams(query).toString()}`;
}

type Done = Extract<SoftphoneReport, { type: 'done' }>;
type Callback = Extract<SoftphoneReport, { type: 'callback' }>;

/** Options of one softphone page life. */
export interface SoftphonePageOptions {
  readonly mode?: 'esm' | 'iife';
  readonly timeoutMs?: number;
  /** How long the page waits after `booting` before it creates the client. */
  readonly bootDelayMs?: number;
  /** Calls made as soon as the client exists: `[method, args]`. */
  readonly early?: readonly (readonly [SoftphoneCommand['method'], readonly unknown[]])[];
}

/** The softphone iframe on {@link SOFTPHONE_ORIGIN}, driven through postMessage. */
export class SoftphoneFrame {
  readonly frame = document.createElement('iframe');
  readonly reports: SoftphoneReport[] = [];
  #nextId = 0;
  #listener = (event: MessageEvent<unknown>): void => {
    if (
      event.origin !== SOFTPHONE_ORIGIN ||
      event.source !== this.frame.contentWindow ||
      !isReport<SoftphoneReport>(event.data, 'remote-softphone')
    )
      return;
    this.reports.push(event.data);
  };

  constructor() {
    window.addEventListener('message', this.#listener);
    document.body.append(this.frame);
  }

  /** Loads (or reloads) the fixture page; resolves with the new page life's id once it runs. */
  async open(options: SoftphonePageOptions = {}): Promise<string> {
    const before = new Set(this.lives());
    const query: Record<string, string> = { host: location.origin, mode: options.mode ?? 'esm' };
    if (options.timeoutMs !== undefined) query['timeoutMs'] = String(options.timeoutMs);
    if (options.bootDelayMs !== undefined) query['bootDelayMs'] = String(options.bootDelayMs);
    if (options.early !== undefined) query['early'] = JSON.stringify(options.early);
    // Also wait for the frame's load event, so that no late one is taken for the next navigation's.
    const loaded = new Promise((resolve) => this.frame.addEventListener('load', resolve, { once: true }));
    this.frame.src = fixtureUrl(SOFTPHONE_ORIGIN, 'remote-softphone.html', query);
    await until(
      () => this.lives().some((life) => !before.has(life)),
      'the softphone page to start',
      10_000,
      () => this.summary(),
    );
    await loaded;
    return this.lives().find((life) => !before.has(life)) as string;
  }

  /** Navigates the frame to a blank page of this page's origin and resolves once the softphone page is gone. */
  async blank(): Promise<void> {
    this.frame.src = 'about:blank';
    // about:blank navigated to from here has this page's origin: readable once it has replaced the softphone page.
    await until(() => {
      try {
        return (
          this.frame.contentDocument?.readyState === 'complete' && this.frame.contentDocument.URL === 'about:blank'
        );
      } catch {
        return false;
      }
    }, 'the frame to be blank');
  }

  /** Page-life ids, in order of start. */
  lives(): string[] {
    return this.reports.filter((r) => r.type === 'started').map((r) => r.page);
  }

  /** The `started` report of a life. */
  started(life: string): Extract<SoftphoneReport, { type: 'started' }> & { connectedAtStart?: boolean } {
    return this.reports.find((r) => r.type === 'started' && r.page === life) as never;
  }

  /** Sends a command to the frame without waiting for it; returns its id. */
  post(method: SoftphoneCommand['method'], ...args: unknown[]): number {
    const id = (this.#nextId += 1);
    this.frame.contentWindow?.postMessage(
      { fixture: 'remote-softphone', id, method, args } satisfies SoftphoneCommand,
      SOFTPHONE_ORIGIN,
    );
    return id;
  }

  /** Calls `method` in the frame and resolves with its outcome (never rejects). */
  async call(method: SoftphoneCommand['method'], ...args: unknown[]): Promise<Done> {
    const id = this.post(method, ...args);
    await until(
      () => this.reports.some((r) => r.type === 'done' && r.id === id),
      `${method} to settle in the frame`,
      15_000,
      () => this.summary(),
    );
    return this.reports.find((r) => r.type === 'done' && r.id === id) as Done;
  }

  /** The outcome of the `index`th early call of a life. */
  early(life: string, index: number): Done | undefined {
    return this.reports.find(
      (r): r is Done & { page: string } => r.type === 'done' && r.page === life && r.id === -1 - index,
    );
  }

  /** Callbacks the frame received, optionally of one life. */
  callbacks(life?: string): Callback[] {
    return this.reports.filter(
      (r): r is Callback & { page: string } => r.type === 'callback' && (life === undefined || r.page === life),
    );
  }

  /** What the frame reported so far, short, for a failure message. */
  summary(): string[] {
    return this.reports.map(
      (r) =>
        `${r.page.slice(0, 4)}:${r.type}${r.type === 'done' ? `#${r.id}:${r.ok ? 'ok' : r.error.code}` : r.type === 'callback' ? `:${r.eventType}` : ''}`,
    );
  }

  remove(): void {
    window.removeEventListener('message', this.#listener);
    this.frame.remove();
  }
}

/** An attacker frame; collects what it reports. */
export class HostileFrame {
  readonly frame = document.createElement('iframe');
  readonly reports: HostileReport['type'][] = [];
  #listener = (event: MessageEvent<unknown>): void => {
    if (event.source !== this.frame.contentWindow || !isReport<HostileReport>(event.data, 'remote-hostile')) return;
    this.reports.push(event.data.type);
  };

  /** `origin` null: a sandboxed `srcdoc` frame, whose origin is `'null'`. */
  constructor(readonly origin: string | null) {
    window.addEventListener('message', this.#listener);
    document.body.append(this.frame);
  }

  /** Loads the attacker (again) and resolves once it has attacked. */
  async attack(): Promise<void> {
    const count = this.reports.filter((r) => r === 'spoofed').length;
    if (this.origin === null) {
      this.frame.setAttribute('sandbox', 'allow-scripts');
      this.frame.srcdoc = nullOriginAttacker(location.origin);
    } else {
      this.frame.src = fixtureUrl(this.origin, 'remote-hostile.html', {
        host: location.origin,
        softphone: SOFTPHONE_ORIGIN,
      });
    }
    await until(
      () => this.reports.filter((r) => r === 'spoofed').length > count,
      `the attacker on ${this.origin ?? "'null'"} to attack`,
      10_000,
    );
  }

  remove(): void {
    window.removeEventListener('message', this.#listener);
    this.frame.remove();
  }
}

/** An inline attacker: a sandboxed frame has origin 'null' and no module loading from the server needed. */
function nullOriginAttacker(host: string): string {
  const target = JSON.stringify(host);
  return `<script>
    addEventListener('message', (e) => { if (e.source === parent && e.ports.length) parent.postMessage({ fixture: 'remote-hostile', type: 'got-port' }, ${target}); });
    for (const n of [0, 1, Math.random()]) parent.postMessage({ protocol: 'softphone-bridge.remote', version: 1, type: 'ready', n }, ${target});
    setTimeout(() => parent.postMessage({ fixture: 'remote-hostile', type: 'spoofed' }, ${target}), 200);
  </script>`;
}
