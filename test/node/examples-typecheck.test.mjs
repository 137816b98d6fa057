// The examples are written as third-party code: they import `softphone-bridge/...` by name. This
// typechecks each one strictly against the package's published types (exports → dist/types), as
// the integrator's compiler would; web-test-runner runs their tests against dist/ (UX review D21).
// Needs the build (`npm run build`).
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { test } from 'node:test';
import { packageRoot } from './lib/package-resolve.mjs';
import { typecheck } from './lib/typecheck.mjs';

for (const example of ['minimal-adapter', 'salesforce-dev']) {
  test(`examples/${example} typechecks strictly against the package types`, () => {
    const dir = `${packageRoot}examples/${example}/`;
    const files = readdirSync(dir)
      .filter((f) => f.endsWith('.ts'))
      .map((f) => dir + f);
    assert.ok(files.length > 0, `examples/${example} has no TypeScript`);
    assert.deepEqual(typecheck(files), []);
  });
}
