/**
 * Cold start, script 1 of 4: plays Salesforce's part, as the Visualforce host page's own
 * `opencti_min.js` would: a fake `sforce.opencti` (test/fakes) over a fake org holding the call
 * center's SoftphoneBridge section. Answers on the next task, with no network latency.
 */
import { FakeOpenCti } from '../../../test/fakes/fake-open-cti.js';
import { FakeSalesforceOrg } from '../../../test/fakes/fake-salesforce-org.js';

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
(window as unknown as { sforce: { opencti: FakeOpenCti } }).sforce = { opencti: new FakeOpenCti(org) };
