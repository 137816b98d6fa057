import { configInvalid } from '../../src/contract/index.js';

/**
 * Checks a connector's options and collects every problem, so that one `CONFIG_INVALID` names
 * all the options at fault. Messages name the option and what it must be, never its value:
 * options hold credentials.
 */
export class OptionChecker {
  readonly #problems: string[] = [];
  readonly #keys: string[] = [];

  constructor(
    private readonly connector: string,
    private readonly options: object,
  ) {}

  /** The raw value of an option. */
  raw(key: string): unknown {
    return (this.options as Record<string, unknown>)[key];
  }

  /** Records a problem with `key`. */
  problem(key: string, text: string): void {
    if (!this.#keys.includes(key)) this.#keys.push(key);
    this.#problems.push(`options.${key} ${text}`);
  }

  /** A non-empty text option, trimmed, at most `max` characters; `undefined` when absent and optional. */
  text(key: string, { required = false, max = 256 }: { required?: boolean; max?: number } = {}): string | undefined {
    const value = this.raw(key);
    if (value === undefined && !required) return undefined;
    if (typeof value !== 'string' || value.trim() === '') {
      this.problem(key, required && value === undefined ? 'is required (non-empty text)' : 'must be non-empty text');
      return undefined;
    }
    if (value.trim().length > max) this.problem(key, `must be at most ${max} characters`);
    return value.trim();
  }

  /** A boolean option, or `fallback` when absent. */
  flag(key: string, fallback: boolean): boolean {
    const value = this.raw(key);
    if (value === undefined) return fallback;
    if (typeof value !== 'boolean') this.problem(key, 'must be true or false');
    return value === true;
  }

  /** A function option (a listener subscription, a loader); `undefined` when absent and optional. */
  fn<T extends (...args: never[]) => unknown>(key: string, required = false): T | undefined {
    const value = this.raw(key);
    if (value === undefined && !required) return undefined;
    if (typeof value !== 'function') this.problem(key, required && value === undefined ? 'is required (a function)' : 'must be a function');
    return typeof value === 'function' ? (value as T) : undefined;
  }

  /** Throws one `CONFIG_INVALID` for everything found, if anything was. */
  finish(): void {
    if (this.#problems.length === 0) return;
    throw configInvalid([...this.#keys], `${this.connector} connector: ${this.#problems.join('; ')}.`, { connector: this.connector });
  }
}

/** The options object itself, or a `CONFIG_INVALID` when there is none. */
export function optionsObject(connector: string, options: unknown): object {
  if (typeof options === 'object' && options !== null) return options;
  throw configInvalid([], `${connector} connector: options must be an object.`, { connector });
}
