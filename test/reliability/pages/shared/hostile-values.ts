import type { Random } from './random.js';

/**
 * Random hostile values for the malformed-payload scenario (reliability.md T11): wrong types,
 * missing ids, huge strings, deep and wide nesting, `__proto__`/`constructor` keys, NaN,
 * invalid dates, cycles, getters and proxies that throw, DOM objects. Every string made here
 * contains {@link CANARY}, so that the runner can prove none of them reaches a log.
 */
export const CANARY = 'CANARY';

/** Text that must never be echoed: phone-number-like and note-like, each with the canary. */
function canaryText(random: Random): string {
  return random.pick([
    () => `+1 555 ${CANARY} ${random.int(1000, 9999)}`,
    () => `${CANARY} note: the caller said their card ends in ${random.int(1000, 9999)}`,
    () => `<img src=x onerror=alert(1)> ${CANARY}`,
    () => `${CANARY}${'x'.repeat(random.int(0, 2000))}`,
    () => ` ${CANARY} \u0000\uffff\ud800 ${CANARY} `,
    () => `{"${CANARY}": [1, 2, {"__proto__": {"polluted": true}}]}`,
    () => `javascript:alert('${CANARY}')`,
    () => `=HYPERLINK("http://x.example/${CANARY}")`,
  ])();
}

function thrower(what: string): never {
  throw new Error(`${CANARY} thrown by ${what}`);
}

/** A value of any kind; `depth` bounds the nesting of containers made here. */
export function hostileValue(random: Random, depth = 0): unknown {
  const containers = depth < 3;
  const kinds: (() => unknown)[] = [
    () => undefined,
    () => null,
    () => random.chance(0.5),
    () =>
      random.pick([
        0,
        -0,
        -1,
        1.5,
        Number.NaN,
        Number.POSITIVE_INFINITY,
        Number.NEGATIVE_INFINITY,
        1e308,
        Number.MAX_SAFE_INTEGER + 2,
        -604_801,
        604_801,
      ]),
    () => BigInt(random.int(0, 1000)),
    () => Symbol(CANARY),
    () => canaryText(random),
    () => '',
    () => random.pick(['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty']),
    () => () => thrower('a function payload'),
    () => new Date(Number.NaN),
    () => new Date(8.64e15 + 1),
    () => /CANARY/g,
    () => new Map([[CANARY, CANARY]]),
    () => new Set([CANARY]),
    () => new Uint8Array(random.int(0, 64)),
    () => new Error(`${CANARY} error object`),
    () => Promise.resolve(CANARY),
    () => throwingProxy(random.chance(0.5) ? [] : {}),
    () => ({
      get conversationId(): string {
        return thrower('a getter');
      },
      partnerId: canaryText(random),
    }),
    () => ({ toJSON: () => thrower('toJSON'), [Symbol.toPrimitive]: () => thrower('toPrimitive') }),
    () =>
      Object.assign(Object.create(null) as Record<string, unknown>, {
        partnerId: canaryText(random),
        conversationId: canaryText(random),
      }),
    () =>
      JSON.parse(
        `{"__proto__": {"polluted": "${CANARY}"}, "constructor": {"prototype": {"polluted": "${CANARY}"}}}`,
      ) as unknown,
    () => document.body,
    () => window,
    () => Object.freeze({ partnerId: 42, conversationId: [CANARY] }),
    () =>
      Object.defineProperty({}, 'conversationId', { enumerable: true, get: () => thrower('a defineProperty getter') }),
  ];
  if (containers) {
    kinds.push(
      () => Array.from({ length: random.int(0, 5) }, () => hostileValue(random, depth + 1)),
      () =>
        Object.fromEntries(
          Array.from({ length: random.int(0, 5) }, (_, i) => [
            random.chance(0.3) ? '__proto__' : `${CANARY}${i}`,
            hostileValue(random, depth + 1),
          ]),
        ),
      () => cyclic(random),
      () => deep(random.int(10, 5000)),
      () => wide(random.int(100, 5000)),
      () => sparse(random.int(1, 1_000_000)),
    );
  }
  return random.pick(kinds)();
}

/** A Proxy whose every trap throws. */
function throwingProxy(target: object): object {
  const trap = (name: string) => () => thrower(`the proxy trap ${name}`);
  return new Proxy(target, {
    get: trap('get'),
    has: trap('has'),
    ownKeys: trap('ownKeys'),
    getOwnPropertyDescriptor: trap('getOwnPropertyDescriptor'),
    getPrototypeOf: trap('getPrototypeOf'),
    set: trap('set'),
    defineProperty: trap('defineProperty'),
    deleteProperty: trap('deleteProperty'),
    apply: trap('apply'),
    construct: trap('construct'),
  });
}

function cyclic(random: Random): object {
  const a: Record<string, unknown> = { partnerId: canaryText(random) };
  a['self'] = a;
  a['conversationId'] = { back: a };
  return a;
}

