/**
 * Cold start, script 1 of 4: plays Salesforce's part, as the Visualforce host page's own
 * `opencti_min.js` would: a fake `sforce.opencti` (test/fakes) over a fake org holding the call
 * center's SoftphoneBridge section. Answers on the next task, with no network latency.
 */
import { FakeOpenCti } from '../../../test/fakes/fake-open-cti.js';
import { FakeSalesforceOrg, sampleCallCenterSettings } from '../../../test/fakes/fake-salesforce-org.js';

const org = new FakeSalesforceOrg(sampleCallCenterSettings());
(window as unknown as { sforce: { opencti: FakeOpenCti } }).sforce = { opencti: new FakeOpenCti(org) };
