/**
 * A small interpreter for the contract's schemas, so that the script-tag bundles validate without
 * carrying zod (see docs/decisions/0007-compiled-contract-schemas.md).
 *
 * The zod/mini schemas in this folder stay the one source of truth: `scripts/compile-schemas.mjs`
 * turns them into the plain data of `compiled-spec.ts`, and a property test checks that this
 * interpreter accepts, rejects and reports exactly as zod does. It supports only what the
 * contract's schemas use; the compiler refuses anything else.
 */

import { isRecord } from '../shared/is-record.js';

/** A text transform applied before a string's length checks (zod's `trim`, `toLowerCase`, `toUpperCase`). */
export type LeanTransform = 'trim' | 'lower' | 'upper';

/** A compiled schema: plain data, one node per zod schema. */
export type LeanSchema =
  | {
      readonly kind: 'string';
      readonly min?: number;
      readonly max?: number;
      readonly transforms?: readonly LeanTransform[];
    }
  | { readonly kind: 'number'; readonly min?: number; readonly max?: number }
  | { readonly kind: 'enum'; readonly values: readonly string[] }
  | { readonly kind: 'optional'; readonly of: LeanSchema }
  | { readonly kind: 'default'; readonly of: LeanSchema; readonly value: string }
  | { readonly kind: 'pipe'; readonly from: LeanSchema; readonly to: LeanSchema }
  /** A loose object: fields beyond `shape` are kept as they are (never `__proto__`). */
  | { readonly kind: 'object'; readonly shape: Readonly<Record<string, LeanSchema>> }
  | { readonly kind: 'array'; readonly of: LeanSchema; readonly max?: number };

/** One validation problem, in the shape of zod's issues (the fields `describeIssues` reads). */
export interface LeanIssue {
  readonly code: 'invalid_type' | 'invalid_value' | 'too_small' | 'too_big';
  readonly path: readonly (string | number)[];
  readonly input: unknown;
  readonly expected?: string;
  readonly origin?: 'string' | 'number' | 'array';
  readonly minimum?: number;
  readonly maximum?: number;
  readonly values?: readonly string[];
}

/** The outcome of {@link leanParse}: zod's `safeParse` result, without the error class. */
export type LeanResult =
  | { readonly success: true; readonly data: unknown }
  | { readonly success: false; readonly issues: readonly LeanIssue[] };

/** Validates `input` against `schema`; never throws on data (a throwing getter still throws). */
export function leanParse(schema: LeanSchema, input: unknown): LeanResult {
  const issues: LeanIssue[] = [];
  const data = run(schema, input, [], issues);
  return issues.length === 0 ? { success: true, data } : { success: false, issues };
}

type Path = readonly (string | number)[];

/**
 * The type each kind of node requires before anything else is checked; a mistyped input gets one
 * `invalid_type` issue whose `expected` is the kind's name, as in zod.
 */
const TYPE_CHECKS: Partial<Record<LeanSchema['kind'], (input: unknown) => boolean>> = {
  string: (input) => typeof input === 'string',
  number: (input) => typeof input === 'number' && Number.isFinite(input),
  array: Array.isArray,
  // zod's "object" type is the shared isRecord's: an object, not null, not an array.
  object: isRecord,
};

function run(schema: LeanSchema, input: unknown, path: Path, issues: LeanIssue[]): unknown {
  if (TYPE_CHECKS[schema.kind]?.(input) === false) {
    issues.push({ code: 'invalid_type', path, input, expected: schema.kind });
    return input;
  }
  switch (schema.kind) {
    case 'optional':
      return input === undefined ? undefined : run(schema.of, input, path, issues);
    case 'default':
      return input === undefined ? schema.value : run(schema.of, input, path, issues);
    case 'pipe': {
      const before = issues.length;
      const value = run(schema.from, input, path, issues);
      return issues.length === before ? run(schema.to, value, path, issues) : value;
    }
    case 'enum':
      if (typeof input !== 'string' || !schema.values.includes(input))
        issues.push({ code: 'invalid_value', path, input, values: schema.values });
      return input;
    case 'string': {
      let value = input as string;
      for (const transform of schema.transforms ?? []) {
        value = transform === 'trim' ? value.trim() : transform === 'lower' ? value.toLowerCase() : value.toUpperCase();
      }
      bounds(value.length, value, 'string', schema, path, issues);
      return value;
    }
    case 'number':
      bounds(input as number, input, 'number', schema, path, issues);
      return input;
    case 'array': {
      const before = issues.length;
      const value = (input as unknown[]).map((element, index) => run(schema.of, element, [...path, index], issues));
      // zod skips the size check once an element has failed.
      if (issues.length === before) bounds(value.length, value, 'array', schema, path, issues);
      return value;
    }
    case 'object':
      return object(schema, input as Record<string, unknown>, path, issues);
  }
}

/** zod runs a length or size check after the others, unless an earlier one already failed. */
function bounds(
  measure: number,
  input: unknown,
  origin: 'string' | 'number' | 'array',
  schema: { readonly min?: number; readonly max?: number },
  path: Path,
  issues: LeanIssue[],
): void {
  if (schema.min !== undefined && measure < schema.min)
    issues.push({ code: 'too_small', path, input, origin, minimum: schema.min });
  if (schema.max !== undefined && measure > schema.max)
    issues.push({ code: 'too_big', path, input, origin, maximum: schema.max });
}

function object(
  schema: Extract<LeanSchema, { kind: 'object' }>,
  input: Record<string, unknown>,
  path: Path,
  issues: LeanIssue[],
): unknown {
  const value: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(schema.shape)) {
    const present = key in input;
    // An absent optional field stays absent; an absent defaulted one gets its default.
    if (!present && field.kind === 'optional') continue;
    const before = issues.length;
    const parsed = run(field, input[key], [...path, key], issues);
    if (issues.length === before && (present || parsed !== undefined)) value[key] = parsed;
  }
  for (const key in input) {
    if (key !== '__proto__' && !Object.prototype.hasOwnProperty.call(schema.shape, key)) value[key] = input[key];
  }
  return value;
}
