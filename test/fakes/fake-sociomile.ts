import type { SocioVoice, SocioVoiceHost } from '../../connectors/sociomile/index.js';

/** One command the widget received, as `socioVoice(command, options)`. */
export interface WidgetCommand {
  readonly command: string;
  readonly options: Record<string, unknown>;
}

/**
 * A fake Sociomile Voice widget script, written from the widget's document: seed 000
 * (/work/shared/seeds/000_dd2173ba1c0f0c74.txt), which is github.com/kopigreenx/voice_widget_documentation
 * index.md at c7c01b9 (2023-03-10). No source of the widget itself is public. Rules and sources:
 *
 * - loading drains the embed snippet's queue (`socioVoice.q`, each entry the `arguments` object
 *   the snippet pushed: "1. Embed widget") and then answers `socioVoice` itself, as async embeds do;
 * - `init` needs `minimized` and `disableDarkMode` (booleans, both **Required**) and
 *   `userCredential` ("without credential widget not working"): "2. Init widget" table. `element`
 *   is optional. Every `event` before a good `init` is refused (the same sentence);
 * - `dial` needs `number` and `internal_id` (**Required**), `params` optional ("3. Make a call");
 *   the document named it `param` until 2022-11-29 (index.md before dadad84), so both are taken;
 * - `open` / `close` maximise and minimise ("4. Extend Feature").
 *
 * Not documented, and so assumptions: a second `init` and unknown commands or actions are refused.
 */
export class FakeSociomileWidget {
  /** Every command received, in order, with the credential masked. */
  readonly commands: WidgetCommand[] = [];
  /** Why commands were refused, in order. */
  readonly refused: string[] = [];
  /** The dials made, in order. */
  readonly dials: {
    readonly number: string;
    readonly internal_id: string;
    readonly params: Record<string, unknown>;
  }[] = [];
  initialised = false;
  expanded = false;

  /** Loads the widget into `host`: runs what the queue holds, then takes over `socioVoice`. */
  load(host: SocioVoiceHost): void {
    const queued = host.socioVoice?.q ?? [];
    const widget: SocioVoice = (command: string, options?: object) => this.#handle(command, options);
    host.socioVoice = widget;
    for (const args of queued)
      this.#handle(...(Array.from(args as ArrayLike<unknown>) as [string, object | undefined]));
  }

  #handle(command: string, options: object | undefined): void {
    const o = (options ?? {}) as Record<string, unknown>;
    this.commands.push({
      command,
      options: { ...o, ...('userCredential' in o ? { userCredential: '(present)' } : {}) },
    });
    if (command === 'init') return this.#init(o);
    if (command !== 'event') return void this.refused.push(`unknown command ${command}`);
    if (!this.initialised) return void this.refused.push('event before a successful init');
    switch (o['action']) {
      case 'dial':
        // The table types `number` as boolean, but its examples dial text ('08123123123'): text.
        if (typeof o['number'] !== 'string' || o['number'] === '') return void this.refused.push('dial without number');
        if (typeof o['internal_id'] !== 'string' || o['internal_id'] === '')
          return void this.refused.push('dial without internal_id');
        // `params` (current document) or `param` (before 2022-11-29): the widget's own reading is unknown.
        this.dials.push({
          number: o['number'],
          internal_id: o['internal_id'],
          params: (o['params'] ?? o['param'] ?? {}) as Record<string, unknown>,
        });
        return;
      case 'open':
      case 'close':
        this.expanded = o['action'] === 'open';
        return;
      default:
        this.refused.push('unknown action');
    }
  }

  #init(o: Record<string, unknown>): void {
    if (this.initialised) return void this.refused.push('init twice');
    if (typeof o['minimized'] !== 'boolean' || typeof o['disableDarkMode'] !== 'boolean')
      return void this.refused.push('init without minimized / disableDarkMode');
    if (typeof o['userCredential'] !== 'string' || o['userCredential'] === '')
      return void this.refused.push('init without userCredential');
    this.initialised = true;
    this.expanded = o['minimized'] === false;
  }
}

