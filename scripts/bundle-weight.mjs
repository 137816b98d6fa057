// npm run size:why [-- <bundle>]: where the bytes of one script-tag bundle come from.
//
// Builds the bundle named by a fragment of its output path (default `salesforce`) with the very
// rollup config `npm run build` uses, into a temporary folder (dist/ is left alone, so several
// of these can run at once), and prints each source module's share: minified bytes (from the
// source map) and gzip -9 of that module's text alone. The gzip shares add up to more than the
// bundle's gzip (the bundle compresses across modules); they rank modules, they are not budgets.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { rollup } from 'rollup';
import { SourceMapConsumer } from 'source-map';

const root = fileURLToPath(new URL('..', import.meta.url));
process.chdir(root);
const which = process.argv[2] ?? 'salesforce';
const configs = (await import('../rollup.config.mjs')).default;
const config =
  configs.find((c) => c.output?.format === 'iife' && c.output.file.includes(`.${which}.iife.js`)) ??
  configs.find((c) => c.output?.format === 'iife' && c.output.file.includes(which));
if (config === undefined) {
  console.error(`size:why: no script-tag bundle matches "${which}"`);
  process.exit(1);
}

const out = mkdtempSync(join(tmpdir(), 'bundle-weight-'));
let report;
try {
  const file = join(out, 'bundle.js');
  const build = await rollup(config);
  await build.write({ ...config.output, file });
  await build.close();
  const code = readFileSync(file, 'utf8');
  const shares = await sharesBySource(code, JSON.parse(readFileSync(`${file}.map`, 'utf8')));
  const gz = (text) => gzipSync(text, { level: 9 }).length;
  const rows = [...shares].map(([source, text]) => [source, text.length, gz(text)]).sort((a, b) => b[1] - a[1]);
  report = [
    `${config.output.file}: ${code.length.toLocaleString('en-US')} B minified, ${gz(code).toLocaleString('en-US')} B gzip -9`,
    '',
    `${'min'.padStart(7)} ${'gzip'.padStart(6)}  module`,
    ...rows.map(([source, min, gzip]) => `${String(min).padStart(7)} ${String(gzip).padStart(6)}  ${source}`),
  ].join('\n');
} finally {
  rmSync(out, { recursive: true, force: true });
}
// Printed after the clean-up, in one write, so that `| head` cannot leave the temp folder behind.
process.stdout.on('error', () => undefined);
console.log(report);

/** The minified text each source produced, from the bundle's source map. */
async function sharesBySource(code, map) {
  const lines = code.split('\n');
  const mappings = [];
  const consumer = await new SourceMapConsumer(map);
  consumer.eachMapping((m) => mappings.push(m));
  consumer.destroy?.();
  mappings.sort((a, b) => a.generatedLine - b.generatedLine || a.generatedColumn - b.generatedColumn);
  const shares = new Map();
  mappings.forEach((m, i) => {
    const next = mappings[i + 1];
    const line = lines[m.generatedLine - 1] ?? '';
    const end = next !== undefined && next.generatedLine === m.generatedLine ? next.generatedColumn : line.length;
    const source =
      m.source === null ? '(bundle glue)' : relative(root, fileURLToPath(new URL(m.source, `file://${out}/`)));
    shares.set(source, (shares.get(source) ?? '') + line.slice(m.generatedColumn, end));
  });
  return shares;
}
