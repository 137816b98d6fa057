// Planned calls for the scenarios that play whole calls: each a conversation, the contract
// events a softphone sends for it (in order, with the out-of-order and duplicate shapes
// softphones produce), what its one call log must hold at the end, and the customer data it
// carries (which must never reach a log line).

const PARTNER_ID = '215fd887-39be-4935-981f-2670d6afeaa7';
const DISPOSITIONS = ['resolved', 'callback-requested', 'voicemail', 'escalated'];

/**
 * @returns {{ conversationId: string, variant: string, events: { method: string, payload: Record<string, unknown> }[], expected: { notes: string|null, disposition: string|null, durationSeconds: number|null, outcome: string }, secrets: string[] }[]}
 */
export function planCalls(random, count, prefix) {
  const calls = [];
  for (let i = 0; i < count; i += 1) {
    const conversationId = `${prefix}-${i}`;
    const ids = { partnerId: PARTNER_ID, conversationId };
    const phone = `+1555${String(random.int(0, 9_999_999)).padStart(7, '0')}`;
    const note = (n) => `Call ${i} note ${n}: caller at ${phone} asked about order ${random.int(10_000, 99_999)}`;
    const n1 = note(1);
    const n2 = note(2);
    const d1 = random.pick(DISPOSITIONS);
    const d2 = random.pick(DISPOSITIONS);
    const duration = random.int(1, 3600);
    const incoming = { method: 'incomingCall', payload: { ...ids, callerANI: phone } };
    const accepted = { method: 'callAccepted', payload: { ...ids, ivrExitPath: 'billing', channelName: 'voice' } };
    const notes = (text, disposition) => ({
      method: 'callNotesSubmitted',
      payload: { ...ids, notes: text, disposition },
    });
    const ended = (extra = {}) => ({ method: 'callEnded', payload: { ...ids, duration, ...extra } });
    const roll = random.next();
    let variant;
    let events;
    let expected = { notes: n1, disposition: d1, durationSeconds: duration, outcome: 'completed' };
    if (roll < 0.3) {
      variant = 'notes before the end';
      events = [incoming, accepted, notes(n1, d1), ended()];
    } else if (roll < 0.45) {
      variant = 'notes after the end';
      events = [incoming, accepted, ended(), notes(n1, d1)];
    } else if (roll < 0.6) {
      variant = 'notes, empty notes at the end, notes again';
      events = [incoming, accepted, notes(n1, d1), ended({ notes: '' }), notes(n2, d2)];
      expected = { ...expected, notes: n2, disposition: d2 };
    } else if (roll < 0.75) {
      variant = 'outbound, notes with the end';
      events = [
        { method: 'outboundCallInitiated', payload: { ...ids, dialledTo: phone } },
        accepted,
        ended({ notes: n1, disposition: d1, callType: 'outbound' }),
      ];
    } else if (roll < 0.85) {
      variant = 'ended unanswered, then notes';
      events = [incoming, { method: 'callEnded', payload: { ...ids, duration: 0 } }, notes(n1, d1)];
      expected = { ...expected, durationSeconds: 0, outcome: 'unanswered' };
    } else if (roll < 0.95) {
      variant = 'duplicate end and notes';
      events = [incoming, accepted, ended(), ended(), notes(n1, d1), notes(n1, d1)];
    } else {
      variant = 'rang out (passive rejection)';
      events = [incoming, { method: 'callRejected', payload: { ...ids, reason: 'passive' } }];
      expected = { notes: null, disposition: null, durationSeconds: null, outcome: 'missed' };
    }
    calls.push({ conversationId, variant, events, expected, secrets: [phone, n1, n2] });
  }
  return calls;
}

/** Differences between a call log's fields and what the plan expects, as text; a field expected `undefined` is not compared. */
export function logDifferences(log, expected) {
  const out = [];
  for (const field of ['notes', 'disposition', 'durationSeconds', 'outcome']) {
    if (expected[field] === undefined) continue;
    if ((log?.[field] ?? null) !== expected[field])
      out.push(`${field} ${JSON.stringify(log?.[field] ?? null)} ≠ ${JSON.stringify(expected[field])}`);
  }
  return out;
}
