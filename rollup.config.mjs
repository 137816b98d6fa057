// Builds (see scripts/build-entries.mjs for the source → dist mapping):
//   1. ESM library: dist/index.js, dist/contract.js, dist/adapters/fake.js (+ dist/chunks/*),
//      dependencies external, for npm consumers and their bundlers.
//   2. dist/softphone-bridge.iife.js: self-contained, minified, global `SoftphoneBridge`.
//   3. dist/demo/console.js and dist/demo/softphone.js: self-contained, minified ESM for the demo's pages.
// Declarations come from `tsc -p tsconfig.build.json` (scripts/build.mjs), not from rollup.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import esbuild from 'rollup-plugin-esbuild';
import { transform } from 'esbuild';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import commonjs from '@rollup/plugin-commonjs';
import terser from '@rollup/plugin-terser';
import { demoEntries, iifeEntries, libraryEntries } from './scripts/build-entries.mjs';

const ts = () => esbuild({ target: 'es2022', tsconfig: 'tsconfig.json' });

// Runtime dependencies stay imports in the library build; bundles include them.
const deps = ['eventemitter3', 'zod', 'lit'];
const isExternal = (id) => deps.some((d) => id === d || id.startsWith(`${d}/`));

// zod 4.6 triggers harmless INVALID_ANNOTATION / CIRCULAR_DEPENDENCY warnings from node_modules.
const onwarn = (warning, warn) => {
  const where = warning.id ?? warning.ids?.join() ?? '';
  if ((warning.code === 'INVALID_ANNOTATION' || warning.code === 'CIRCULAR_DEPENDENCY') && /node_modules/.test(where)) return;
  // IIFE bundles without `globalName` set window.softphoneBridge themselves; their entry's exports
  // (kept for the ESM build of the same file) are not meant to be reachable as a global.
  if (warning.code === 'MISSING_NAME_OPTION_FOR_IIFE_EXPORT') return;
  warn(warning);
};

// Bundles: resolve deps for the browser with the 'production' condition (no Lit dev mode);
// commonjs is needed because eventemitter3's ESM entry default-imports its CommonJS index.js.
const bundlePlugins = () => [nodeResolve({ browser: true, exportConditions: ['production'] }), commonjs(), ts()];
const minify = () => terser({ format: { comments: false }, compress: { passes: 3 } });
// esbuild's minifier first, then terser's: each finds rewrites the other misses (−60 B gzip on the
// Salesforce bundle compared with terser alone; esbuild alone is 600 B larger).
const preMinify = () => ({
  name: 'esbuild-pre-minify',
  async renderChunk(code) {
    const result = await transform(code, { minify: true, target: 'es2022', sourcemap: true });
    return { code: result.code, map: result.map };
  },
});

// Entry files are being written in parallel with this config. An input whose file does not exist
// yet is skipped (with a note) so the build keeps working; once the file exists it is built.
const present = (file) => {
  if (existsSync(file)) return true;
  console.warn(`rollup.config: skipping ${file} (file does not exist yet)`);
  return false;
};

// softphone-bridge/testing asserts with chai: its ESM build is inlined (into a chunk only that entry
// loads), so that a third party runs the conformance suites without installing chai.
const inlineChai = () => ({
  name: 'inline-chai',
  resolveId: (source) => (source === '@esm-bundle/chai' ? fileURLToPath(new URL('./node_modules/@esm-bundle/chai/esm/chai.js', import.meta.url)) : null),
});

const configs = [];

const libInputs = Object.fromEntries(libraryEntries.filter((e) => present(e.input)).map((e) => [e.name, e.input]));
if (Object.keys(libInputs).length > 0) {
  configs.push({
    input: libInputs,
    external: isExternal,
    onwarn,
    plugins: [inlineChai(), ts()],
    output: {
      dir: 'dist',
      format: 'es',
      sourcemap: true,
      entryFileNames: '[name].js', // names above: index, contract, adapters/fake
      chunkFileNames: 'chunks/[name]-[hash].js',
    },
  });
}

// The contract's zod schema modules only define schemas: a bundle that validates with their
// compiled form (src/contract/validate.ts) must not keep them alive through the contract barrel.
const schemaModule = /[\\/]src[\\/]contract[\\/](softphone-payloads|callback-events|call-record|fields)\.ts$/;
const treeshake = { moduleSideEffects: (id) => !schemaModule.test(id) };

// The budgeted bundles (the ones a softphone page loads) take the small drop-in for eventemitter3
// (src/shared/lite-emitter.ts, ADR 0008); the library keeps eventemitter3 itself. Bundles marked
// `httpsOnly` run only in CRM pages that are https in current browsers, where Web Locks always
// exist: they leave out the localStorage lease fallback of the drain lock (ADR 0009).
const here = (path) => fileURLToPath(new URL(path, import.meta.url));
const substitutes = ({ httpsOnly }) => ({
  name: 'bundle-substitutes',
  resolveId(source, importer) {
    if (source === 'eventemitter3') return here('./src/shared/lite-emitter.ts');
    if (httpsOnly && source === './lease-lock.js' && /[\\/]src[\\/]outbox[\\/]/.test(importer ?? '')) return here('./src/outbox/no-lease-lock.ts');
    return null;
  },
});

for (const entry of iifeEntries.filter((e) => present(e.input))) {
  configs.push({
    input: entry.input,
    onwarn,
    treeshake,
    plugins: entry.budgetGzip === undefined ? bundlePlugins() : [substitutes(entry), ...bundlePlugins()],
    output: {
      file: entry.output,
      format: 'iife',
      ...(entry.globalName ? { name: entry.globalName } : {}),
      // The budgeted bundles ship their source maps beside them without naming them in a
      // sourceMappingURL comment ("hidden", as webpack calls it): the comment alone is 30 bytes
      // gzip, and where the bundle is copied without its map (a Salesforce static resource) it
      // would point nowhere. Load the map in the browser's devtools when debugging.
      sourcemap: entry.budgetGzip === undefined ? true : 'hidden',
      plugins: entry.budgetGzip === undefined ? [minify()] : [preMinify(), minify()],
    },
  });
}

for (const entry of demoEntries.filter((e) => present(e.input))) {
  configs.push({
    input: entry.input,
    onwarn,
    plugins: bundlePlugins(),
    output: { file: entry.output, format: 'es', sourcemap: true, plugins: [minify()] },
  });
}

if (configs.length === 0) throw new Error('rollup.config: none of the entry files exist, nothing to build');

export default configs;
