// npm run build: rollup (ESM library, IIFE and demo bundles), then tsc for the .d.ts files,
// then one short summary: the gzip size of every dist/*.iife.js, against its budget where `npm test`
// enforces one. Exits non-zero if any step fails, with that step's whole output.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build as esbuild } from 'esbuild';
import { iifeEntries, libraryEntries } from './build-entries.mjs';
import { buildSummary } from './lib/build-summary.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const bin = (rel) => fileURLToPath(new URL(`../node_modules/${rel}`, import.meta.url));

// Each step's own output is shown only when it has something to say: rollup's per-bundle progress
// lines are dropped, its warnings ("(!) …") and any failure are printed in full (UX review D18).
const progress = /^(\s*$|.* → .*\.\.\.$|created .* in [\d.]+m?s$)/;
function run(label, args) {
  const r = spawnSync(process.execPath, args, {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' },
  });
  const output = `${r.stdout ?? ''}${r.stderr ?? ''}`;
  if (r.status !== 0) {
    process.stderr.write(output);
    console.error(`build: ${label} failed (${r.error?.message ?? `exit ${r.status ?? r.signal}`})`);
    process.exit(1);
  }
  const said = output.split('\n').filter((line) => !progress.test(line));
  if (said.length > 0) console.warn(said.join('\n'));
}

const started = Date.now();

rmSync(new URL('../dist', import.meta.url), { recursive: true, force: true }); // no stale chunks
run('rollup', [bin('rollup/dist/bin/rollup'), '-c', 'rollup.config.mjs']);
run('tsc (declarations)', [bin('typescript/bin/tsc'), '-p', 'tsconfig.build.json']);

// The relay (issue 13, relay/): a Node program, bundled by esbuild into dist/relay/ (main.js is the
// `npm run relay` command, index.js the library tests and the demo embed). Its npm dependencies stay
// imports: they are installed beside it.
try {
  await esbuild({
    entryPoints: { main: 'relay/main.ts', index: 'relay/index.ts' },
    outdir: 'dist/relay',
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    sourcemap: true,
    logLevel: 'warning',
    absWorkingDir: root,
  });
} catch (error) {
  console.error(`build: esbuild (relay) failed (${error.message})`);
  process.exit(1);
}

// The Visualforce host page loads the Salesforce bundle and the remote host from the SoftphoneBridge
// static resource: fill it, so that `sf project deploy start` ships the bundles just built (the
// copies are gitignored).
for (const file of ['softphone-bridge.salesforce.iife.js', 'softphone-bridge.salesforce-host.iife.js']) {
  const built = new URL(`../dist/${file}`, import.meta.url);
  if (existsSync(built))
    copyFileSync(built, new URL(`../force-app/main/default/staticresources/SoftphoneBridge/${file}`, import.meta.url));
}

const dist = new URL('../dist/', import.meta.url);
const bundles = readdirSync(dist)
  .filter((f) => f.endsWith('.iife.js'))
  .map((f) => ({ output: `dist/${f}`, gzip: gzipSync(readFileSync(new URL(f, dist)), { level: 9 }).length }));
if (bundles.length === 0) {
  console.error('build: no dist/*.iife.js was produced');
  process.exit(1);
}
for (const line of buildSummary(bundles, iifeEntries, {
  seconds: (Date.now() - started) / 1000,
  library: libraryEntries.length,
}))
  console.log(line);
console.log("  (npm run size:why: where the Salesforce bundle's bytes go)");
