// Compiles the contract's zod/mini schemas into plain data for the lean interpreter
// (src/contract/lean-schema.ts), written to src/contract/compiled-schemas.ts.
//
//   node scripts/compile-schemas.mjs           rewrite the file
//   node scripts/compile-schemas.mjs --check   exit 1 when the file is out of date (npm test runs this)
//
// Why: zod/mini is about 8 KB gzip of the Salesforce bundle's 15 KB budget. The schemas stay
// written in zod (src/contract/*.ts); the bundles carry only their compiled form. See
// docs/decisions/0007-compiled-contract-schemas.md.
import { build } from 'esbuild';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = fileURLToPath(new URL('..', import.meta.url));
export const OUTPUT = join(root, 'src/contract/compiled-schemas.ts');

/** Loads the zod schemas from the TypeScript sources (bundled to a temporary module). */
async function loadSchemas() {
  const entry = `
    export { softphonePayloads } from './src/contract/softphone-payloads.ts';
    export { callbackEvents } from './src/contract/callback-events.ts';
    export { Id } from './src/contract/fields.ts';
  `;
  const result = await build({ stdin: { contents: entry, resolveDir: root, loader: 'ts' }, bundle: true, format: 'esm', platform: 'node', write: false, logLevel: 'error' });
  const dir = mkdtempSync(join(tmpdir(), 'compile-schemas-'));
  try {
    const file = join(dir, 'schemas.mjs');
    writeFileSync(file, result.outputFiles[0].text);
    return await import(pathToFileURL(file).href);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Which transform an overwrite check applies, found by trying it on a probe. */
function transformOf(tx, where) {
  const probe = '  aB  ';
  const out = tx(probe);
  if (out === probe.trim()) return 'trim';
  if (out === probe.toLowerCase()) return 'lower';
  if (out === probe.toUpperCase()) return 'upper';
  throw new Error(`${where}: an overwrite check that is not trim, toLowerCase or toUpperCase`);
}

/** The bounds of a string, number or array schema from its checks. */
function checksOf(def, where) {
  const out = {};
  for (const check of def.checks ?? []) {
    const c = check._zod.def;
    if (c.check === 'min_length') out.min = c.minimum;
    else if (c.check === 'max_length') out.max = c.maximum;
    else if (c.check === 'greater_than' && c.inclusive) out.min = c.value;
    else if (c.check === 'less_than' && c.inclusive) out.max = c.value;
    else if (c.check === 'overwrite') (out.transforms ??= []).push(transformOf(c.tx, where));
    else throw new Error(`${where}: unsupported check "${c.check}"`);
  }
  // Transforms run before the length checks in every schema here; the interpreter relies on it.
  const order = (def.checks ?? []).map((check) => check._zod.def.check);
  const firstBound = order.findIndex((c) => c !== 'overwrite');
  if (firstBound !== -1 && order.slice(firstBound).includes('overwrite')) throw new Error(`${where}: a transform after a length check`);
  return out;
}

/** One zod schema → one lean node (see LeanSchema in src/contract/lean-schema.ts). */
export function compile(schema, where = 'schema') {
  const def = schema._zod.def;
  switch (def.type) {
    case 'string':
      return { kind: 'string', ...checksOf(def, where) };
    case 'number':
      return { kind: 'number', ...checksOf(def, where) };
    case 'enum': {
      const values = Object.values(def.entries);
      if (!values.every((v) => typeof v === 'string')) throw new Error(`${where}: only text enums are supported`);
      return { kind: 'enum', values };
    }
    case 'optional':
      return { kind: 'optional', of: compile(def.innerType, where) };
    case 'default': {
      if (typeof def.defaultValue !== 'string') throw new Error(`${where}: only text defaults are supported`);
      return { kind: 'default', of: compile(def.innerType, where), value: def.defaultValue };
    }
    case 'pipe':
      return { kind: 'pipe', from: compile(def.in, where), to: compile(def.out, where) };
    case 'object': {
      // The contract keeps what a softphone sends beyond the seed's fields: every object is loose.
      if (def.catchall?._zod.def.type !== 'unknown') throw new Error(`${where}: only loose objects are supported`);
      const shape = Object.fromEntries(Object.entries(def.shape).map(([key, field]) => [key, compile(field, `${where}.${key}`)]));
      return { kind: 'object', shape };
    }
    case 'array': {
      const bounds = checksOf(def, where);
      if (bounds.min !== undefined || bounds.transforms) throw new Error(`${where}: only a maximum length is supported on arrays`);
      return { kind: 'array', of: compile(def.element, `${where}[]`), ...bounds };
    }
    default:
      throw new Error(`${where}: unsupported zod type "${def.type}"`);
  }
}

const compileAll = (schemas, prefix) => Object.fromEntries(Object.entries(schemas).map(([name, schema]) => [name, compile(schema, `${prefix}.${name}`)]));

/**
 * Writes compiled schemas as TypeScript, with every node that occurs more than once (the id
 * field, the IVR fields...) declared once as a shared constant: smaller bundles, shorter file.
 */
function serialize(roots) {
  const counts = new Map();
  const count = (node) => {
    const key = JSON.stringify(node);
    counts.set(key, (counts.get(key) ?? 0) + 1);
    for (const child of children(node)) count(child);
  };
  for (const node of Object.values(roots)) count(node);
  const shared = new Map();
  const declarations = [];
  const key = (k) => (/^[A-Za-z_$][\w$]*$/.test(k) ? k : JSON.stringify(k));
  // Objects are written one field per line; every other node fits on one line.
  const write = (node, indent) => {
    const id = JSON.stringify(node);
    if (shared.has(id)) return shared.get(id);
    if (node.kind === 'object') {
      const pad = '  '.repeat(indent + 1);
      const fields = Object.entries(node.shape).map(([field, schema]) => `${pad}  ${key(field)}: ${write(schema, indent + 2)},`);
      return `{\n${pad}kind: "object",\n${pad}shape: {\n${fields.join('\n')}\n${pad}},\n${'  '.repeat(indent)}}`;
    }
    const fields = Object.entries(node).map(([name, value]) => `${name}: ${name === 'of' || name === 'from' || name === 'to' ? write(value, indent) : JSON.stringify(value)}`);
    const text = `{ ${fields.join(', ')} }`;
    if ((counts.get(id) ?? 0) < 2) return text;
    const name = `shared${shared.size + 1}`;
    declarations.push(`const ${name}: LeanSchema = ${text};`);
    shared.set(id, name);
    return name;
  };
  const bodies = Object.fromEntries(Object.entries(roots).map(([name, node]) => [name, write(node, 0)]));
  return { declarations, bodies };
}

function children(node) {
  if (node.kind === 'object') return Object.values(node.shape);
  return ['of', 'from', 'to'].filter((k) => node[k] !== undefined).map((k) => node[k]);
}

/** The text of src/contract/compiled-schemas.ts. */
export async function generate() {
  const { softphonePayloads, callbackEvents, Id } = await loadSchemas();
  const payloads = compileAll(softphonePayloads, 'softphonePayloads');
  const callbacks = compileAll(callbackEvents, 'callbackEvents');
  const roots = { ...Object.fromEntries(Object.entries(payloads).map(([k, v]) => [`payload:${k}`, v])), ...Object.fromEntries(Object.entries(callbacks).map(([k, v]) => [`callback:${k}`, v])), id: compile(Id, 'Id') };
  const { declarations, bodies } = serialize(roots);
  const table = (prefix, names) => `{\n${names.map((name) => `  ${name}: ${bodies[`${prefix}:${name}`].replace(/\n/g, '\n  ')},`).join('\n')}\n}`;
  return `// Generated by scripts/compile-schemas.mjs from the zod/mini schemas in this folder. Do not edit:
// change the zod schema and run \`node scripts/compile-schemas.mjs\`. (npm test checks it is current.)
import type { LeanSchema } from './lean-schema.js';
import type { SoftphoneMethod } from './softphone-payloads.js';
import type { CallbackEventType } from './callback-events.js';

// Nodes that occur more than once.
${declarations.join('\n')}

/** The seven event methods' payload schemas (softphone-payloads.ts), compiled. */
export const compiledPayloads: Readonly<Record<SoftphoneMethod, LeanSchema>> = ${table('payload', Object.keys(payloads))};

/** The four callback events' payload schemas (callback-events.ts), compiled. */
export const compiledCallbackEvents: Readonly<Record<CallbackEventType, LeanSchema>> = ${table('callback', Object.keys(callbacks))};

/** \`Id\` (fields.ts), compiled. */
export const compiledId: LeanSchema = ${bodies.id};
`;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const text = await generate();
  if (process.argv.includes('--check')) {
    const current = readFileSync(OUTPUT, 'utf8');
    if (current !== text) {
      console.error('src/contract/compiled-schemas.ts is out of date: run `node scripts/compile-schemas.mjs`.');
      process.exit(1);
    }
    console.log('compiled-schemas.ts is current.');
  } else {
    writeFileSync(OUTPUT, text);
    console.log(`wrote ${OUTPUT}`);
  }
}
