// Sizes of every dist/*.iife.js: min (the file is already minified), gzip -9, brotli -q 11,
// measured the way scripts/build.mjs and the research notes measure them.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

/** @returns {{ file: string, min: number, gz: number, br: number }[]} */
export function bundleSizes(distDir) {
  if (!existsSync(distDir)) return [];
  return readdirSync(distDir)
    .filter((f) => f.endsWith('.iife.js'))
    .sort()
    .map((f) => {
      const buf = readFileSync(join(distDir, f));
      const gz = gzipSync(buf, { level: 9 }).length;
      const br = brotliCompressSync(buf, {
        params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: buf.length },
      }).length;
      return { file: `dist/${f}`, min: buf.length, gz, br };
    });
}
