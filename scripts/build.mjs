// npm run build: rollup (ESM library, IIFE and demo bundles), then tsc for the .d.ts files,
// then a size table of every dist/*.iife.js. Exits non-zero if any step fails.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { build as esbuild } from 'esbuild';
import { iifeEntries } from './build-entries.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const bin = (rel) => fileURLToPath(new URL(`../node_modules/${rel}`, import.meta.url));

function run(label, args) {
  const r = spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) {
    console.error(`build: ${label} failed (${r.error?.message ?? `exit ${r.status ?? r.signal}`})`);
    process.exit(1);
  }
}

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
  if (existsSync(built)) copyFileSync(built, new URL(`../force-app/main/default/staticresources/SoftphoneBridge/${file}`, import.meta.url));
}

const dist = new URL('../dist/', import.meta.url);
const rows = readdirSync(dist)
  .filter((f) => f.endsWith('.iife.js'))
  .sort()
  .map((f) => {
    const buf = readFileSync(new URL(f, dist));
    const gzip = gzipSync(buf, { level: 9 }).length;
    const brotli = brotliCompressSync(buf, {
      params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: buf.length },
    }).length;
    const entry = iifeEntries.find((e) => e.output === `dist/${f}`);
    const budget = entry?.budgetGzip === undefined ? '' : `${gzip <= entry.budgetGzip ? 'within' : 'OVER'} ${entry.budgetGzip.toLocaleString('en-US')}`;
    return [`dist/${f}`, buf.length, buf.length, gzip, brotli, budget]; // raw = min: the file is already minified
  });
if (rows.length === 0) {
  console.error('build: no dist/*.iife.js was produced');
  process.exit(1);
}

const head = ['file', 'raw', 'min', 'gzip -9', 'brotli -q11', 'gzip budget'];
const cells = [head, ...rows.map((r) => [r[0], ...r.slice(1, 5).map((n) => n.toLocaleString('en-US')), r[5]])];
const widths = head.map((_, i) => Math.max(...cells.map((c) => String(c[i]).length)));
const line = (c) => c.map((v, i) => (i === 0 ? String(v).padEnd(widths[i]) : String(v).padStart(widths[i]))).join('  ');
console.log(`\nBundle sizes (bytes)\n${line(head)}\n${widths.map((w) => '-'.repeat(w)).join('  ')}`);
for (const c of cells.slice(1)) console.log(line(c));
