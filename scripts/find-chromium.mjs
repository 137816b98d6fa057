// Locates a Chromium/Chrome binary for the browser tests. Shared by scripts/ensure-chromium.mjs
// and web-test-runner.config.mjs so both use the same search order. Never downloads anything.
import { accessSync, constants, statSync } from 'node:fs';

/** Common system locations, tried in this order after CHROME_PATH. */
export const CANDIDATE_PATHS = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
];

/** True if `path` is an existing regular file (symlinks followed) that we may execute. */
export function isExecutable(path) {
  try {
    if (!statSync(path).isFile()) return false;
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * Returns `{ path, source }` for the first usable browser, or `null` if there is none.
 * Order: `$CHROME_PATH` (if set and executable), then CANDIDATE_PATHS.
 * `source` is `'CHROME_PATH'` or `'system'`.
 */
export function findChromium(env = process.env) {
  const fromEnv = env.CHROME_PATH;
  if (fromEnv && isExecutable(fromEnv)) return { path: fromEnv, source: 'CHROME_PATH' };
  for (const path of CANDIDATE_PATHS) {
    if (isExecutable(path)) return { path, source: 'system' };
  }
  return null;
}
