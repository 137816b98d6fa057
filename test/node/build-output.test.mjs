// Checks what `npm run build` produced (run by `node --test test/node/` after the build).
// The source → output mapping is shared with rollup.config.mjs (scripts/build-entries.mjs); an
// output is required whenever its source file exists, which is exactly when the build makes it.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { demoEntries, iifeEntries, libraryEntries } from '../../scripts/build-entries.mjs';

const root = fileURLToPath(new URL('../../', import.meta.url));
const abs = (rel) => `${root}${rel}`;
const HINT = 'run `npm run build` first';

const expected = [];
for (const e of libraryEntries) {
  if (!existsSync(abs(e.input))) continue;
  expected.push([e.output, e.input], [`${e.output}.map`, e.input], [e.types, e.input]);
}
for (const e of demoEntries) if (existsSync(abs(e.input))) expected.push([e.output, e.input]);

test('dist/ exists', () => {
  assert.ok(existsSync(abs('dist')), `dist/ is missing: ${HINT}`);
});

for (const entry of iifeEntries) {
  test(`${entry.output} exists (built from ${entry.input})`, () => {
    assert.ok(existsSync(abs(entry.input)), `${entry.input} is missing`);
    assert.ok(existsSync(abs(entry.output)), `${entry.output} is missing: ${HINT}`);
  });
}

for (const [output, input] of expected) {
  test(`${output} exists (built from ${input})`, () => {
    assert.ok(existsSync(abs(output)), `${output} is missing: ${HINT}`);
  });
}

for (const entry of iifeEntries) {
  test(`${entry.output} has no eval, new Function, string timers or HTML sinks`, () => {
    assert.ok(existsSync(abs(entry.output)), `${entry.output} is missing: ${HINT}`);
    const code = readFileSync(abs(entry.output), 'utf8');
    // Clearing an element with an empty string (HubSpot's SDK does, in code for the host side)
    // writes no markup, so `innerHTML = ""` is the one form allowed.
    const sinks = {
      'eval(': /\beval\(/,
      'new Function / Function(': /\bFunction\(/,
      'a string timer': /\bset(?:Timeout|Interval)\(\s*["'`]/,
      'innerHTML with markup': /\binnerHTML\s*(?:\+?=\s*(?!""|''|``)|\b(?!\s*=))/,
      outerHTML: /\bouterHTML\b/,
      insertAdjacentHTML: /\binsertAdjacentHTML\b/,
      'document.write': /\bdocument\.write/,
    };
    for (const [name, pattern] of Object.entries(sinks)) {
      const at = code.search(pattern);
      assert.equal(at, -1, `${entry.output} contains ${name} near: ${code.slice(Math.max(0, at - 60), at + 60)}`);
    }
  });

  if (entry.budgetGzip !== undefined && entry.budgetEnforced) {
    test(`${entry.output} is at most ${entry.budgetGzip} bytes gzipped`, () => {
      const size = gzipSync(readFileSync(abs(entry.output)), { level: 9 }).length;
      assert.ok(
        size <= entry.budgetGzip,
        `${entry.output} is ${size} bytes gzipped, over its budget of ${entry.budgetGzip}`,
      );
    });
  }
}
