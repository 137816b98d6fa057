// Writes docs/errors.md from src/errors/catalog.ts, so the list of codes integrators read is the one
// the bridge throws. `node scripts/errors-doc.mjs` rewrites it; `--check` exits 1 when it is stale
// (run by test/node/errors-doc.test.mjs).
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const source = readFileSync(`${root}src/errors/catalog.ts`, 'utf8');

/** Each catalog line: `  CODE: { retryable: true|false, summary: '…' },` (the summary may use " or '). */
export function catalogEntries(text) {
  const entries = [];
  const line = /^\s{2}([A-Z][A-Z_]+): \{ retryable: (true|false), summary: (['"])(.*)\3 \},$/gm;
  for (const match of text.matchAll(line)) entries.push({ code: match[1], retryable: match[2] === 'true', summary: match[4].replace(/\\'/g, "'") });
  return entries;
}

export function render(entries) {
  const rows = entries.map((e) => `| \`${e.code}\` | ${e.retryable ? 'yes' : 'no'} | ${e.summary} |`);
  return [
    '# Error codes',
    '',
    'Every rejection and error event of the bridge is a `BridgeError` with one of these codes',
    '(`src/errors/catalog.ts`; this page is generated from it by `node scripts/errors-doc.mjs`).',
    '"Retryable" says whether the same operation may succeed later unchanged: the outbox retries',
    'retryable adapter errors and dead-letters the others at once. Messages name methods, fields and',
    'settings, never the values of a call (numbers, names, notes).',
    '',
    '| code | retryable | meaning |',
    '|---|---|---|',
    ...rows,
    '',
  ].join('\n');
}

const entries = catalogEntries(source);
const wanted = render(entries);
const path = `${root}docs/errors.md`;
if (process.argv.includes('--check')) {
  let current = '';
  try {
    current = readFileSync(path, 'utf8');
  } catch {
    // Missing counts as stale.
  }
  if (current !== wanted) {
    console.error('docs/errors.md is stale: run `node scripts/errors-doc.mjs`');
    process.exit(1);
  }
} else if (process.argv[1] === fileURLToPath(import.meta.url)) {
  writeFileSync(path, wanted);
  console.log(`docs/errors.md: ${entries.length} codes`);
}
