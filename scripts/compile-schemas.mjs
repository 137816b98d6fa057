// Derives the lean form of the contract from its one hand-written definition (src/contract/spec.ts)
// and writes it to src/contract/compiled-spec.ts: the method, callback-event, call-state, IVR-field,
// policy and positional lists, the default language, and every payload schema compiled into plain
// data for the lean interpreter (src/contract/lean-schema.ts).
//
//   node scripts/compile-schemas.mjs           rewrite the file
//   node scripts/compile-schemas.mjs --check   exit 1 when the file is out of date (npm test runs this)
//
// Why: zod/mini is about 8 KB gzip of the Salesforce bundle's budget. The contract stays written
// in zod (src/contract/spec.ts and the schemas it gathers); the bundles carry only what this
// script derives from it. See docs/decisions/0007-compiled-contract-schemas.md.
import { build } from 'esbuild';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = fileURLToPath(new URL('..', import.meta.url));
export const OUTPUT = join(root, 'src/contract/compiled-spec.ts');

/** Loads the spec and the named field schemas from the TypeScript sources (bundled to a temporary module). */
export async function loadSpec() {
  const entry = `
    export { contractSpec } from './src/contract/spec.ts';
    export * as fields from './src/contract/fields.ts';
  `;
  const result = await build({
    stdin: { contents: entry, resolveDir: root, loader: 'ts' },
    bundle: true,
    format: 'esm',
    platform: 'node',
    write: false,
    logLevel: 'error',
  });
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
  if (firstBound !== -1 && order.slice(firstBound).includes('overwrite'))
    throw new Error(`${where}: a transform after a length check`);
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
      const shape = Object.fromEntries(
        Object.entries(def.shape).map(([key, field]) => [key, compile(field, `${where}.${key}`)]),
      );
      return { kind: 'object', shape };
    }
    case 'array': {
      const bounds = checksOf(def, where);
      if (bounds.min !== undefined || bounds.transforms)
        throw new Error(`${where}: only a maximum length is supported on arrays`);
      return { kind: 'array', of: compile(def.element, `${where}[]`), ...bounds };
    }
    default:
      throw new Error(`${where}: unsupported zod type "${def.type}"`);
  }
}

const compileAll = (schemas, prefix) =>
  Object.fromEntries(Object.entries(schemas).map(([name, schema]) => [name, compile(schema, `${prefix}.${name}`)]));

/**
 * Writes compiled schemas as TypeScript, with every node that occurs more than once (the id
 * field, the IVR fields...) declared once, under the name of its field schema in fields.ts
 * (`Id`, `ShortText`; `optionalShortText` for its optional form): smaller bundles, a file that
 * reads like the schemas. A shared node without such a name is refused: name it in fields.ts.
 */
