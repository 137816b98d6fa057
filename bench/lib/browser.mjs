// Launches the system Chromium through playwright-core. Never downloads a browser: the binary
// comes from scripts/find-chromium.mjs (CHROME_PATH, /usr/bin/chromium, ...).
import { chromium } from 'playwright-core';
import { findChromium } from '../../scripts/find-chromium.mjs';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-dev-shm-usage',
  '--disable-gpu',
  '--disable-background-networking',
  '--no-first-run',
];

/** @param {{ exposeGc?: boolean }} [options] */
export async function launchChromium({ exposeGc = false } = {}) {
  const found = findChromium();
  if (found === null)
    throw new Error(
      'No Chromium found: install the `chromium` package (node scripts/ensure-chromium.mjs) or set CHROME_PATH.',
    );
  return chromium.launch({
    executablePath: found.path,
    headless: true,
    args: [...CHROMIUM_ARGS, ...(exposeGc ? ['--js-flags=--expose-gc'] : [])],
  });
}
