import { expect } from '@esm-bundle/chai';
import { parseContractCall } from '../../src/contract/parse-contract-call.js';
import { BridgeError } from '../../src/errors/index.js';
import type { SoftphoneMethod } from '../../src/contract/softphone-payloads.js';
import { SOFTPHONE_METHODS } from '../../src/contract/softphone-methods.js';

const ids = {
  partnerId: '215fd887-39be-4935-981f-2670d6afeaa7',
  conversationId: 'c0a1b2c3-0000-4000-8000-000000000001',
};

/** A valid payload per method, from the seed's tables. */
const valid: Record<SoftphoneMethod, Record<string, unknown>> = {
  incomingCall: { ...ids, callerANI: '+18883973342', language: 'es_MX' },
  callAccepted: {
    ...ids,
    callerANI: '+18883973342',
    language: 'en_US',
    ivrExitPath: 'booking',
    channelName: 'voice',
    reservationStartDate: '2026-12-01',
    specialEvent: 'none',
    escalationType: 'tier2',
    recordingStatus: 'ON',
  },
  callRejected: { ...ids, reason: 'passive' },
  callEnded: {
    ...ids,
    duration: 125,
    disposition: 'resolved',
    notes: 'Caller asked about a refund.',
    callType: 'inbound',
  },
  callNotesSubmitted: { ...ids, disposition: 'resolved', notes: 'Follow up on Monday.' },
  outboundCallInitiated: { ...ids, dialledTo: '+18449401117' },
  statusChanged: { softphoneId: 'd6afeaa7-39be-4935-981f-2670215fd887' },
};

/** A required field per method, and a wrong-typed value for it. */
const required: Record<SoftphoneMethod, [field: string, wrong: unknown][]> = {
  incomingCall: [
    ['partnerId', 7],
    ['conversationId', null],
    ['callerANI', 18883973342],
  ],
  callAccepted: [
    ['partnerId', {}],
    ['conversationId', 1],
  ],
  callRejected: [
    ['conversationId', true],
    ['reason', 'maybe'],
  ],
  callEnded: [
    ['conversationId', 3],
    ['duration', '125'],
  ],
  callNotesSubmitted: [
    ['partnerId', []],
    ['conversationId', false],
  ],
  outboundCallInitiated: [
    ['conversationId', 9],
    ['dialledTo', 5],
  ],
  statusChanged: [['softphoneId', 42]],
};

function expectError(result: ReturnType<typeof parseContractCall>, code: string): BridgeError {
  expect(result.ok).to.equal(false);
  const error = (result as { ok: false; error: BridgeError }).error;
  expect(error).to.be.instanceOf(BridgeError);
  expect(error.code).to.equal(code);
  return error;
}

