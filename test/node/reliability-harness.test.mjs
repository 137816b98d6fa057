// The reliability suite's judges, checked without a browser: the fake CRM ledger that decides
// "none doubled" and "in order", and the seeded call plans (test/reliability/lib).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { planCalls } from '../reliability/lib/calls.mjs';
import { CrmLedger, SETTLE_WINDOW_MS } from '../reliability/lib/crm-ledger.mjs';
import { seeded, seedFor } from '../reliability/lib/random.mjs';

const call = (revision) => ({ conversationId: 'c1', notes: 'n', revision });

/** One create, answered (or not) to `page`. */
function create(ledger, page, { delivered = true } = {}) {
  const outcome = ledger.write({ key: 'c1:callLog', call: call(1), tab: 'A', page });
  ledger.settled(outcome.seq, delivered);
  return outcome;
}

test('a create sent again after its reply was delivered to a page that stayed is a duplicate', () => {
  const ledger = new CrmLedger();
  create(ledger, 'p1');
  create(ledger, 'p1');
  assert.equal(ledger.records.size, 1, 'the key keeps one record');
  assert.equal(ledger.unexplainedReplays().length, 1);
});

test('a create sent again after a lost reply is the ambiguity the key absorbs', () => {
  const ledger = new CrmLedger();
  create(ledger, 'p1', { delivered: false });
  create(ledger, 'p2');
  assert.deepEqual(ledger.unexplainedReplays(), []);
});

test('a reply that reached a page just before it went away may not have been stored', () => {
  const ledger = new CrmLedger();
  create(ledger, 'p1');
  ledger.pageGoing('p1');
  create(ledger, 'p2');
  assert.deepEqual(ledger.unexplainedReplays(), []);
});

test('a page that went away long after its reply had stored the receipt', () => {
  const ledger = new CrmLedger();
  const first = create(ledger, 'p1');
  ledger.creates.find((c) => c.seq === first.seq).replyAt -= SETTLE_WINDOW_MS + 1000;
  ledger.pageGoing('p1');
  create(ledger, 'p2');
  assert.equal(ledger.unexplainedReplays().length, 1);
});

test('an injected fault after commit stores the write and counts as a lost reply', () => {
  const ledger = new CrmLedger();
  ledger.faultFor = () => 'after';
  const outcome = ledger.write({ key: 'c1:callLog', call: call(1), tab: 'A', page: 'p1' });
  assert.equal(outcome.fault, 'after');
  assert.equal(ledger.records.size, 1);
  ledger.faultFor = () => undefined;
  create(ledger, 'p1');
  assert.deepEqual(ledger.unexplainedReplays(), []);
});

test('an older revision written after a newer one is recorded as out of order, and does not overwrite', () => {
  const ledger = new CrmLedger();
  const first = ledger.write({ key: 'c1:callLog', call: call(3), tab: 'A', page: 'p1' });
  ledger.write({
    key: 'c1:callLog',
    recordId: first.body.recordId,
    call: { ...call(2), notes: 'old' },
    tab: 'A',
    page: 'p1',
  });
  assert.equal(ledger.staleWrites.length, 1);
  assert.equal(ledger.records.get('c1:callLog').call.notes, 'n');
});

test('a receipt of another record is refused and recorded', () => {
  const ledger = new CrmLedger();
  const outcome = ledger.write({ key: 'c1:callLog', recordId: 'LOG-999', call: call(1), tab: 'A', page: 'p1' });
  assert.equal(outcome.status, 409);
  assert.equal(ledger.receiptMismatches.length, 1);
});

test('call plans are reproducible from the seed and cover every shape', () => {
  const a = planCalls(seeded(7), 300, 'x');
  const b = planCalls(seeded(7), 300, 'x');
  assert.deepEqual(a, b);
  assert.notDeepEqual(planCalls(seeded(8), 300, 'x'), a);
  assert.equal(new Set(a.map((c) => c.variant)).size, 7);
  for (const c of a) {
    assert.ok(c.events.length >= 2);
    assert.ok(c.events.every((e) => e.payload.conversationId === c.conversationId));
  }
});

test('each scenario gets its own stable seed', () => {
  assert.equal(seedFor(1, 'faults'), seedFor(1, 'faults'));
  assert.notEqual(seedFor(1, 'faults'), seedFor(1, 'reloads'));
  assert.notEqual(seedFor(1, 'faults'), seedFor(2, 'faults'));
});
