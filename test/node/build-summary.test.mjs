// What `npm run build` / `npm start` print (UX review D18): a budget shows only where `npm test`
// enforces it, so a bundle above a mere target is never called "OVER"; an enforced budget that is
// exceeded says so, and that the tests will fail.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { iifeEntries } from '../../scripts/build-entries.mjs';
import { buildSummary } from '../../scripts/lib/build-summary.mjs';

const run = { seconds: 12, library: 15 };
const enforced = iifeEntries.filter((e) => e.budgetEnforced === true && e.budgetGzip !== undefined);
const targets = iifeEntries.filter((e) => e.budgetGzip !== undefined && e.budgetEnforced !== true);

test('the repository has both kinds of budget (else this test checks nothing)', () => {
  assert.ok(enforced.length > 0 && targets.length > 0);
});

test('a bundle above a budget that is not enforced gets no verdict; under an enforced one, "≤ budget"', () => {
  const bundles = [
    ...targets.map((e) => ({ output: e.output, gzip: e.budgetGzip + 2 })),
    ...enforced.map((e) => ({ output: e.output, gzip: e.budgetGzip - 1 })),
  ];
  const lines = buildSummary(bundles, iifeEntries, run);
  assert.equal(lines.length, bundles.length + 1);
  assert.match(lines[0], /^build: dist\/ ready in 12 s/);
  for (const e of targets)
    assert.doesNotMatch(
      lines.find((l) => l.includes(`${e.output} `)),
      /OVER|budget/,
    );
  for (const e of enforced)
    assert.match(
      lines.find((l) => l.includes(`${e.output} `)),
      /≤ [\d.]+ KB budget$/,
    );
  assert.ok(lines.every((l) => !/OVER/.test(l)));
});

test('an enforced budget that is exceeded says OVER and that npm test fails', () => {
  const [first] = enforced;
  const lines = buildSummary([{ output: first.output, gzip: first.budgetGzip + 1 }], iifeEntries, run);
  assert.match(lines[1], /OVER the [\d.]+ KB budget \(npm test fails\)/);
});
