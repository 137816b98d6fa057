import { expect } from '@esm-bundle/chai';
import fc from 'fast-check';
import { BridgeError } from '../../src/errors/index.js';
import { reviveEntry, settleFailure, settleSuccess, upsertEntry } from '../../src/outbox/entry-rules.js';
import type { OutboxEntry } from '../../src/outbox/outbox-entry.js';
import { callLogWrite, callRecord } from '../fixtures/outbox-fixtures.js';

const failure = new BridgeError('ADAPTER_WRITE_FAILED', 'The CRM timed out.').toJSON();
const receipt = { recordId: 'LOG-1', recordType: 'CallLog' };
const first = callLogWrite(callRecord({ notes: 'first' }));
const second = callLogWrite(callRecord({ notes: 'second', revision: 3 }));

/** An entry of `first` in a given condition, as earlier steps would have left it. */
function entry(changes: Partial<OutboxEntry> = {}): OutboxEntry {
  return { ...upsertEntry(undefined, first, 100), ...changes };
}

describe('entry rules', () => {
  describe('upsertEntry()', () => {
    it('creates a pending entry at revision 1, due now, for a new key', () => {
      expect(upsertEntry(undefined, first, 100)).to.deep.equal({
        key: 'conv-1:callLog',
        kind: 'callLog',
        data: first.data,
        status: 'pending',
        revision: 1,
        attempts: 0,
        createdAt: 100,
        changedAt: 100,
        updatedAt: 100,
        nextAttemptAt: 100,
      });
    });

    it('leaves a sent entry untouched when the same data is queued again', () => {
      const sent = settleSuccess(entry(), 1, receipt, 200);
      const again = upsertEntry(sent, callLogWrite(callRecord({ notes: 'first' })), 300);
      expect(again).to.deep.equal(sent);
      expect(again.status).to.equal('sent');
      expect(again.updatedAt).to.equal(200);
    });

    it('leaves a pending entry untouched when the same data is queued again', () => {
      const failing = settleFailure(entry(), 1, failure, 5_000, 200);
      expect(upsertEntry(failing, first, 300)).to.deep.equal(failing);
    });

    it('replaces the data of a pending entry, bumps the revision and keeps the backoff', () => {
      const failing = settleFailure(settleFailure(entry(), 1, failure, 2_000, 200), 1, failure, 5_000, 2_100);
      const next = upsertEntry(failing, second, 3_000);
      expect(next.data).to.deep.equal(second.data);
      expect(next.revision).to.equal(2);
      expect(next.status).to.equal('pending');
      expect(next.attempts).to.equal(2);
      expect(next.nextAttemptAt).to.equal(5_000);
      expect(next.updatedAt).to.equal(3_000);
      expect(next.createdAt).to.equal(100);
    });

    it('makes a sent entry pending again for newer data, due now, with the receipt kept', () => {
      const sent = settleSuccess(entry(), 1, receipt, 200);
      const next = upsertEntry(sent, second, 3_000);
      expect(next.status).to.equal('pending');
      expect(next.revision).to.equal(2);
      expect(next.receipt).to.deep.equal(receipt);
      expect(next.attempts).to.equal(0);
      expect(next.nextAttemptAt).to.equal(3_000);
      expect(next.data).to.deep.equal(second.data);
    });

    it('gives a dead entry a fresh round of attempts when its data is queued again, without the old error', () => {
      const dead = settleFailure(entry({ attempts: 11 }), 1, failure, undefined, 200);
      expect(dead.status).to.equal('dead');
      const next = upsertEntry(dead, second, 3_000);
      expect(next).to.include({ status: 'pending', attempts: 0, nextAttemptAt: 3_000, revision: 2 });
      expect(next).not.to.have.property('lastError');
    });
  });

  describe('settleSuccess()', () => {
    it('marks the revision it confirmed as sent, with the receipt and without the last error', () => {
      const failing = settleFailure(entry(), 1, failure, 5_000, 200);
      const sent = settleSuccess(failing, 1, receipt, 6_000);
      expect(sent).to.include({ status: 'sent', attempts: 0, updatedAt: 6_000, revision: 1 });
      expect(sent.receipt).to.deep.equal(receipt);
      expect(sent).not.to.have.property('lastError');
    });

    it('keeps the entry pending, due now and holding the receipt, when a newer revision was queued meanwhile', () => {
      const newer = upsertEntry(entry(), second, 150);
      const settled = settleSuccess(newer, 1, receipt, 200);
      expect(settled).to.include({ status: 'pending', revision: 2, nextAttemptAt: 200 });
      expect(settled.receipt).to.deep.equal(receipt);
      expect(settled.data).to.deep.equal(second.data);
    });
  });

  describe('settleFailure()', () => {
    it('counts the attempt and schedules the retry for the revision that failed', () => {
      const failing = settleFailure(entry(), 1, failure, 5_000, 200);
      expect(failing).to.include({ status: 'pending', attempts: 1, nextAttemptAt: 5_000, updatedAt: 200 });
      expect(failing.lastError).to.deep.equal(failure);
    });

    it('dead-letters the revision that failed its last attempt', () => {
      const dead = settleFailure(entry({ attempts: 11 }), 1, failure, undefined, 200);
      expect(dead).to.include({ status: 'dead', attempts: 12 });
      expect(dead.lastError).to.deep.equal(failure);
    });

    it('never dead-letters newer data when an older revision gives up; the newer one is due now with fresh attempts', () => {
      const newer = upsertEntry(entry({ attempts: 11 }), second, 150);
      const settled = settleFailure(newer, 1, failure, undefined, 200);
      expect(settled).to.include({ status: 'pending', revision: 2, attempts: 0, nextAttemptAt: 200 });
    });

    it('resets the attempts of newer data when an older revision fails but keeps its retry time', () => {
      const newer = upsertEntry(entry({ attempts: 4 }), second, 150);
      const settled = settleFailure(newer, 1, failure, 9_000, 200);
      expect(settled).to.include({ status: 'pending', revision: 2, attempts: 0, nextAttemptAt: 9_000 });
    });
  });

  describe('reviveEntry()', () => {
    it('makes a dead entry pending and due now with its attempts reset', () => {
      const dead = settleFailure(entry({ attempts: 11 }), 1, failure, undefined, 200);
      expect(reviveEntry(dead, 7_000)).to.include({
        status: 'pending',
        attempts: 0,
        nextAttemptAt: 7_000,
        updatedAt: 7_000,
        revision: 1,
      });
    });

    it('leaves pending and sent entries as they are', () => {
      const pending = entry();
      const sent = settleSuccess(entry(), 1, receipt, 200);
      expect(reviveEntry(pending, 7_000)).to.equal(pending);
      expect(reviveEntry(sent, 7_000)).to.equal(sent);
    });
  });

  describe('any interleaving of queued data and settled attempts', () => {
    type Step =
      { op: 'queue'; notes: string } | { op: 'succeed'; lag: number } | { op: 'fail'; lag: number; giveUp: boolean };
    const step: fc.Arbitrary<Step> = fc.oneof(
      fc.record({ op: fc.constant('queue' as const), notes: fc.constantFrom('a', 'b', 'c') }),
      fc.record({ op: fc.constant('succeed' as const), lag: fc.nat(2) }),
      fc.record({ op: fc.constant('fail' as const), lag: fc.nat(2), giveUp: fc.boolean() }),
    );

    it('ends sent only when the latest revision was confirmed, and dead only when the latest revision gave up', () => {
      fc.assert(
        fc.property(fc.array(step, { maxLength: 30 }), (steps) => {
          let current = entry();
          let now = 100;
          let confirmed = 0;
          let gaveUp = 0;
          for (const s of steps) {
            now += 10;
            const before = current;
            if (s.op === 'queue') {
              current = upsertEntry(current, callLogWrite(callRecord({ notes: s.notes })), now);
              expect(current.revision).to.be.at.least(before.revision);
            } else {
              // An attempt may settle for the current revision or one queued before it.
              const revision = Math.max(1, current.revision - s.lag);
              if (current.status !== 'pending') continue;
              if (s.op === 'succeed') {
                current = settleSuccess(current, revision, receipt, now);
                if (revision === current.revision) confirmed = revision;
              } else {
                current = settleFailure(current, revision, failure, s.giveUp ? undefined : now + 1_000, now);
                if (s.giveUp && revision === current.revision) gaveUp = revision;
              }
              expect(current.revision).to.equal(before.revision);
            }
            if (current.status === 'sent') expect(confirmed).to.equal(current.revision);
            if (current.status === 'dead') expect(gaveUp).to.equal(current.revision);
            if (before.receipt !== undefined) expect(current.receipt).to.deep.equal(before.receipt);
          }
        }),
        { numRuns: 300 },
      );
    });
  });
});