function deep(levels: number): object {
  let value: Record<string, unknown> = { notes: CANARY };
  for (let i = 0; i < levels; i += 1) value = { nested: value };
  return value;
}

function wide(keys: number): object {
  const value: Record<string, unknown> = {};
  for (let i = 0; i < keys; i += 1) value[`${CANARY}${i}`] = i;
  return value;
}

/** An array whose only item sits at `length - 1` (dictionary-mode elements, nothing allocated in between). */
function sparse(length: number): unknown[] {
  const value: unknown[] = [];
  value[length - 1] = CANARY;
  return value;
}

/** A valid payload of each event method; the fuzzer breaks one thing in it. */
export function validPayload(method: string, conversationId: string): Record<string, unknown> {
  const ids = { partnerId: 'fuzz-partner', conversationId };
  switch (method) {
    case 'incomingCall':
      return { ...ids, callerANI: '+15550000000' };
    case 'callAccepted':
      return { ...ids };
    case 'callRejected':
      return { ...ids, reason: 'passive' };
    case 'callEnded':
      return { ...ids, duration: 1 };
    case 'callNotesSubmitted':
      return { ...ids, notes: 'fuzz' };
    case 'outboundCallInitiated':
      return { ...ids, dialledTo: '+15550000000' };
    default:
      return { softphoneId: 'available' };
  }
}

/** Required fields of each method, to remove or break one. */
export const REQUIRED: Readonly<Record<string, readonly string[]>> = {
  incomingCall: ['partnerId', 'conversationId', 'callerANI'],
  callAccepted: ['partnerId', 'conversationId'],
  callRejected: ['partnerId', 'conversationId', 'reason'],
  callEnded: ['partnerId', 'conversationId', 'duration'],
  callNotesSubmitted: ['partnerId', 'conversationId'],
  outboundCallInitiated: ['partnerId', 'conversationId', 'dialledTo'],
  statusChanged: ['softphoneId'],
};

/**
 * The argument list of one malformed contract call: wrong argument counts, hostile single
 * values, near-valid payloads with one required field missing or mistyped (as an object or as
 * JSON), broken JSON, oversized JSON, positional `incomingCall` with hostile values.
 */
export function malformedArguments(random: Random, method: string): unknown[] {
  const required = REQUIRED[method] ?? [];
  const nearValid = (): Record<string, unknown> => {
    const payload = validPayload(method, `fuzz-${random.int(0, 1e9)}`);
    const field = random.pick(required);
    if (random.chance(0.3)) delete payload[field];
    else payload[field] = hostileNonString(random, field);
    if (random.chance(0.3)) payload[`${CANARY}extra`] = hostileValue(random, 1);
    return payload;
  };
  const shapes: (() => unknown[])[] = [
    () => [],
    () => [hostileValue(random)],
    () => [hostileValue(random), hostileValue(random)],
    () => [nearValid()],
    () => [nearValid()],
    () => [jsonOf(nearValid())],
    () => [`{"partnerId": "${CANARY}", "conversationId": ${random.chance(0.5) ? 'undefined' : `"${CANARY}`}`],
    () => [`${'['.repeat(random.int(1, 20_000))}${CANARY}`],
    () => [`{"notes": "${CANARY}${'y'.repeat(300 * 1024)}"}`],
    () => [jsonOf(hostileValue(random, 2))],
  ];
  if (method === 'incomingCall')
    shapes.push(() => Array.from({ length: random.int(2, 6) }, () => hostileValue(random, 1)));
  return random.pick(shapes)();
}

/** Anything but a valid value for a required field: a non-string for the text fields, a non-number or an out-of-range number for `duration`. */
function hostileNonString(random: Random, field: string): unknown {
  for (;;) {
    const value = hostileValue(random, 1);
    if (
      field === 'duration'
        ? typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value > 604_800
        : typeof value !== 'string'
    )
      return value;
  }
}

/** JSON text of a value that may hold BigInts, symbols, cycles, DOM objects or a throwing `toJSON`. */
function jsonOf(value: unknown): string {
  const replacer = (_key: string, v: unknown): unknown => {
    if (typeof v === 'bigint' || typeof v === 'symbol') return String(v);
    // A sparse array of a million slots would become a million "null"s (huge JSON has its own case).
    if (Array.isArray(v) && v.length > 1000) return v.slice(0, 3);
    // Window and DOM nodes would be walked property by property: keep their kind only.
    if (
      typeof v === 'object' &&
      v !== null &&
      !Array.isArray(v) &&
      Object.getPrototypeOf(v) !== Object.prototype &&
      Object.getPrototypeOf(v) !== null
    )
      return Object.prototype.toString.call(v);
    return v;
  };
  try {
    return JSON.stringify(value, replacer) ?? 'null';
  } catch {
    return `{"partnerId": "${CANARY}"}`;
  }
}
