// The contract is written by hand once (src/contract/spec.ts and the schemas it gathers); every
// list of it is derived. These tests hold the derivation to the spec, and the product code to
// "written once": a list spelled out a second time, in any file, fails here.
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { deriveLists, loadSpec } from '../../scripts/compile-schemas.mjs';

const root = fileURLToPath(new URL('../../', import.meta.url));
const GENERATED = 'src/contract/compiled-spec.ts';

/** The lists as the bundles import them: the generated module, compiled for node. */
async function generatedLists() {
  const result = await build({
    entryPoints: [join(root, GENERATED)],
    bundle: true,
    format: 'esm',
    platform: 'node',
    write: false,
    logLevel: 'error',
  });
  return import(`data:text/javascript;base64,${Buffer.from(result.outputFiles[0].text).toString('base64')}`);
}

const { contractSpec } = await loadSpec();
const lists = deriveLists(contractSpec);
const generated = await generatedLists();

test('each derived list is what the spec says', () => {
  assert.deepEqual(lists.SOFTPHONE_METHODS, Object.keys(contractSpec.methods));
  assert.deepEqual(lists.CONTRACT_METHODS, ['load', ...Object.keys(contractSpec.methods)]);
  assert.deepEqual(lists.CALLBACK_EVENT_TYPES, Object.keys(contractSpec.callbackEvents));
  assert.deepEqual(lists.CALL_STATES, contractSpec.callStates.options);
  assert.deepEqual(lists.IVR_FIELDS, Object.keys(contractSpec.ivr.shape));
  for (const [name, schema] of Object.entries(contractSpec.policy))
    assert.deepEqual(lists.POLICY_CHOICES[name], schema.options, `policy.${name}`);
  assert.deepEqual(lists.POSITIONAL_FORMS, contractSpec.positionalForms);
  assert.equal(
    lists.DEFAULT_LANGUAGE,
    contractSpec.methods.incomingCall.parse({ partnerId: 'p', conversationId: 'c', callerANI: '' }).language,
  );
  // The IVR fields a call keeps are the ones callAccepted carries, with the same schemas.
  for (const field of lists.IVR_FIELDS)
    assert.equal(contractSpec.methods.callAccepted.shape[field], contractSpec.ivr.shape[field], field);
});

test(`${GENERATED} exports exactly the derived lists`, () => {
  for (const [name, value] of Object.entries(lists)) assert.deepEqual(generated[name], value, name);
});

test('a positional form names only fields of its payload', () => {
  for (const [method, fields] of Object.entries(contractSpec.positionalForms)) {
    for (const field of fields) assert.ok(field in contractSpec.methods[method].shape, `${method}: ${field}`);
  }
});

/** Every TypeScript file of the product (not tests, demo or benchmarks). */
function productFiles() {
  const files = [];
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.ts')) files.push(path);
    }
  };
  for (const dir of ['src', 'adapters', 'connectors']) walk(join(root, dir));
  return files;
}

/** Quoted members, in order, separated as in an array or a union: `'ring', 'accept'`, `'ring' | 'accept'`. */
function spelledOut(members) {
  const quoted = members.map((m) => `['"]${m.replace(/[$]/g, '\\$&')}['"]`);
  return new RegExp(quoted.join('\\s*[,|]\\s*'), 'g');
}

test('no list of the contract is spelled out by hand a second time', () => {
  const sources = productFiles()
    .map((file) => ({ file: relative(root, file), text: readFileSync(file, 'utf8') }))
    .filter(({ file }) => file !== GENERATED);
  const named = {
    ...lists,
    ...Object.fromEntries(Object.entries(lists.POLICY_CHOICES).map(([k, v]) => [`POLICY_CHOICES.${k}`, v])),
  };
  delete named.POLICY_CHOICES;
  delete named.POSITIONAL_FORMS;
  delete named.DEFAULT_LANGUAGE;
  for (const [k, v] of Object.entries(lists.POSITIONAL_FORMS)) named[`POSITIONAL_FORMS.${k}`] = v;
  const copies = [];
  for (const [name, list] of Object.entries(named)) {
    // A whole list, not a run of its members: a few states or methods named together are a
    // concept of their own (the live states, say), not a copy.
    const where = sources.flatMap(({ file, text }) => (text.match(spelledOut(list)) ?? []).map(() => file));
    // The one place a list is written by hand is its spec; objects keyed by the members (the
    // schema tables) do not quote them, so the spec of those lists is not counted here.
    if (where.length > 1) copies.push(`${name} [${list.join(', ')}]: ${where.join(', ')}`);
  }
  assert.deepEqual(copies, []);
});