describe('parseContractCall()', () => {
  for (const method of SOFTPHONE_METHODS) {
    describe(method, () => {
      it('accepts the seed payload as an object', () => {
        const result = parseContractCall(method, [valid[method]]);
        expect(result.ok).to.equal(true);
        expect((result as { payload: unknown }).payload).to.deep.include(valid[method]);
      });

      it('accepts the same payload as a JSON string', () => {
        const result = parseContractCall(method, [JSON.stringify(valid[method])]);
        expect(result.ok).to.equal(true);
        expect((result as { payload: unknown }).payload).to.deep.include(valid[method]);
      });

      it('keeps unknown extra fields', () => {
        const result = parseContractCall(method, [{ ...valid[method], vendorQueue: 'gold', tags: ['vip'] }]);
        expect(result.ok).to.equal(true);
        expect((result as { payload: Record<string, unknown> }).payload['vendorQueue']).to.equal('gold');
        expect((result as { payload: Record<string, unknown> }).payload['tags']).to.deep.equal(['vip']);
      });

      for (const [field, wrong] of required[method]) {
        it(`rejects a missing "${field}", naming the method and the field`, () => {
          const payload = { ...valid[method] };
          delete payload[field];
          const error = expectError(parseContractCall(method, [payload]), 'CONTRACT_PAYLOAD_INVALID');
          expect(error.message).to.contain(method).and.to.contain(`"${field}"`).and.to.contain('required');
          expect(error.details['fields']).to.deep.equal([field]);
        });

        it(`rejects a mistyped "${field}" without echoing the value`, () => {
          const error = expectError(
            parseContractCall(method, [{ ...valid[method], [field]: wrong }]),
            'CONTRACT_PAYLOAD_INVALID',
          );
          expect(error.message).to.contain(`"${field}"`);
          if (typeof wrong === 'string' || typeof wrong === 'number')
            expect(error.message).not.to.contain(String(wrong));
        });
      }

      it('rejects no argument and two arguments', () => {
        if (method !== 'incomingCall')
          expectError(parseContractCall(method, [valid[method], {}]), 'CONTRACT_ARGUMENTS_INVALID');
        expectError(parseContractCall(method, []), 'CONTRACT_ARGUMENTS_INVALID');
      });

      it('rejects a string that is not JSON, without quoting it', () => {
        const error = expectError(parseContractCall(method, ['{"notes": "secret']), 'CONTRACT_JSON_INVALID');
        expect(error.message).not.to.contain('secret');
      });

      it('rejects arrays, numbers and null', () => {
        for (const bad of [[valid[method]], 12, null, '[1,2]', 'null']) {
          expectError(parseContractCall(method, [bad]), 'CONTRACT_ARGUMENTS_INVALID');
        }
      });
    });
  }

  describe('incomingCall positional form', () => {
    it('takes (partnerId, conversationId, callerANI, language)', () => {
      const result = parseContractCall('incomingCall', [ids.partnerId, ids.conversationId, '+15550100', 'fr_FR']);
      expect(result.ok).to.equal(true);
      expect((result as { payload: unknown }).payload).to.deep.equal({
        ...ids,
        callerANI: '+15550100',
        language: 'fr_FR',
      });
    });

    it('defaults language to en_US when it is left out or undefined', () => {
      for (const args of [
        [ids.partnerId, ids.conversationId, '+15550100'],
        [ids.partnerId, ids.conversationId, '+15550100', undefined],
      ]) {
        const result = parseContractCall('incomingCall', args);
        expect((result as { payload: { language: string } }).payload.language).to.equal('en_US');
      }
    });

    it('defaults language in the object form too', () => {
      const result = parseContractCall('incomingCall', [{ ...ids, callerANI: '+15550100' }]);
      expect((result as { payload: { language: string } }).payload.language).to.equal('en_US');
    });

    it('rejects a missing positional callerANI by name', () => {
      const error = expectError(
        parseContractCall('incomingCall', [ids.partnerId, ids.conversationId]),
        'CONTRACT_PAYLOAD_INVALID',
      );
      expect(error.details['fields']).to.deep.equal(['callerANI']);
    });

    it('rejects more than four positional arguments', () => {
      expectError(
        parseContractCall('incomingCall', [ids.partnerId, ids.conversationId, '+1', 'en_US', 'extra']),
        'CONTRACT_ARGUMENTS_INVALID',
      );
    });
  });

  describe('tolerant forms', () => {
    it('normalises the case of enum values', () => {
      const rejected = parseContractCall('callRejected', [{ ...ids, reason: ' Passive ' }]);
      expect((rejected as { payload: { reason: string } }).payload.reason).to.equal('passive');
      const accepted = parseContractCall('callAccepted', [{ ...ids, recordingStatus: 'off' }]);
      expect((accepted as { payload: { recordingStatus: string } }).payload.recordingStatus).to.equal('OFF');
      const ended = parseContractCall('callEnded', [{ ...ids, duration: 1, callType: 'OUTBOUND' }]);
      expect((ended as { payload: { callType: string } }).payload.callType).to.equal('outbound');
    });

    it('accepts an empty callerANI for withheld numbers', () => {
      expect(parseContractCall('incomingCall', [{ ...ids, callerANI: '' }]).ok).to.equal(true);
    });

    it('drops __proto__ and function fields but keeps the rest of the event', () => {
      const payload = JSON.parse(
        `{"partnerId":"p","conversationId":"c","duration":3,"__proto__":{"polluted":true},"hook":1}`,
      ) as Record<string, unknown>;
      const result = parseContractCall('callEnded', [{ ...payload, fn: () => 1 }]);
      expect(result.ok).to.equal(true);
      const parsed = (result as { payload: Record<string, unknown> }).payload;
      expect(Object.getPrototypeOf(parsed)).to.equal(Object.prototype);
      expect(parsed).not.to.have.property('fn');
      expect(parsed['hook']).to.equal(1);
      expect(({} as Record<string, unknown>)['polluted']).to.equal(undefined);
    });
  });

  describe('bounds', () => {
    it('rejects negative, infinite and week-long durations', () => {
      for (const duration of [-1, Number.POSITIVE_INFINITY, Number.NaN, 604_801]) {
        expectError(parseContractCall('callEnded', [{ ...ids, duration }]), 'CONTRACT_PAYLOAD_INVALID');
      }
    });

    it('rejects notes longer than 32,000 characters and JSON longer than 256 KB', () => {
      expectError(
        parseContractCall('callNotesSubmitted', [{ ...ids, notes: 'x'.repeat(32_001) }]),
        'CONTRACT_PAYLOAD_INVALID',
      );
      expectError(
        parseContractCall('callNotesSubmitted', [`{"notes":"${'x'.repeat(300_000)}"}`]),
        'CONTRACT_JSON_INVALID',
      );
    });

    it('rejects an empty conversationId', () => {
      const error = expectError(
        parseContractCall('callEnded', [{ ...ids, conversationId: '', duration: 1 }]),
        'CONTRACT_PAYLOAD_INVALID',
      );
      expect(error.message).to.contain('at least 1');
    });
  });
});

describe('parseContractCall() with hostile objects', () => {
  it('rejects a payload whose getter throws as bad arguments, not as a store failure', () => {
    const payload = {
      partnerId: 'p',
      conversationId: 'c',
      duration: 1,
      get notes(): string {
        throw new Error('boom');
      },
    };
    const result = parseContractCall('callEnded', [payload]);
    expect(result.ok).to.equal(false);
    expect((result as { error: BridgeError }).error.code).to.equal('CONTRACT_ARGUMENTS_INVALID');
    const proxy = new Proxy(
      {},
      {
        ownKeys() {
          throw new Error('trap');
        },
      },
    );
    expect((parseContractCall('incomingCall', ['p', 'c', proxy]) as { error: BridgeError }).error.code).to.equal(
      'CONTRACT_ARGUMENTS_INVALID',
    );
  });
});
