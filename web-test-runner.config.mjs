// @web/test-runner 0.20.x (the Node 20 line) against a system Chromium through puppeteer-core.
// No browser is ever downloaded: the path comes from scripts/find-chromium.mjs (CHROME_PATH,
// then /usr/bin/chromium, ...), the same search scripts/ensure-chromium.mjs performs.
import { readFileSync } from 'node:fs';
import { defaultReporter } from '@web/test-runner';
import { chromeLauncher } from '@web/test-runner-chrome';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { findChromium } from './scripts/find-chromium.mjs';
import { summaryLineReporter } from './scripts/summary-reporter.mjs';
import { screenshotPlugin } from './test/ui/screenshot-plugin.mjs';

const found = findChromium();
if (!found) {
  // Fail early and clearly; otherwise puppeteer reports a misleading "version mismatch".
  throw new Error(
    'No Chromium/Chrome found. Run `node scripts/ensure-chromium.mjs` (installs one with apt-get as root) ' +
      'or set CHROME_PATH to a Chrome/Chromium binary.',
  );
}
const executablePath = found.path;

// eventemitter3's "import" entry (index.mjs) default-imports its CommonJS index.js, which a
// browser cannot load unbundled. Serve the package's own pure-ESM build instead.
const eventemitter3Esm = {
  name: 'eventemitter3-esm',
  resolveImport({ source }) {
    if (source === 'eventemitter3') return '/node_modules/eventemitter3/dist/eventemitter3.esm.js';
  },
};

// The examples import the package by name, as a third party would: resolve `softphone-bridge[/sub]`
// through package.json "exports" to the built files (so they need `npm run build` first).
const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));
const packageByName = {
  name: 'package-by-name',
  resolveImport({ source }) {
    if (source !== pkg.name && !source.startsWith(`${pkg.name}/`)) return undefined;
    const entry = pkg.exports[`.${source.slice(pkg.name.length)}`];
    if (entry === undefined) throw new Error(`${source} is not in package.json "exports"`);
    return entry.default.slice(1);
  },
};

export default {
  files: ['test/**/*.test.ts', 'examples/**/*.test.ts', '!test/node/**'],
  // 'production' silences "Lit is in dev mode" and matches what the bundles use.
  nodeResolve: { exportConditions: ['production'] },
  plugins: [
    packageByName,
    eventemitter3Esm,
    screenshotPlugin(),
    esbuildPlugin({ ts: true, target: 'es2022', tsconfig: 'tsconfig.json' }),
  ],
  // One page at a time: all test pages share one origin, so IndexedDB databases, Web Locks and
  // BroadcastChannels would be shared between concurrently running test files.
  concurrency: 1,
  browsers: [
    chromeLauncher({
      launchOptions: {
        executablePath,
        headless: true,
        args: [
          '--no-sandbox', // required as root; without it Chromium refuses to start
          '--headless=new',
          '--disable-gpu',
          '--disable-dev-shm-usage',
          '--disable-background-networking',
          '--disable-component-update',
          '--no-first-run',
          '--disable-sync',
        ],
      },
    }),
  ],
  reporters: [defaultReporter(), summaryLineReporter()],
  testFramework: { config: { timeout: 10000 } },
};
