/**
 * After the fake Open CTI (../sf/fake-cti.ts) and dist/softphone-bridge.salesforce.iife.js: the
 * calls of calls.ts, and how many Tasks the fake org holds for each conversation.
 */
import type { FakeSalesforceOrg } from '../../../fakes/fake-salesforce-org.js';
import { runCalls } from './calls.js';

const org = (window as unknown as { relOrg: FakeSalesforceOrg }).relOrg;
const CALLS = 6;
const run = runCalls(CALLS, (ids) => ids.length === CALLS && ids.every((id) => org.tasksFor(id).length >= 1 && org.tasksFor(id)[0]?.fields['Description'] !== ''));
(window as unknown as { relRecords: () => number[] }).relRecords = () => run.conversations.map((id) => org.tasksFor(id).length);
