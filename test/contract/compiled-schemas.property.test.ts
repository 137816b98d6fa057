import { expect } from '@esm-bundle/chai';
import fc from 'fast-check';
import { callbackEvents } from '../../src/contract/callback-events.js';
import { compiledCallbackEvents, compiledId, compiledPayloads } from '../../src/contract/compiled-spec.js';
import { Id } from '../../src/contract/fields.js';
import { leanParse, type LeanSchema } from '../../src/contract/lean-schema.js';
import { softphonePayloads } from '../../src/contract/softphone-payloads.js';

// The bundles validate with the compiled schemas (src/contract/lean-schema.ts); the zod/mini
// schemas are their source. These properties hold the two to the same answers: the same inputs
// accepted, the same parsed data, the same issues (the fields describeIssues reads).

interface ZodLike {
  safeParse(
    input: unknown,
    params: { reportInput: boolean },
  ): { success: true; data: unknown } | { success: false; error: { issues: readonly Record<string, unknown>[] } };
}

const pairs: [string, ZodLike, LeanSchema][] = [
  ...Object.entries(softphonePayloads).map(
    ([name, schema]) =>
      [name, schema as ZodLike, compiledPayloads[name as keyof typeof compiledPayloads]] as [
        string,
        ZodLike,
        LeanSchema,
      ],
  ),
  ...Object.entries(callbackEvents).map(
    ([name, schema]) =>
      [name, schema as ZodLike, compiledCallbackEvents[name as keyof typeof compiledCallbackEvents]] as [
        string,
        ZodLike,
        LeanSchema,
      ],
  ),
  ['Id', Id as ZodLike, compiledId],
];

/** What the bridge reads from an issue; zod's extra fields (message, inclusive...) do not matter. */
function essentials(issue: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { code: issue['code'], path: issue['path'] };
  for (const key of ['expected', 'origin', 'minimum', 'maximum', 'values'])
    if (issue[key] !== undefined) out[key] = issue[key];
  // `input` tells "missing" from "mistyped"; compare whether it is undefined, not the value itself.
  out['inputMissing'] = issue['input'] === undefined;
  return out;
}

/**
 * zod runs a length check on any value that has a length, even one it has just rejected as the
 * wrong type (an array for a string: "must be a string" and then "must have at least 1 item").
 * The compiled form reports the wrong type alone; that is the one intended difference.
 */
function withoutPiledUp(issues: readonly Record<string, unknown>[]): readonly Record<string, unknown>[] {
  const mistyped = new Set<string>();
  return issues.filter((issue) => {
    const path = JSON.stringify(issue['path']);
    if (mistyped.has(path)) return false;
    if (issue['code'] === 'invalid_type') mistyped.add(path);
    return true;
  });
}

const junk = fc.oneof(
  fc.constant(undefined),
  fc.constant(null),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.string({ maxLength: 4 }),
  fc.array(fc.string({ maxLength: 2 }), { maxLength: 2 }),
  fc.dictionary(fc.string({ maxLength: 3 }), fc.integer(), { maxKeys: 2 }),
);

/** Text around a length limit, sometimes padded with blanks or in another case. */
function textNear(min: number, max: number): fc.Arbitrary<string> {
  const lengths = fc.constantFrom(0, 1, Math.max(0, min - 1), min, max - 1, max, max + 1).filter((n) => n >= 0);
  return fc.oneof(
    fc.string({ maxLength: 6 }),
    lengths.map((n) => 'x'.repeat(n)),
    lengths.map((n) => ` ${'Y'.repeat(n)} `),
  );
}

/** Inputs for `schema`: mostly shaped like it, often wrong in one place. */
function inputFor(schema: LeanSchema): fc.Arbitrary<unknown> {
  switch (schema.kind) {
    case 'string':
      return fc.oneof(
        { weight: 4, arbitrary: textNear(schema.min ?? 0, schema.max ?? 8) },
        { weight: 1, arbitrary: junk },
      );
    case 'number':
      return fc.oneof(
        fc.constantFrom(0, 1, 59.5, -1, Number.NaN, Number.POSITIVE_INFINITY, schema.max ?? 1, (schema.max ?? 1) + 1),
        fc.double(),
        junk,
      );
    case 'enum':
      return fc.oneof(fc.constantFrom(...schema.values), junk);
    case 'optional':
    case 'default':
      return fc.oneof(fc.constant(undefined), inputFor(schema.of));
    case 'pipe': {
      const values = schema.to.kind === 'enum' ? schema.to.values : ['x'];
      const spelled = fc
        .constantFrom(...values)
        .chain((v) => fc.constantFrom(v, v.toUpperCase(), v.toLowerCase(), ` ${v} `, `${v}!`));
      return fc.oneof({ weight: 3, arbitrary: spelled }, { weight: 1, arbitrary: inputFor(schema.from) });
    }
    case 'array':
      return fc.oneof(
        fc.array(inputFor(schema.of), { maxLength: 3 }),
        fc.constant(Array.from({ length: (schema.max ?? 3) + 1 }, (_, i) => `code${i}`)),
        junk,
      );
    case 'object': {
      const fields = Object.fromEntries(Object.entries(schema.shape).map(([key, field]) => [key, inputFor(field)]));
      const shaped = fc
        .tuple(
          fc.record(fields, { requiredKeys: [] }),
          fc.record(fields),
          fc.dictionary(fc.constantFrom('vendorField', 'x', '__proto__', 'constructor'), junk, { maxKeys: 2 }),
          fc.boolean(),
        )
        .map(([some, all, extra, complete]) => ({ ...(complete ? all : some), ...extra }));
      return fc.oneof({ weight: 6, arbitrary: shaped }, { weight: 1, arbitrary: junk });
    }
  }
}

