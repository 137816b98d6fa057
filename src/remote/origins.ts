import { BridgeError } from '../errors/bridge-error.js';
import { remoteOriginRefused } from '../errors/factories.js';

/**
 * Checks an allow-list of origins: each must be one exact `http:` or `https:` origin, written as
 * the browser reports `event.origin` (lower-case host, no path, no trailing slash, default port
 * left out), so that plain string equality is the whole check at run time. Wildcards and `'null'`
 * (sandboxed frames, `file:` and `data:` pages share it) are refused: they would let any page in.
 *
 * @param option the option's name, for the error message
 * @returns the list, or a `REMOTE_ORIGIN_REFUSED` error naming the option and the bad entries' positions
 */
export function checkOrigins(origins: unknown, option: string): readonly string[] | BridgeError {
  const list = Array.isArray(origins) ? (origins as unknown[]) : [];
  const bad = list.flatMap((origin, index) => (isExactOrigin(origin) ? [] : [String(index)]));
  if (list.length > 0 && bad.length === 0) return list as string[];
  return remoteOriginRefused(option, bad);
}

function isExactOrigin(origin: unknown): boolean {
  if (typeof origin !== 'string' || origin.includes('*')) return false;
  try {
    const url = new URL(origin);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.origin === origin;
  } catch {
    return false;
  }
}
