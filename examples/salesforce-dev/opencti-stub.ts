/**
 * The Open CTI stub of the development mode, served where Salesforce serves its script
 * (`<sfdcIframeOrigin>/support/api/<version>/lightning/opencti_min.js`): the project's fake of
 * `sforce.opencti` (test/fakes/fake-open-cti.ts, written from the Open CTI Developer Guide) over a
 * fake org with the call center's SoftphoneBridge settings and one contact. `window.openCtiStub`
 * lets the page show what "Salesforce" received.
 */
import { FakeOpenCti } from '../../test/fakes/fake-open-cti.js';
import { FakeSalesforceOrg, sampleCallCenterSettings } from '../../test/fakes/fake-salesforce-org.js';

const org = new FakeSalesforceOrg(sampleCallCenterSettings());
org.records.push({ Id: '003000000000001AAA', Name: 'Ada Lovelace', RecordType: 'Contact', Phone: '(555) 010-0100' });
const opencti = new FakeOpenCti(org);
const page = window as unknown as {
  sforce?: { opencti: FakeOpenCti };
  openCtiStub?: { org: FakeSalesforceOrg; opencti: FakeOpenCti };
};
page.sforce = { opencti };
page.openCtiStub = { org, opencti };
