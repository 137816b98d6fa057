// Bundles the benchmark pages (bench/pages/*) with esbuild into `outDir`: main.js (an ES module
// over the built dist/ library) and the cold-start classic scripts, plus the HTML pages.
import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const pages = fileURLToPath(new URL('../pages/', import.meta.url));

export async function buildPages(outDir) {
  const common = {
    bundle: true,
    minify: true,
    target: 'es2022',
    platform: 'browser',
    conditions: ['production'],
    legalComments: 'none',
    logLevel: 'error',
    outdir: outDir,
  };
  await build({ ...common, format: 'esm', entryPoints: { main: join(pages, 'main.ts') } });
  await build({
    ...common,
    format: 'iife',
    entryPoints: {
      'cold-start/fake-cti': join(pages, 'cold-start/fake-cti.ts'),
      'cold-start/mark': join(pages, 'cold-start/mark.ts'),
      'cold-start/softphone': join(pages, 'cold-start/softphone.ts'),
    },
  });
  for (const html of ['main.html', 'cold-start.html']) {
    if (!existsSync(outDir)) mkdirSync(outDir, { recursive: true });
    copyFileSync(join(pages, html), join(outDir, html));
  }
}
