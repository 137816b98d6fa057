import { expect } from '@esm-bundle/chai';
import { FakeCif } from '../../fakes/fake-cif.js';
import { propertyNotFoundMessage } from '../../fixtures/vendor/dynamics/dataverse-errors.js';
import { ADA, cif } from './harness.js';

/** What a call rejected with (CIF rejects with strings). */
const rejection = (promise: Promise<unknown>) =>
  promise.then(
    () => expect.fail('should reject'),
    (error: unknown) => error,
  );

describe('FakeCif (Microsoft.CIFramework as its reference and library source describe it)', () => {
  it('answers JSON strings: search results keyed "0", "1"… with @odata.etag and the primary key; createRecord {entityType, id}', async () => {
    const fake = cif();
    const found = JSON.parse(
      await fake.searchAndOpenRecords('contact', "?$select=fullname&$filter=fullname eq 'Ada Lovelace'", true),
    ) as Record<string, Record<string, unknown>>;
    expect(Object.keys(found)).to.deep.equal(['0']);
    expect(found['0']).to.deep.equal({ '@odata.etag': 'W/"1"', fullname: 'Ada Lovelace', contactid: ADA });
    const created = JSON.parse(await fake.createRecord('phonecall', JSON.stringify({ subject: 'x' }))) as Record<
      string,
      unknown
    >;
    expect(Object.keys(created)).to.deep.equal(['entityType', 'id']);
    expect(created['entityType']).to.equal('phonecall');
  });

  it('throws at the call for record data that is not a JSON string, as the library parses it synchronously', () => {
    const fake = cif();
    expect(() => fake.createRecord('phonecall', { subject: 'x' } as unknown as string)).to.throw(SyntaxError);
  });

  it("rejects with the JSON string CIF builds: the library's {message}, or the host's {errorMsg, sourceFunc, errorType, reportTime}", async () => {
    const fake = cif();
    const blank = JSON.parse((await rejection(fake.updateRecord('phonecall', '', '{}'))) as string) as Record<
      string,
      unknown
    >;
    expect(blank).to.deep.equal({ message: 'The EntityId parameter is blank. Provide a value to the parameter.' });
    const refused = JSON.parse(
      (await rejection(fake.searchAndOpenRecords('contact', '?$select=nope', true))) as string,
    ) as Record<string, unknown>;
    expect(refused).to.include({
      errorMsg: propertyNotFoundMessage('nope', 'contact'),
      sourceFunc: 'client.retrieveMultipleAndOpenRecords - Xrm.WebApi.retrieveMultipleRecords',
      errorType: 2,
    });
    expect(refused['reportTime']).to.be.a('string');
  });

  it('renders the search page with the arguments of each version', async () => {
    const v1 = cif();
    await v1.renderSearchPage('account', 'Contoso', 0);
    expect(
      JSON.parse(
        (await rejection(v1.renderSearchPage('account', 'Contoso', 'b44d31ac-5fd1-e811-8158-000d3af97055'))) as string,
      ),
    ).to.have.property('message');
    const v2 = cif(undefined, 2);
    await v2.renderSearchPage('account', 'Contoso', 'b44d31ac-5fd1-e811-8158-000d3af97055', 0);
    expect([...v1.views, ...v2.views]).to.deep.equal([
      { kind: 'search', entity: 'account', search: 'Contoso' },
      { kind: 'search', entity: 'account', search: 'Contoso' },
    ]);
  });

  it('returns nothing from addHandler, takes panel modes 0–2 in CIF 1.0 and 0–3 in 2.0, and raises CIFInitDone after a tick', async () => {
    const fake = cif();
    expect(fake.addHandler('onclicktoact', () => Promise.resolve())).to.equal(undefined);
    expect(await fake.setMode(2)).to.equal(2);
    expect(JSON.parse((await rejection(fake.setMode(3))) as string)).to.have.property('message');
    expect(await cif(undefined, 2).setMode(3)).to.equal(3);
    const target = new EventTarget();
    let raised = false;
    target.addEventListener('CIFInitDone', () => (raised = true));
    new FakeCif().init(target);
    expect(raised).to.equal(false);
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(raised).to.equal(true);
  });
});
