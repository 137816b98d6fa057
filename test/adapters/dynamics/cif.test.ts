import { expect } from '@esm-bundle/chai';
import { Cif } from '../../../adapters/dynamics/cif.js';
import type { CifFailure } from '../../../adapters/dynamics/cif-failure.js';
import type { CifApi } from '../../../adapters/dynamics/cif.types.js';
import { BridgeError } from '../../../src/contract/index.js';
import { systemClock } from '../../../src/shared/clock.js';
import { cifArgumentRejection, cifXrmRejection } from '../../fixtures/vendor/dynamics/cif-rejections.js';
import {
  lengthExceededMessage,
  SERVICE_PROTECTION_MESSAGE,
  undeclaredPropertyMessage,
} from '../../fixtures/vendor/dynamics/dataverse-errors.js';

/** A Cif whose createRecord rejects with `rejection`, exactly as given. */
async function failure(rejection: unknown): Promise<BridgeError> {
  const api = { createRecord: () => Promise.reject(rejection) } as unknown as CifApi;
  return new Cif(api, systemClock, 1000).call('createRecord', ['phonecall', '{}']).then(
    () => expect.fail('createRecord should reject'),
    (error: unknown) => error as BridgeError,
  );
}

describe('Cif (rejections as CIF makes them: JSON strings)', () => {
  it('reads an undeclared navigation property as final, naming the property but never quoting Dynamics', async () => {
    const text = undeclaredPropertyMessage('phonecalls', 'regardingobjectid_contact');
    const error = await failure(cifXrmRejection('createRecord', text));
    expect(error).to.be.instanceOf(BridgeError);
    expect(error.retryable).to.equal(false);
    expect(error.details).to.include({
      method: 'createRecord',
      refusal: 'undeclared-property',
      property: 'regardingobjectid_contact',
      errorType: 2,
      sourceFunc: 'client.createRecord - Xrm.WebApi.createRecord',
      status: null,
      errorCode: null,
    });
    expect(error.message).to.equal('Dynamics refused createRecord (undeclared-property: regardingobjectid_contact).');
    expect((error.cause as CifFailure).errorMsg).to.equal(text);
    expect(JSON.stringify(error)).not.to.contain('only has property annotations');
  });

  it('reads a too-long attribute and an argument the library refuses as final', async () => {
    const tooLong = await failure(cifXrmRejection('createRecord', lengthExceededMessage('subject', 'phonecall', 200)));
    expect(tooLong.retryable).to.equal(false);
    expect(tooLong.details).to.include({ refusal: 'too-long', property: 'subject' });
    const blank = await failure(
      cifArgumentRejection('The EntityName parameter is blank. Provide a value to the parameter.'),
    );
    expect(blank.retryable).to.equal(false);
    expect(blank.details['refusal']).to.equal('invalid-argument');
  });

  it('keeps the service protection limit (and anything unknown) retryable', async () => {
    const throttled = await failure(cifXrmRejection('createRecord', SERVICE_PROTECTION_MESSAGE));
    expect(throttled.retryable).to.equal(true);
    expect(throttled.details['refusal']).to.equal(null);
    expect((await failure('not json at all')).retryable).to.equal(true);
  });

  it('takes an Xrm errorCode for a Dataverse code, not an HTTP status', async () => {
    // Xrm.WebApi's error object, as a build that passes it through would reject with it.
    const error = await failure({ errorCode: 2147746611, message: 'A validation error occurred.' });
    expect(error.details).to.include({ errorCode: 2147746611, status: null, refusal: 'validation' });
    expect(error.retryable).to.equal(false);
  });
});