/** A fully valid input, so that every schema is also compared on success. */
function validFor(schema: LeanSchema): fc.Arbitrary<unknown> {
  switch (schema.kind) {
    case 'string':
      return fc
        .string({ minLength: schema.min ?? 0, maxLength: Math.min(schema.max ?? 8, 12) })
        .filter((s) => s.trim().length >= (schema.min ?? 0));
    case 'number':
      return fc.integer({ min: schema.min ?? 0, max: schema.max ?? 1000 });
    case 'enum':
      return fc.constantFrom(...schema.values);
    case 'optional':
    case 'default':
      return fc.oneof(fc.constant(undefined), validFor(schema.of));
    case 'pipe':
      return schema.to.kind === 'enum'
        ? fc.constantFrom(...schema.to.values).map((v) => ` ${v.toUpperCase()}`)
        : validFor(schema.from);
    case 'array':
      return fc.array(validFor(schema.of), { maxLength: 3 });
    case 'object':
      return fc.record(Object.fromEntries(Object.entries(schema.shape).map(([key, field]) => [key, validFor(field)])), {
        requiredKeys: Object.entries(schema.shape)
          .filter(([, field]) => field.kind !== 'optional')
          .map(([key]) => key),
      });
  }
}

function compare(zod: ZodLike, lean: LeanSchema, input: unknown): boolean {
  const expected = zod.safeParse(input, { reportInput: true });
  const actual = leanParse(lean, input);
  expect(actual.success, 'accepted').to.equal(expected.success);
  if (expected.success && actual.success) {
    expect(actual.data).to.deep.equal(expected.data);
  } else if (!expected.success && !actual.success) {
    expect(actual.issues.map((issue) => essentials(issue as unknown as Record<string, unknown>))).to.deep.equal(
      withoutPiledUp(expected.error.issues).map(essentials),
    );
  }
  return expected.success;
}

describe('compiled contract schemas agree with their zod/mini source', () => {
  for (const [name, zod, lean] of pairs) {
    it(`${name}: same verdict, data and issues on near-valid and malformed input`, () => {
      let rejected = 0;
      fc.assert(
        fc.property(inputFor(lean), (input) => {
          if (!compare(zod, lean, input)) rejected += 1;
        }),
        { numRuns: 400 },
      );
      // Issues were compared, not only verdicts (acceptance is the next property's business).
      expect(rejected, 'some inputs rejected').to.be.greaterThan(0);
    });

    it(`${name}: same data on valid input`, () => {
      fc.assert(
        fc.property(validFor(lean), (input) => {
          expect(compare(zod, lean, input), 'valid input accepted').to.equal(true);
        }),
        { numRuns: 200 },
      );
    });
  }

  it('a few hand-picked cases come out as zod says', () => {
    expect(
      leanParse(compiledPayloads.callRejected, { partnerId: 'p', conversationId: 'c', reason: ' Passive ' }),
    ).to.deep.equal({
      success: true,
      data: { partnerId: 'p', conversationId: 'c', reason: 'passive' },
    });
    expect(
      leanParse(compiledPayloads.incomingCall, { partnerId: 'p', conversationId: 'c', callerANI: '' }),
    ).to.deep.equal({
      success: true,
      data: { partnerId: 'p', conversationId: 'c', callerANI: '', language: 'en_US' },
    });
    const missing = leanParse(compiledPayloads.callEnded, { partnerId: 'p', conversationId: 'c' });
    expect(missing.success).to.equal(false);
    expect(!missing.success && missing.issues.map((i) => [i.code, i.path.join('.'), i.expected])).to.deep.equal([
      ['invalid_type', 'duration', 'number'],
    ]);
  });
});
