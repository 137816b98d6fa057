// The system Chromium through playwright-core; never a downloaded browser (scripts/find-chromium.mjs).
import { chromium } from 'playwright-core';
import { findChromium } from '../../../scripts/find-chromium.mjs';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-dev-shm-usage',
  '--disable-gpu',
  '--disable-background-networking',
  '--no-first-run',
];

export async function launchChromium() {
  const found = findChromium();
  if (found === null) throw new Error('No Chromium found: run `node scripts/ensure-chromium.mjs` or set CHROME_PATH.');
  return chromium.launch({ executablePath: found.path, headless: true, args: CHROMIUM_ARGS });
}