function serialize(roots, names) {
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
  const nameOf = (node) => {
    if (names.has(JSON.stringify(node))) return names.get(JSON.stringify(node));
    const inner = node.kind === 'optional' ? names.get(JSON.stringify(node.of)) : undefined;
    if (inner !== undefined) return `optional${inner}`;
    throw new Error(
      `the schema ${JSON.stringify(node)} is used by several fields: give it a name in src/contract/fields.ts`,
    );
  };
  // Objects are written one field per line; every other node fits on one line.
  const write = (node, indent) => {
    const id = JSON.stringify(node);
    if (shared.has(id)) return shared.get(id);
    if (node.kind === 'object') {
      const pad = '  '.repeat(indent + 1);
      const fields = Object.entries(node.shape).map(
        ([field, schema]) => `${pad}  ${key(field)}: ${write(schema, indent + 2)},`,
      );
      return `{\n${pad}kind: "object",\n${pad}shape: {\n${fields.join('\n')}\n${pad}},\n${'  '.repeat(indent)}}`;
    }
    const fields = Object.entries(node).map(
      ([name, value]) =>
        `${name}: ${name === 'of' || name === 'from' || name === 'to' ? write(value, indent) : JSON.stringify(value)}`,
    );
    const text = `{ ${fields.join(', ')} }`;
    if ((counts.get(id) ?? 0) < 2) return text;
    const name = nameOf(node);
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

/** The lists the spec defines, as plain data (every one derived, none written twice). */
export function deriveLists(contractSpec) {
  const softphoneMethods = Object.keys(contractSpec.methods);
  const enumValues = (schema, where) => {
    const node = compile(schema, where);
    if (node.kind !== 'enum') throw new Error(`${where}: expected an enum`);
    return node.values;
  };
  const language = compile(contractSpec.methods.incomingCall, 'incomingCall').shape.language;
  if (language?.kind !== 'default') throw new Error('incomingCall.language: expected a default');
  return {
    SOFTPHONE_METHODS: softphoneMethods,
    // `load(callback)` takes the callback, not a payload: it is the one method without a schema.
    CONTRACT_METHODS: ['load', ...softphoneMethods],
    CALLBACK_EVENT_TYPES: Object.keys(contractSpec.callbackEvents),
    CALL_STATES: enumValues(contractSpec.callStates, 'callStates'),
    IVR_FIELDS: Object.keys(contractSpec.ivr.shape),
    POLICY_CHOICES: Object.fromEntries(
      Object.entries(contractSpec.policy).map(([name, schema]) => [name, enumValues(schema, `policy.${name}`)]),
    ),
    POSITIONAL_FORMS: contractSpec.positionalForms,
    DEFAULT_LANGUAGE: language.value,
  };
}

/** The text of src/contract/compiled-spec.ts. */
export async function generate() {
  const { contractSpec, fields } = await loadSpec();
  const payloads = compileAll(contractSpec.methods, 'methods');
  const callbacks = compileAll(contractSpec.callbackEvents, 'callbackEvents');
  const names = new Map();
  for (const [name, schema] of Object.entries(fields))
    if (schema?._zod) names.set(JSON.stringify(compile(schema, name)), name);
  const roots = {
    ...Object.fromEntries(Object.entries(payloads).map(([k, v]) => [`payload:${k}`, v])),
    ...Object.fromEntries(Object.entries(callbacks).map(([k, v]) => [`callback:${k}`, v])),
    id: compile(fields.Id, 'Id'),
  };
  const { declarations, bodies } = serialize(roots, names);
  const table = (prefix, names) =>
    `{\n${names.map((name) => `  ${name}: ${bodies[`${prefix}:${name}`].replace(/\n/g, '\n  ')},`).join('\n')}\n}`;
  const lists = deriveLists(contractSpec);
  const list = (values) => `[${values.map((v) => JSON.stringify(v)).join(', ')}]`;
  const policy = Object.entries(lists.POLICY_CHOICES)
    .map(([name, values]) => `  ${name}: ${list(values)},`)
    .join('\n');
  const positional = Object.entries(lists.POSITIONAL_FORMS)
    .map(([name, values]) => `  ${name}: ${list(values)},`)
    .join('\n');
  return `// Generated by scripts/compile-schemas.mjs from the contract's spec (spec.ts). Do not edit: change
// the spec and run \`node scripts/compile-schemas.mjs\`. (npm test checks it is current.)
// Plain data only, so that the script-tag bundles carry the contract without zod.
import type { CallState, IvrContext } from './call-record.js';
import type { CallbackEventType } from './callback-events.js';
import type { LeanSchema } from './lean-schema.js';
import type { SoftphoneMethod } from './softphone-payloads.js';
import type { CallPolicy } from './spec.js';

/** The seven event methods, in the seed's order (the keys of \`softphonePayloads\`). */
export const SOFTPHONE_METHODS = ${list(lists.SOFTPHONE_METHODS)} as const satisfies readonly SoftphoneMethod[];

/** The eight contract methods a softphone calls, in the seed's order: \`load\`, then the seven above. */
export const CONTRACT_METHODS = ${list(lists.CONTRACT_METHODS)} as const;

/** The four callback event types \`load\`'s callback receives (the keys of \`callbackEvents\`). */
export const CALLBACK_EVENT_TYPES = ${list(lists.CALLBACK_EVENT_TYPES)} as const satisfies readonly CallbackEventType[];

/** Every call state (\`CallState\`). */
export const CALL_STATES = ${list(lists.CALL_STATES)} as const satisfies readonly CallState[];

/** The IVR fields of \`callAccepted\` that a call keeps (\`IvrContext\`). */
export const IVR_FIELDS = ${list(lists.IVR_FIELDS)} as const satisfies readonly (keyof IvrContext)[];

/** The values each call policy option takes (\`callPolicy\`), default first. */
export const POLICY_CHOICES = {
${policy}
} as const satisfies { readonly [K in keyof CallPolicy]: readonly CallPolicy[K][] };

/** The positional forms (\`positionalForms\`): the payload fields in argument order. */
export const POSITIONAL_FORMS = {
${positional}
} as const;

/** The caller language when the softphone gives none: \`incomingCall\`'s default. */
export const DEFAULT_LANGUAGE = ${JSON.stringify(lists.DEFAULT_LANGUAGE)};

// Field schemas (fields.ts) that several payload fields use, compiled.
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
      console.error('src/contract/compiled-spec.ts is out of date: run `node scripts/compile-schemas.mjs`.');
      process.exit(1);
    }
    console.log('compiled-spec.ts is current.');
  } else {
    writeFileSync(OUTPUT, text);
    console.log(`wrote ${OUTPUT}`);
  }
}
