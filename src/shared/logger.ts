/**
 * Structured fields a log line may carry: ids, method names, codes, counts. Never phone numbers,
 * names, notes or credentials; the bridge only ever passes these kinds of value.
 */
export type LogFields = Readonly<Record<string, string | number | boolean | undefined>>;

/** Where the bridge reports what it does. Inject your own to ship logs elsewhere. */
export interface Logger {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
}

const LEVELS = ['debug', 'info', 'warn', 'error'] as const;

/** A log level; a logger prints its level and the ones after it. */
export type LogLevel = (typeof LEVELS)[number];

/**
 * A logger that writes to the console from `level` up, prefixed `[softphone-bridge]`. The
 * default is `warn`: a softphone's console stays quiet unless something needs attention.
 */
export function consoleLogger(level: LogLevel = 'warn', sink: Pick<Console, LogLevel> = console): Logger {
  const from = LEVELS.indexOf(level);
  const write =
    (at: LogLevel) =>
    (message: string, fields?: LogFields): void => {
      if (LEVELS.indexOf(at) < from) return;
      if (fields === undefined) sink[at](`[softphone-bridge] ${message}`);
      else sink[at](`[softphone-bridge] ${message}`, fields);
    };
  return { debug: write('debug'), info: write('info'), warn: write('warn'), error: write('error') };
}

/** A logger that drops everything. */
export const silentLogger: Logger = { debug() {}, info() {}, warn() {}, error() {} };