/**
 * A webhook Sociomile posts after a call, for tests that need variants; the published samples,
 * verbatim, are in test/fixtures/vendor/sociomile/ ({@link sociomileFixture}). Shape from seed 000
 * "Webhook Response": durations as text ("2") with `*_time` twins ("00:00:02"), `hold_sec` a
 * number, `calldate_join` null when nobody answered ("Datetime call answered by customer"),
 * `extra_params` the dial's `params` back.
 *
 * `disposition`: the seed shows only "NO ANSWER" and describes "Answered / Not Answered". For an
 * answered call this builder says "ANSWERED", the Asterisk CDR value beside "NO ANSWER" (Asterisk
 * CDR() function, disposition: NO ANSWER, BUSY, FAILED, ANSWERED;
 * http://asteriskdocs.org/en/2nd_Edition/asterisk-book-html-chunk/asterisk-APP-E-7.html), which
 * the webhook's vocabulary and its Asterisk-style `uniqueid` ("1667543751.398") suggest: an
 * inference. Pass `disposition` to model the vendor's own resend sample, "NO ANSWER" with talk time.
 */
export function sociomileWebhook(
  internalId: string,
  call: {
    phone?: string;
    talk?: number;
    wait?: number;
    answered?: boolean;
    disposition?: string;
    recordingurl?: string;
    extra?: Record<string, unknown>;
  } = {},
): { data: Record<string, unknown> } {
  const talk = call.talk ?? 0;
  const wait = call.wait ?? 2;
  const answered = call.answered ?? talk > 0;
  const clock = (s: number) => `00:${String(Math.floor(s / 60)).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;
  return {
    data: {
      phone: call.phone ?? '08123123123',
      calldate_init: '2022-11-04 13:35:51',
      calldate_join: answered ? '2022-11-04 13:35:53' : null,
      calldate_end: '2022-11-04 13:36:40',
      duration: String(talk + wait),
      duration_time: clock(talk + wait),
      duration_wait: String(wait),
      duration_wait_time: clock(wait),
      talktime: String(talk),
      talktime_time: clock(talk),
      recordingurl: call.recordingurl ?? 'https://link.recording/1667543751.398.mp3',
      disposition: call.disposition ?? (answered ? 'ANSWERED' : 'NO ANSWER'),
      uniqueid: '1667543751.398',
      hold_sec: 0,
      internal_id: internalId,
      extra_params: call.extra ?? { id: 'asdasd', req: 'ttytty' },
    },
  };
}

/** A stand-in for `window` with a document that records the script the snippet adds. */
export function fakeHost(): SocioVoiceHost & { readonly scripts: { id: string; src: string; async: boolean }[] } {
  const scripts: { id: string; src: string; async: boolean }[] = [];
  const document = {
    createElement: () => ({ id: '', src: '', async: false }),
    getElementsByTagName: () => [],
    head: { appendChild: (script: { id: string; src: string; async: boolean }) => scripts.push(script) },
  };
  return { scripts, document: document as unknown as NonNullable<SocioVoiceHost['document']> };
}

/** The CRM server's relay of webhook bodies to the page. */
export class FakeWebhookRelay {
  readonly #listeners = new Set<(body: unknown) => void>();

  /** The `webhooks` option. */
  readonly subscribe = (listener: (body: unknown) => void): (() => void) => {
    this.#listeners.add(listener);
    return () => void this.#listeners.delete(listener);
  };

  /** Relays one webhook body. */
  send(body: unknown): void {
    for (const listener of [...this.#listeners]) listener(body);
  }

  /** How many subscribers there are. */
  get size(): number {
    return this.#listeners.size;
  }
}

/** test/fixtures/vendor/sociomile/webhook-seed.json: seed 000's webhook and resend-API answer, verbatim. */
export interface SociomileWebhookFixture {
  readonly source: string;
  readonly webhook: { readonly data: Record<string, unknown> };
  readonly resend: readonly { readonly data: Record<string, unknown> }[];
}

/**
 * The vendor's published webhook payloads as stored under test/fixtures/vendor/sociomile/ (the
 * file names its source), read verbatim from the test server; the Node tests read the same file.
 */
export async function sociomileFixture(): Promise<SociomileWebhookFixture> {
  const response = await fetch(new URL('../fixtures/vendor/sociomile/webhook-seed.json', import.meta.url));
  if (!response.ok) throw new Error(`test fixture webhook-seed.json: HTTP ${response.status}`);
  return (await response.json()) as SociomileWebhookFixture;
}
