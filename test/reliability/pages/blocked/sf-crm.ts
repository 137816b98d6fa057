/**
 * After the fake Open CTI (../sf/fake-cti.ts), in the frame: the Tasks the fake org holds for
 * each conversation (Open CTI is a script on the softphone's own page, so its fake is too).
 */
import type { FakeSalesforceOrg } from '../../../fakes/fake-salesforce-org.js';
import { exposeCrm, notesOf } from './crm.js';

const org = (window as unknown as { relOrg: FakeSalesforceOrg }).relOrg;
exposeCrm({
  records: (ids) => ids.map((id) => org.tasksFor(id).length),
  settled: (ids) => ids.every((id) => String(org.tasksFor(id)[0]?.fields['Description'] ?? '').includes(notesOf(id))),
});
