// Loads a relay TypeScript module for the Node tests: bundled by esbuild (the same tool and
// settings the relay build uses for dist/relay/: Node ESM, dependencies external) into
// node_modules/.cache, so that its bare imports (@redis/client) resolve from the project.
// Not a test file; imported by test/node/relay-store-redis.test.mjs.
import { mkdirSync, rmSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('../../', import.meta.url));

/**
 * Bundles `entry` (path from the project root) and imports it.
 * @param {string} entry e.g. `relay/store/redis-store.ts`
 */
export async function loadRelayModule(entry) {
  const outdir = `${root}node_modules/.cache/softphone-bridge-relay-test`;
  mkdirSync(outdir, { recursive: true });
  const outfile = `${outdir}/${entry.replace(/[/.]/g, '_')}.${process.pid}.mjs`;
  await build({ entryPoints: [`${root}${entry}`], outfile, bundle: true, platform: 'node', format: 'esm', target: 'node20', packages: 'external', logLevel: 'error' });
  try {
    return await import(pathToFileURL(outfile).href);
  } finally {
    rmSync(outfile, { force: true }); // loaded: the file is no longer needed
  }
}
