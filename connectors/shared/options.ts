import { configInvalid, isRecord, SettingsReader } from '../../src/contract/index.js';

/**
 * Reads a connector's options with the one {@link SettingsReader}: messages name each option
 * `options.<key>` (what the page's code wrote), and the `CONFIG_INVALID` names the connector in
 * `details.connector` beside the keys. It adds the checks that options passed by code need (a
 * blank text is a mistake there, flags are booleans, loaders are functions); they live here, not
 * in the reader, because a class's fields are never tree-shaken and the adapters' bundles have
 * byte budgets.
 */
export class OptionChecker extends SettingsReader {
  constructor(
    private readonly connector: string,
    options: object,
  ) {
    super(options, '', 'options.');
  }

  /**
   * Non-empty text, trimmed, at most `max` characters; `undefined` when absent and optional.
   * Unlike {@link SettingsReader.text}, a blank value is reported: a page's code that passes `''` made a mistake.
   */
  filledText = (
    key: string,
    { required = false, max = 256 }: { required?: boolean; max?: number } = {},
  ): string | undefined => {
    const value = this.value(key);
    if (value === undefined && !required) return undefined;
    if (typeof value !== 'string' || value.trim() === '') {
      this.problem(key, required && value === undefined ? 'is required (non-empty text)' : 'must be non-empty text');
      return undefined;
    }
    if (value.trim().length > max) this.problem(key, `must be at most ${max} characters`);
    return value.trim();
  };

  /** A boolean, or `fallback` when absent; reported when anything else. */
  flag = (key: string, fallback: boolean): boolean => {
    const value = this.value(key);
    if (value === undefined) return fallback;
    if (typeof value !== 'boolean') this.problem(key, 'must be true or false');
    return value === true;
  };

  /** A function (a listener subscription, a loader); `undefined` when absent and optional. */
  fn = <T extends (...args: never[]) => unknown>(key: string, required = false): T | undefined => {
    const value = this.value(key);
    if (value === undefined && !required) return undefined;
    if (typeof value !== 'function')
      this.problem(key, required && value === undefined ? 'is required (a function)' : 'must be a function');
    return typeof value === 'function' ? (value as T) : undefined;
  };

  /** Throws one `CONFIG_INVALID` for everything found, if anything was. */
  override finish(): void {
    super.finish(`${this.connector} connector`, { connector: this.connector });
  }
}

/** The options object itself, or a `CONFIG_INVALID` when there is none. */
export function optionsObject(connector: string, options: unknown): object {
  if (isRecord(options)) return options;
  throw configInvalid([], `${connector} connector: options must be an object.`, { connector });
}
