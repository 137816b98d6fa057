// The code lists, the catalog and docs/errors.md are generated from the factories of
// src/errors/factories.ts (the one place of each code); a stale one fails here.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { factoryEntries, renderCodes } from '../../scripts/errors-doc.mjs';

const root = fileURLToPath(new URL('../../', import.meta.url));
const factories = readFileSync(`${root}src/errors/factories.ts`, 'utf8');

test('codes.generated.ts, catalog.generated.ts and docs/errors.md are generated from the current factories', () => {
  const run = spawnSync(process.execPath, ['scripts/errors-doc.mjs', '--check'], { cwd: root, encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
});

test('every exported factory makes one code, and every code is in docs/errors.md', () => {
  const exported = [...factories.matchAll(/^export function (\w+)\(/gm)].map((m) => m[1]);
  const entries = factoryEntries(factories);
  assert.deepEqual(entries.map((e) => e.name).sort(), exported.sort(), 'the generator read every factory');
  assert.ok(entries.length >= 20, 'the factories have codes');
  const doc = readFileSync(`${root}docs/errors.md`, 'utf8');
  for (const { code } of entries) assert.ok(doc.includes(`| \`${code}\` |`), `${code} is missing from docs/errors.md`);
});

test('a factory tagged @retryable makes a retryable code; two factories of one code are refused', () => {
  const one = `/**\n * Summary one.\n * @retryable\n */\nexport function a(): BridgeError {\n  return new BridgeError('A_ONE', 'm');\n}\n`;
  const two = `/** Summary two. */\nexport function b(): BridgeError {\n  return new BridgeError('B_TWO', 'm');\n}\n`;
  const entries = factoryEntries(one + two);
  assert.deepEqual(entries, [
    { name: 'a', code: 'A_ONE', retryable: true, summary: 'Summary one.' },
    { name: 'b', code: 'B_TWO', retryable: false, summary: 'Summary two.' },
  ]);
  assert.match(renderCodes(entries), /RETRYABLE_CODES: readonly BridgeErrorCode\[\] = \[\n {2}'A_ONE',\n\];/);
  assert.throws(() => factoryEntries(one + one.replace('function a', 'function c')), /A_ONE has two factories/);
  assert.throws(() => factoryEntries(two + one), /keep the factories sorted by code/);
});
