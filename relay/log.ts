/** One log record's fields: ids, counts, statuses. Never phone numbers, notes, bodies or secrets. */
export type LogFields = Readonly<Record<string, string | number | boolean | null | undefined>>;

/** Where the relay writes what it does. */
export interface RelayLog {
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
}

/** A log of JSON lines on stdout (info) and stderr (warn, error), one record per line. */
export function jsonLog(): RelayLog {
  const write = (level: string, message: string, fields: LogFields | undefined, stream: NodeJS.WriteStream): void => {
    stream.write(`${JSON.stringify({ time: new Date().toISOString(), level, message, ...fields })}\n`);
  };
  return {
    info: (m, f) => write('info', m, f, process.stdout),
    warn: (m, f) => write('warn', m, f, process.stderr),
    error: (m, f) => write('error', m, f, process.stderr),
  };
}

/** A log that keeps nothing (tests, embedding). */
export const silentLog: RelayLog = { info: () => undefined, warn: () => undefined, error: () => undefined };
