/**
 * `socioVoice(command, options)`: the Sociomile Voice widget's one entry point. Until the widget's
 * script has loaded it is the embed snippet's stub, which queues each call's `arguments` in `q`.
 *
 * @see ../../../shared/seeds/000_dd2173ba1c0f0c74.txt ("Embed widget to your application")
 */
export type SocioVoice = ((command: string, options?: object) => void) & { q?: unknown[] };

/** Where the widget lives: the page's `window`, or a test's stand-in. */
export interface SocioVoiceHost {
  socioVoice?: SocioVoice;
  readonly document?: Pick<Document, 'createElement' | 'getElementsByTagName' | 'head'>;
}

/** `socioVoice('init', …)`'s options (seed: "Init widget"). */
export interface SocioVoiceInit {
  readonly minimized: boolean;
  readonly disableDarkMode: boolean;
  readonly userCredential: string;
  readonly element?: Element;
}

/**
 * A facade over the widget: the only code that touches `socioVoice`. It installs the embed
 * snippet's command queue when the page has none (and adds the widget's script), or reuses the
 * page's; every command looks `host.socioVoice` up again, because the loaded widget replaces the
 * stub with its own function.
 */
export class SocioVoiceSdk {
  private constructor(private readonly host: SocioVoiceHost) {}

  /**
   * Reuses `host.socioVoice`, or installs the snippet's queue and loads `widgetUrl` (async, before
   * the first script, as the snippet does). Returns whether it installed one.
   */
  static install(
    host: SocioVoiceHost,
    widgetUrl: string | undefined,
  ): { readonly sdk: SocioVoiceSdk; readonly installed: boolean } {
    const sdk = new SocioVoiceSdk(host);
    if (typeof host.socioVoice === 'function') return { sdk, installed: false };
    const stub: SocioVoice = function (): void {
      // The snippet queues the `arguments` object itself; the widget reads `q` that way.
      // eslint-disable-next-line prefer-rest-params -- the widget expects the arguments object, not an array
      (stub.q = stub.q ?? []).push(arguments);
    };
    host.socioVoice = stub;
    const doc = host.document;
    if (widgetUrl !== undefined && doc !== undefined) {
      const script = doc.createElement('script');
      script.id = 'socioVoice';
      script.src = widgetUrl;
      script.async = true;
      const first = doc.getElementsByTagName('script')[0];
      if (first?.parentNode) first.parentNode.insertBefore(script, first);
      else doc.head.appendChild(script);
    }
    return { sdk, installed: true };
  }

  /** `socioVoice('init', {minimized, disableDarkMode, userCredential, element?})`. */
  init(options: SocioVoiceInit): void {
    this.#send('init', { ...options });
  }

  /** `socioVoice('event', {action:'dial', number, internal_id, params})`. */
  dial(number: string, internalId: string, params: Readonly<Record<string, unknown>>): void {
    this.#send('event', { action: 'dial', number, internal_id: internalId, params: { ...params } });
  }

  /** `socioVoice('event', {action:'open'})`: maximises the widget. */
  open(): void {
    this.#send('event', { action: 'open' });
  }

  /** `socioVoice('event', {action:'close'})`: minimises the widget. */
  close(): void {
    this.#send('event', { action: 'close' });
  }

  #send(command: 'init' | 'event', options: object): void {
    const socioVoice = this.host.socioVoice;
    if (typeof socioVoice !== 'function') throw new Error('socioVoice is not installed');
    socioVoice(command, options);
  }
}
