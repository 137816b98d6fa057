/**
 * Salesforce's part on the strict-CSP softphone page: a fake `sforce.opencti` (test/fakes) over
 * a fake org with the call center's SoftphoneBridge section and one contact, set up before the
 * built bundle runs, as the Visualforce host page's own script tag would.
 */
import '../shared/probe.js';
import { FakeOpenCti } from '../../../fakes/fake-open-cti.js';
import { FakeSalesforceOrg, sampleCallCenterSettings } from '../../../fakes/fake-salesforce-org.js';

const org = new FakeSalesforceOrg(sampleCallCenterSettings());
org.records.push({ Id: '003000000000001AAA', Name: 'Ada Lovelace', RecordType: 'Contact', Phone: '(555) 010-0100' });
const page = window as unknown as { sforce: { opencti: FakeOpenCti }; relOrg: FakeSalesforceOrg };
page.sforce = { opencti: new FakeOpenCti(org) };
page.relOrg = org;
