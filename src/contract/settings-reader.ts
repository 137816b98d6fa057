import { configInvalid } from '../errors/index.js';

/**
 * Reads an adapter's configuration key by key and collects every problem, so that an admin sees
 * all of them in one `CONFIG_INVALID` (`details.keys` names each key) instead of one per reload.
 * A malformed optional value is reported, never replaced by its default.
 *
 * @example
 * const reader = new SettingsReader(options);
 * const screenPopOn = reader.choice('screenPopOn', POLICY_CHOICES.screenPopOn, 'ring');
 * reader.finish('Acme adapter options'); // throws when anything was reported
 */
export class SettingsReader {
  /** The configuration as given (a non-object reads as empty). */
  readonly input: Readonly<Record<string, unknown>>;
  readonly #keys: string[] = [];
  readonly #problems: string[] = [];

  /**
   * @param raw the configuration object
   * @param prefix prepended to every key when it is looked up and named, e.g. `/SoftphoneBridge/`
   *   for a Salesforce call center section
   */
  constructor(
    raw: unknown,
    private readonly prefix = '',
  ) {
    this.input = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  }

  /** The raw value of `key`. */
  value = (key: string): unknown => this.input[`${this.prefix}${key}`];

  /** Records that `key` is at fault; `text` says how, in words an admin reads (never the value). */
  problem = (key: string, text: string): void => {
    this.#keys.push(key);
    this.#problems.push(`${this.prefix}${key} ${text}`);
  };

  /** The trimmed text of `key`; `undefined` when absent or blank, reported when not text. */
  text = (key: string): string | undefined => {
    const value = this.value(key);
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'string') {
      this.problem(key, 'must be text');
      return undefined;
    }
    return value.trim() === '' ? undefined : value.trim();
  };

  /** One of `options` (compared in lower case), `fallback` when absent, reported when another word. */
  choice = <T extends string>(key: string, options: readonly T[], fallback: T): T => {
    const value = this.text(key);
    if (value === undefined) return fallback;
    const match = options.find((o) => o === value.toLowerCase());
    if (match === undefined) this.problem(key, `must be one of ${options.map((o) => `"${o}"`).join(', ')}`);
    return match ?? fallback;
  };

  /** Throws the collected problems as one `CONFIG_INVALID`, introduced by `what`; does nothing when there are none. */
  finish(what: string): void {
    if (this.#problems.length > 0) {
      throw configInvalid([...this.#keys], `${what}: ${this.#problems.join('; ')}.`);
    }
  }
}
