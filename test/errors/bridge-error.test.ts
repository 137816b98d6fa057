import { expect } from '@esm-bundle/chai';
import { BridgeError, bridgeErrorFromJSON, errorCatalog, isBridgeErrorCode, toBridgeError, type BridgeErrorCode } from '../../src/errors/index.js';
import { ERROR_CODES } from '../../src/errors/error-codes.js';
import { RETRYABLE_CODES } from '../../src/errors/retryable-codes.js';

describe('errorCatalog', () => {
  it('is sorted by code', () => {
    const codes = Object.keys(errorCatalog);
    expect(codes).to.deep.equal([...codes].sort());
  });

  it('names every code AREA_PROBLEM', () => {
    for (const code of Object.keys(errorCatalog)) expect(code).to.match(/^[A-Z]+(_[A-Z]+)+$/);
  });

  it('lists exactly its retryable codes in RETRYABLE_CODES', () => {
    const retryable = Object.entries(errorCatalog).filter(([, entry]) => entry.retryable).map(([code]) => code);
    expect([...RETRYABLE_CODES].sort()).to.deep.equal(retryable);
  });

  it('lists exactly its codes in ERROR_CODES', () => {
    expect(ERROR_CODES).to.deep.equal(Object.keys(errorCatalog));
  });
});

describe('BridgeError', () => {
  it('takes retryable from the catalog unless told otherwise', () => {
    expect(new BridgeError('ADAPTER_WRITE_FAILED').retryable).to.equal(true);
    expect(new BridgeError('CONTRACT_PAYLOAD_INVALID').retryable).to.equal(false);
    expect(new BridgeError('ADAPTER_WRITE_FAILED', 'HTTP 400', { retryable: false }).retryable).to.equal(false);
    for (const [code, entry] of Object.entries(errorCatalog)) expect(new BridgeError(code as BridgeErrorCode).retryable, code).to.equal(entry.retryable);
  });

  it('falls back to the code as its message, so that no summary text rides along in a bundle', () => {
    expect(new BridgeError('BRIDGE_DISPOSED').message).to.equal('BRIDGE_DISPOSED');
    expect(toBridgeError(new Error('vendor'), 'SCREEN_POP_FAILED').message).to.equal('SCREEN_POP_FAILED');
    expect(toBridgeError(new Error('vendor'), 'SCREEN_POP_FAILED', 'The CRM could not pop the record.').message).to.equal('The CRM could not pop the record.');
  });

  it('round-trips through JSON without its cause', () => {
    const error = new BridgeError('CONTRACT_PAYLOAD_INVALID', 'callEnded: "duration" is required (number).', {
      details: { method: 'callEnded', fields: ['duration'] },
      cause: new Error('vendor detail with +15550100'),
    });
    const json = JSON.parse(JSON.stringify(error)) as unknown;
    expect(JSON.stringify(json)).not.to.contain('+15550100');
    const back = bridgeErrorFromJSON(json);
    expect(back).to.be.instanceOf(BridgeError);
    expect(back.code).to.equal('CONTRACT_PAYLOAD_INVALID');
    expect(back.message).to.equal(error.message);
    expect(back.details).to.deep.equal({ method: 'callEnded', fields: ['duration'] });
    expect(back.retryable).to.equal(false);
  });

  it('rebuilds garbage as a generic error rather than throwing', () => {
    const back = bridgeErrorFromJSON({ code: 'NOT_A_CODE', message: 5 });
    expect(back.code).to.equal('ADAPTER_WRITE_FAILED');
    expect(back.message, 'no message: the code, as for a BridgeError made without one').to.equal('ADAPTER_WRITE_FAILED');
    expect(bridgeErrorFromJSON({ code: 'REMOTE_TIMEOUT' })).to.include({ code: 'REMOTE_TIMEOUT', message: 'REMOTE_TIMEOUT', retryable: true });
    expect(isBridgeErrorCode('NOT_A_CODE')).to.equal(false);
    expect(isBridgeErrorCode('toString')).to.equal(false);
  });

  it('wraps foreign errors as cause and passes BridgeErrors through', () => {
    const original = new TypeError('boom');
    const wrapped = toBridgeError(original, 'SCREEN_POP_FAILED');
    expect(wrapped.code).to.equal('SCREEN_POP_FAILED');
    expect(wrapped.cause).to.equal(original);
    const own = new BridgeError('CALLBACK_FAILED');
    expect(toBridgeError(own, 'SCREEN_POP_FAILED')).to.equal(own);
  });
});
