// What keeps the script-tag bundles small (ADR 0007, 0008, 0009): src/contract/compiled-spec.ts
// must be what scripts/compile-schemas.mjs derives from the current spec; the budgeted bundles
// must validate with it rather than carry zod, and carry the lite emitter rather than eventemitter3;
// the https-only CRM bundles, whose entry files pass no `fallbackLock`, leave out the drain lock's
// localStorage lease, the others keep it.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { iifeEntries } from '../../scripts/build-entries.mjs';

const root = fileURLToPath(new URL('../../', import.meta.url));

test('src/contract/compiled-spec.ts is derived from the current spec', () => {
  const run = spawnSync(process.execPath, ['scripts/compile-schemas.mjs', '--check'], { cwd: root, encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
});

test('the compiler refuses a zod feature the interpreter does not implement', async () => {
  const { compile } = await import('../../scripts/compile-schemas.mjs');
  const z = await import('zod/mini');
  assert.throws(() => compile(z.union([z.string(), z.number()]), 'probe'), /probe: unsupported zod type "union"/);
  assert.throws(() => compile(z.record(z.string(), z.unknown()), 'probe'), /probe: unsupported zod type "record"/);
  assert.throws(() => compile(z.unknown(), 'probe'), /probe: unsupported zod type "unknown"/);
  assert.throws(() => compile(z.object({ a: z.string() }), 'probe'), /probe: only loose objects are supported/);
  assert.deepEqual(compile(z.looseObject({ a: z.string() })), { kind: 'object', shape: { a: { kind: 'string' } } });
  assert.throws(() => compile(z.string().check(z.regex(/x/)), 'probe'), /probe: unsupported check/);
  assert.deepEqual(compile(z.optional(z.string().check(z.trim(), z.maxLength(3)))), {
    kind: 'optional',
    of: { kind: 'string', max: 3, transforms: ['trim'] },
  });
});

// The budgeted bundles are the ones a softphone loads; dist/softphone-bridge.iife.js is the whole
// library (it exports the zod schemas themselves) and is not among them.
for (const entry of iifeEntries.filter((e) => e.budgetGzip !== undefined)) {
  test(`${entry.output} does not carry zod`, () => {
    const code = readFileSync(`${root}${entry.output}`, 'utf8');
    // zod's runtime names its classes "$ZodType", "$ZodObject"...; the compiled schemas never do.
    assert.ok(!code.includes('$ZodType'), `${entry.output} contains zod`);
  });

  test(`${entry.output} carries the lite emitter, not eventemitter3`, () => {
    const code = readFileSync(`${root}${entry.output}`, 'utf8');
    // eventemitter3 counts its events in `_eventsCount`, a property name terser keeps.
    assert.ok(!code.includes('_eventsCount'), `${entry.output} contains eventemitter3`);
  });

  test(`${entry.output} ${entry.httpsOnly ? 'leaves out' : 'keeps'} the localStorage lease of the drain lock`, () => {
    const code = readFileSync(`${root}${entry.output}`, 'utf8');
    // The lease is stored under "<name>:lease" and takes the kind "lease": strings terser keeps.
    const hasLease = code.includes(':lease`') && code.includes('"lease"');
    if (entry.output.endsWith('remote.iife.js')) return assert.ok(!hasLease, 'the remote client has no outbox');
    assert.equal(hasLease, !entry.httpsOnly, `${entry.output}: lease ${hasLease ? 'present' : 'absent'}`);
  });
}
