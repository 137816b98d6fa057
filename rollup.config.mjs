// Builds every entry of scripts/build-entries.mjs (the source → dist mapping, also read by
// test/node/build-output.test.mjs):
//   1. the ESM library (libraryEntries): dist/index.js, dist/contract.js, dist/ui.js, the adapters,
//      connectors and testing entries, shared code in dist/chunks/, dependencies external;
//   2. the self-contained minified IIFEs for a <script> tag (iifeEntries): the whole library as global
//      `SoftphoneBridge`, each CRM's bundle, the remote client and the Salesforce host. What a bundle
//      carries is what its entry file imports: the budgeted bundles' entries choose the lighter parts
//      themselves (ADR 0008, 0009); this config swaps no module;
//   3. the demo's two pages (demoEntries), self-contained minified ESM.
// Declarations come from `tsc -p tsconfig.build.json` (scripts/build.mjs), not from rollup.
import { fileURLToPath } from 'node:url';
import esbuild from 'rollup-plugin-esbuild';
import { transform } from 'esbuild';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import commonjs from '@rollup/plugin-commonjs';
import terser from '@rollup/plugin-terser';
import { demoEntries, iifeEntries, libraryEntries } from './scripts/build-entries.mjs';

const ts = () => esbuild({ target: 'es2022', tsconfig: 'tsconfig.json' });

// Runtime dependencies stay imports in the library build; bundles include them.
const deps = ['zod', 'lit'];
const isExternal = (id) => deps.some((d) => id === d || id.startsWith(`${d}/`));

// zod 4.6 triggers harmless INVALID_ANNOTATION / CIRCULAR_DEPENDENCY warnings from node_modules.
const onwarn = (warning, warn) => {
  const where = warning.id ?? warning.ids?.join() ?? '';
  if ((warning.code === 'INVALID_ANNOTATION' || warning.code === 'CIRCULAR_DEPENDENCY') && /node_modules/.test(where))
    return;
  // IIFE bundles without `globalName` set window.softphoneBridge themselves; their entry's exports
  // (kept for the ESM build of the same file) are not meant to be reachable as a global.
  if (warning.code === 'MISSING_NAME_OPTION_FOR_IIFE_EXPORT') return;
  warn(warning);
};

// Bundles: resolve deps for the browser with the 'production' condition (no Lit dev mode);
// commonjs is for dependencies published as CommonJS (vendor SDKs bundled into the CRM bundles).
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

// softphone-bridge/testing asserts with chai: its ESM build is inlined (into a chunk only that entry
// loads), so that a third party runs the conformance suites without installing chai.
const inlineChai = () => ({
  name: 'inline-chai',
  resolveId: (source) =>
    source === '@esm-bundle/chai'
      ? fileURLToPath(new URL('./node_modules/@esm-bundle/chai/esm/chai.js', import.meta.url))
      : null,
});

const configs = [];

configs.push({
  input: Object.fromEntries(libraryEntries.map((e) => [e.name, e.input])),
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

// The contract's zod schema modules only define schemas: a bundle that validates with their
// compiled form (src/contract/validate.ts) must not keep them alive through the contract barrel.
const schemaModule = /[\\/]src[\\/]contract[\\/](softphone-payloads|callback-events|call-record|fields)\.ts$/;
const treeshake = { moduleSideEffects: (id) => !schemaModule.test(id) };

for (const entry of iifeEntries) {
  configs.push({
    input: entry.input,
    onwarn,
    treeshake,
    plugins: bundlePlugins(),
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

for (const entry of demoEntries) {
  configs.push({
    input: entry.input,
    onwarn,
    plugins: bundlePlugins(),
    output: { file: entry.output, format: 'es', sourcemap: true, plugins: [minify()] },
  });
}

export default configs;
