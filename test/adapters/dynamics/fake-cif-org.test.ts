import { expect } from '@esm-bundle/chai';
import { FakeCifOrg, FakeDataverseError } from '../../fakes/fake-cif-org.js';
import { undeclaredPropertyMessage } from '../../fixtures/vendor/dynamics/dataverse-errors.js';
import { ENTITY_SETS, PHONECALL_REGARDING } from '../../fixtures/vendor/dynamics/phonecall-metadata.js';

/** What the fake org answers a phonecall body with: the row, or the refusal. */
function validate(org: FakeCifOrg, body: Record<string, unknown>): Record<string, unknown> | FakeDataverseError {
  try {
    return org.validate('phonecall', body);
  } catch (error) {
    if (error instanceof FakeDataverseError) return error;
    throw error;
  }
}

describe('FakeCifOrg (Dataverse metadata of phonecall)', () => {
  const ids: Record<string, string> = {};
  const org = new FakeCifOrg();
  for (const entity of Object.keys(ENTITY_SETS)) ids[entity] = org.insert(entity, {});

  it('binds every regarding navigation property the phonecall reference declares, own and inherited', () => {
    for (const [property, navigation] of Object.entries(PHONECALL_REGARDING)) {
      const id = ids[navigation.target] as string;
      const row = validate(org, {
        subject: 's',
        [`${property}@odata.bind`]: `/${ENTITY_SETS[navigation.target]}(${id})`,
      });
      expect(row, property).to.deep.equal({
        subject: 's',
        regardingobjectid: id,
        regardingobjecttypecode: navigation.target,
      });
    }
  });

  it('answers an undeclared navigation property as Dataverse does: HTTP 400 with its message', () => {
    for (const property of [
      'regardingobjectid',
      'regardingobjectid_contact_task',
      'regardingobjectid_msdyn_custom_phonecall',
    ]) {
      const error = validate(org, { [`${property}@odata.bind`]: `/contacts(${ids['contact']})` }) as FakeDataverseError;
      expect(error, property).to.be.instanceOf(FakeDataverseError);
      expect(error.status).to.equal(400);
      expect(error.message).to.equal(undeclaredPropertyMessage('phonecalls', property));
    }
  });

  it('refuses a path to another entity set, and a record that does not exist', () => {
    const wrongSet = validate(org, {
      'regardingobjectid_contact_phonecall@odata.bind': `/accounts(${ids['account']})`,
    }) as FakeDataverseError;
    expect(wrongSet.status).to.equal(400);
    const missing = validate(org, {
      'regardingobjectid_lead_phonecall@odata.bind': '/leads(00000000-0000-0000-0000-000000000001)',
    }) as FakeDataverseError;
    expect(missing.status).to.equal(404);
  });
});
