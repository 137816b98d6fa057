import { expect } from '@esm-bundle/chai';
import { CallRecord } from '../../src/contract/call-record.js';
import { validStoredCall } from '../../src/contract/validate.js';
import { callRecord } from '../fixtures/outbox-fixtures.js';

/** What another script of the origin might leave in the calls store, field by field. */
const broken: Record<string, Record<string, unknown>> = {
  'no conversationId': { conversationId: undefined },
  'an empty conversationId': { conversationId: '' },
  'a numeric conversationId': { conversationId: 7 },
  'an unknown state': { state: 'exploded' },
  'no state': { state: undefined },
  'an unknown direction': { direction: 'sideways' },
  'a numeric phoneNumber': { phoneNumber: 4155550101 },
  'a fractional revision': { revision: 1.5 },
  'a text revision': { revision: '2' },
  'ivr as a string': { ivr: 'billing' },
  'ivr as null': { ivr: null },
  'extra as an array': { extra: [] },
};

describe('validStoredCall: the structure of a call record read back from storage', () => {
  it('returns a record the bridge wrote, as it is', () => {
    const call = callRecord({
      crmRecord: { id: '003A', type: 'Contact', name: 'Maya' },
      notes: 'text',
      ivr: { ivrExitPath: 'billing' },
    });
    expect(CallRecord.safeParse(call).success, 'the fixture is a valid CallRecord').to.equal(true);
    expect(validStoredCall(call)).to.equal(call);
  });

  for (const [what, change] of Object.entries(broken)) {
    it(`reads a record with ${what} as absent`, () => {
      expect(validStoredCall({ ...callRecord(), ...change })).to.equal(undefined);
    });
  }

  it('reads what is not an object as absent', () => {
    for (const value of [null, undefined, 'conv-1', 42, [callRecord()]])
      expect(validStoredCall(value)).to.equal(undefined);
  });
});
