import { configInvalid, type BridgeErrorDetails } from '../errors/index.js';
import { isRecord } from '../shared/is-record.js';

/**
 * Reads a configuration key by key and collects every problem, so that an admin sees all of
 * them in one `CONFIG_INVALID` (`details.keys` names each key once) instead of one per reload.
 * A malformed optional value is reported, never replaced by its default. Messages name the key
 * and what it must be, never its value: configurations hold credentials and phone numbers.
 *
 * The one reader for adapters' settings and connectors' options (connectors/shared/options.ts
 * names keys `options.…` and the connector in `details`, and adds the checks options passed by
 * code need).
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
   * @param named prepended to a key where a message names it, when that differs from `prefix`
   *   (a connector's `options.`)
   */
  constructor(
    raw: unknown,
    private readonly prefix = '',
    private readonly named = prefix,
  ) {
    this.input = isRecord(raw) ? raw : {};
  }

  /** The raw value of `key`. */
  value = (key: string): unknown => this.input[`${this.prefix}${key}`];

  /** Records that `key` is at fault; `text` says how, in words an admin reads (never the value). */
  problem = (key: string, text: string): void => {
    if (!this.#keys.includes(key)) this.#keys.push(key);
    this.#problems.push(`${this.named}${key} ${text}`);
  };

  /** The trimmed text of `key`; `undefined` when absent or blank (an admin's empty field), reported when not text. */
  text = (key: string): string | undefined => {
    const value = this.value(key);
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'string') {
      this.problem(key, 'must be text');
      return undefined;
    }
    return value.trim() === '' ? undefined : value.trim();
  };

  /**
   * A list: an array of texts (a page's configuration), or comma-separated text (an admin's form,
   * which stores text only); items trimmed, blanks dropped. `undefined` when absent.
   */
  list = (key: string): string[] | undefined => {
    const value = this.value(key);
    if (Array.isArray(value) && value.every((v) => typeof v === 'string'))
      return value.map((v: string) => v.trim()).filter((v) => v !== '');
    return this.text(key)
      ?.split(',')
      .map((v) => v.trim())
      .filter((v) => v !== '');
  };

  /** One of `options` (compared in lower case), `fallback` when absent, reported when another word. */
  choice = <T extends string>(key: string, options: readonly T[], fallback: T): T => {
    const value = this.text(key);
    if (value === undefined) return fallback;
    const match = options.find((o) => o === value.toLowerCase());
    if (match === undefined) this.problem(key, `must be one of ${options.map((o) => `"${o}"`).join(', ')}`);
    return match ?? fallback;
  };

  /**
   * Throws the collected problems as one `CONFIG_INVALID`, introduced by `what`, with `details`
   * beside the keys; does nothing when there are none.
   */
  finish(what: string, details: BridgeErrorDetails = {}): void {
    if (this.#problems.length > 0) {
      throw configInvalid([...this.#keys], `${what}: ${this.#problems.join('; ')}.`, details);
    }
  }
}
