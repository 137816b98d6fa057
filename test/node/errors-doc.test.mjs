// docs/errors.md must list exactly the codes of src/errors/catalog.ts.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));

test('docs/errors.md is generated from the current catalog', () => {
  const run = spawnSync(process.execPath, ['scripts/errors-doc.mjs', '--check'], { cwd: root, encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
});

test('every catalog code is in docs/errors.md, and the catalog parses completely', () => {
  const catalog = readFileSync(`${root}src/errors/catalog.ts`, 'utf8');
  const codes = [...catalog.matchAll(/^\s{2}([A-Z][A-Z_]+):/gm)].map((m) => m[1]);
  const doc = readFileSync(`${root}docs/errors.md`, 'utf8');
  assert.ok(codes.length >= 10, 'the catalog has codes');
  for (const code of codes) assert.ok(doc.includes(`| \`${code}\` |`), `${code} is missing from docs/errors.md`);
});
