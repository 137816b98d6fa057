import { expect } from '@esm-bundle/chai';
import fc from 'fast-check';
import { BridgeError } from '../../src/errors/index.js';
import { resolveRetryPolicy, retryDelay } from '../../src/outbox/retry-policy.js';

const defaults = resolveRetryPolicy({});
const lowest = () => 0;
// The largest value Math.random() can return.
const highest = () => 1 - Number.EPSILON;

describe('retry policy', () => {
  it('defaults to a 1 s base, a 30 s cap, 12 attempts and a 30 s write timeout', () => {
    expect(defaults).to.deep.equal({ baseDelayMs: 1_000, maxDelayMs: 30_000, maxAttempts: 12, writeTimeoutMs: 30_000 });
  });

  it('refuses a zero base delay and a fractional attempt limit', () => {
    for (const bad of [{ baseDelayMs: 0 }, { maxAttempts: 1.5 }, { writeTimeoutMs: Number.NaN }]) {
      const error = (() => {
        try {
          resolveRetryPolicy(bad);
        } catch (e) {
          return e;
        }
        return undefined;
      })();
      expect(error).to.be.instanceOf(BridgeError);
      expect((error as BridgeError).details['keys']).to.deep.equal(Object.keys(bad));
    }
  });

  it('waits between 500 and 1000 ms before the first retry with a 1 s base', () => {
    expect(retryDelay(1, defaults, lowest)).to.equal(500);
    expect(retryDelay(1, defaults, highest)).to.equal(1_000);
    expect(retryDelay(1, defaults, () => 0.5)).to.equal(750);
  });

  it('doubles the nominal wait with each retry', () => {
    expect([1, 2, 3, 4, 5].map((attempt) => retryDelay(attempt, defaults, highest))).to.deep.equal([
      1_000, 2_000, 4_000, 8_000, 16_000,
    ]);
    expect([1, 2, 3, 4, 5].map((attempt) => retryDelay(attempt, defaults, lowest))).to.deep.equal([
      500, 1_000, 2_000, 4_000, 8_000,
    ]);
  });

  it('never waits longer than the cap, however many retries came before', () => {
    expect(retryDelay(6, defaults, highest)).to.equal(30_000);
    expect(retryDelay(6, defaults, lowest)).to.equal(15_000);
    expect(retryDelay(1_000, defaults, highest)).to.equal(30_000);
    expect(retryDelay(Number.MAX_SAFE_INTEGER, defaults, highest)).to.equal(30_000);
  });

  it('treats attempt 0 and below like the first retry', () => {
    expect(retryDelay(0, defaults, lowest)).to.equal(500);
    expect(retryDelay(-3, defaults, highest)).to.equal(1_000);
  });

  it('stays within half and all of the capped nominal wait for any attempt and random value', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 200 }),
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        fc.integer({ min: 1, max: 10_000 }),
        fc.integer({ min: 1, max: 120_000 }),
        (attempt, random, baseDelayMs, maxDelayMs) => {
          const nominal = Math.min(maxDelayMs, baseDelayMs * 2 ** (attempt - 1));
          const delay = retryDelay(attempt, { baseDelayMs, maxDelayMs }, () => random);
          expect(delay).to.be.at.least(Math.floor(nominal / 2));
          expect(delay).to.be.at.most(Math.ceil(nominal));
          expect(delay).to.be.at.most(maxDelayMs);
          expect(Number.isInteger(delay)).to.equal(true);
        },
      ),
    );
  });
});
