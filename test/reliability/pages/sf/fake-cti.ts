/**
 * Salesforce's part on the strict-CSP softphone page: a fake `sforce.opencti` (test/fakes) over
 * a fake org with the call center's SoftphoneBridge section and one contact, set up before the
 * built bundle runs, as the Visualforce host page's own script tag would.
 */
import '../shared/probe.js';
import { FakeOpenCti } from '../../../fakes/fake-open-cti.js';
import { FakeSalesforceOrg } from '../../../fakes/fake-salesforce-org.js';

const section: Record<string, string> = {
  PartnerId: '215fd887-39be-4935-981f-2670d6afeaa7',
  BusinessSegmentId: 'd6afeaa7-39be-4935-981f-2670215fd887',
  ChannelOriginId: '57053e21-0440-4689-a27a-513d7dceebde',
  Dispositions: 'resolved, callback-requested,voicemail',
  DialFrom: '+1 (844) 940-1117',
  ParticipantType: 'Agent',
  DefaultCountry: 'US',
  PresenceMap: 'available=Available;busy=Busy_Calls;away=Away',
};
const org = new FakeSalesforceOrg(Object.fromEntries(Object.entries(section).map(([k, v]) => [`/SoftphoneBridge/${k}`, v])));
org.records.push({ Id: '003000000000001AAA', Name: 'Ada Lovelace', RecordType: 'Contact', Phone: '(555) 010-0100' });
const page = window as unknown as { sforce: { opencti: FakeOpenCti }; relOrg: FakeSalesforceOrg };
page.sforce = { opencti: new FakeOpenCti(org) };
page.relOrg = org;
