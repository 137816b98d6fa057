import { expect } from '@esm-bundle/chai';
import {
  adapterConnectFailed,
  adapterTimeout,
  BridgeError,
  bridgeErrorFromJSON,
  ERROR_CODES,
  errorCatalog,
  errorCode,
  isBridgeErrorCode,
  remoteCodeUnknown,
  RETRYABLE_CODES,
  screenPopFailed,
  toBridgeError,
  type BridgeErrorCode,
} from '../../src/errors/index.js';
import * as errors from '../../src/errors/factories.js';

describe('errorCatalog', () => {
  it('is sorted by code', () => {
    const codes = Object.keys(errorCatalog);
    expect(codes).to.deep.equal([...codes].sort());
  });

  it('names every code AREA_PROBLEM (or one word)', () => {
    for (const code of Object.keys(errorCatalog)) expect(code).to.match(/^[A-Z]+(_[A-Z]+)*$/);
  });

  it('lists exactly its retryable codes in RETRYABLE_CODES', () => {
    const retryable = Object.entries(errorCatalog)
      .filter(([, entry]) => entry.retryable)
      .map(([code]) => code);
    expect([...RETRYABLE_CODES].sort()).to.deep.equal(retryable);
  });

  it('lists exactly its codes in ERROR_CODES', () => {
    expect(ERROR_CODES).to.deep.equal(Object.keys(errorCatalog));
  });

  it('names, for every code, the exported factory that makes it', () => {
    for (const [code, entry] of Object.entries(errorCatalog)) {
      const factory = (errors as unknown as Record<string, unknown>)[entry.factory];
      expect(factory, `${code}: ${entry.factory}`).to.be.a('function');
    }
    const factories = Object.values(errors).filter((value) => typeof value === 'function');
    expect(factories.length, 'one factory per code, no more').to.equal(ERROR_CODES.length);
  });
});

describe('error factories', () => {
  it('make their code, with the retryable default the catalog lists', () => {
    const made = [
      adapterConnectFailed('The fake adapter could not connect.'),
      adapterTimeout('Dynamics createRecord', 5000, { details: { method: 'createRecord' } }),
      screenPopFailed('The screen pop failed.', { cause: new Error('vendor') }),
      remoteCodeUnknown('from a newer host'),
    ];
    for (const error of made) {
      expect(error).to.be.instanceOf(BridgeError);
      expect(error.retryable, error.code).to.equal(errorCatalog[error.code].retryable);
    }
    expect(made.map((e) => e.code)).to.deep.equal([
      'ADAPTER_CONNECT_FAILED',
      'ADAPTER_TIMEOUT',
      'SCREEN_POP_FAILED',
      'REMOTE_CODE_UNKNOWN',
    ]);
  });

  it('build the message from names and keep the details and the cause', () => {
    const cause = new Error('vendor detail with +15550100');
    const error = adapterTimeout('Dynamics createRecord', 5000, { details: { method: 'createRecord' }, cause });
    expect(error.message).to.equal('Dynamics createRecord: no answer within 5000 ms.');
    expect(error.details).to.deep.equal({ method: 'createRecord', timeoutMs: 5000 });
    expect(error.cause).to.equal(cause);
    expect(adapterConnectFailed('HTTP 400', { retryable: false }).retryable, 'the thrower may override').to.equal(
      false,
    );
  });
});

describe('BridgeError', () => {
  it('takes retryable from the generated list unless told otherwise', () => {
    expect(new BridgeError('ADAPTER_WRITE_FAILED').retryable).to.equal(true);
    expect(new BridgeError('CONTRACT_PAYLOAD_INVALID').retryable).to.equal(false);
    expect(new BridgeError('ADAPTER_WRITE_FAILED', 'HTTP 400', { retryable: false }).retryable).to.equal(false);
    for (const [code, entry] of Object.entries(errorCatalog))
      expect(new BridgeError(code as BridgeErrorCode).retryable, code).to.equal(entry.retryable);
  });

  it('falls back to the code as its message, so that no summary text rides along in a bundle', () => {
    expect(new BridgeError('BRIDGE_DISPOSED').message).to.equal('BRIDGE_DISPOSED');
    expect(
      toBridgeError(new Error('vendor'), (cause) => screenPopFailed('The CRM could not pop the record.', { cause }))
        .message,
    ).to.equal('The CRM could not pop the record.');
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

  it('rebuilds an unknown code as REMOTE_CODE_UNKNOWN, keeping the message, rather than throwing', () => {
    const back = bridgeErrorFromJSON({ code: 'NOT_A_CODE', message: 5 });
    expect(back.code).to.equal('REMOTE_CODE_UNKNOWN');
    expect(back.message, 'no message: the code, as for a BridgeError made without one').to.equal('REMOTE_CODE_UNKNOWN');
    expect(back.retryable).to.equal(false);
    const newer = bridgeErrorFromJSON({
      code: 'SOME_NEWER_CODE',
      message: 'from a newer host',
      retryable: true,
      details: { method: 'callEnded' },
    });
    expect(newer).to.include({ code: 'REMOTE_CODE_UNKNOWN', message: 'from a newer host', retryable: true });
    expect(newer.details).to.deep.equal({ method: 'callEnded' });
    expect(bridgeErrorFromJSON({ code: 'REMOTE_TIMEOUT' })).to.include({
      code: 'REMOTE_TIMEOUT',
      message: 'REMOTE_TIMEOUT',
      retryable: true,
    });
    expect(isBridgeErrorCode('NOT_A_CODE')).to.equal(false);
    expect(isBridgeErrorCode('toString')).to.equal(false);
  });

  it('wraps foreign errors as cause through a factory and passes BridgeErrors through', () => {
    const original = new TypeError('boom');
    const pop = (cause: unknown) => screenPopFailed('The screen pop failed.', { cause });
    const wrapped = toBridgeError(original, pop);
    expect(wrapped.code).to.equal('SCREEN_POP_FAILED');
    expect(wrapped.cause).to.equal(original);
    const own = new BridgeError('CALLBACK_FAILED');
    expect(toBridgeError(own, pop)).to.equal(own);
  });

  it('logs the code of a BridgeError, and INTERNAL for anything else', () => {
    expect(errorCode(new BridgeError('REMOTE_TIMEOUT'))).to.equal('REMOTE_TIMEOUT');
    expect(errorCode(new TypeError('boom'))).to.equal('INTERNAL');
  });
});
