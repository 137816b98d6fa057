/**
 * The softphone's part on the strict-CSP page, after dist/softphone-bridge.salesforce.iife.js:
 * a whole call through `window.softphoneBridge` (load, ring, accept, notes, end, presence, a
 * click-to-dial from Salesforce), then `window.relSf.done`. The runner counts CSP violations.
 */
import type { FakeOpenCti } from '../../../fakes/fake-open-cti.js';
import type { FakeSalesforceOrg } from '../../../fakes/fake-salesforce-org.js';

interface Contract {
  load(callback: (type: string, payload: unknown) => void): Promise<void>;
  incomingCall(partnerId: string, conversationId: string, callerANI: string): Promise<unknown>;
  callAccepted(params: Record<string, unknown>): Promise<unknown>;
  callNotesSubmitted(params: Record<string, unknown>): Promise<unknown>;
  callEnded(params: string): Promise<unknown>;
  statusChanged(params: Record<string, unknown>): Promise<unknown>;
  dispose(): Promise<void>;
}

const page = window as unknown as {
  softphoneBridge: Contract;
  sforce: { opencti: FakeOpenCti };
  relOrg: FakeSalesforceOrg;
  relSf: { done: boolean; error?: string; received: string[]; tasks: number };
};
const state: { done: boolean; error?: string; received: string[]; tasks: number } = {
  done: false,
  received: [],
  tasks: 0,
};
page.relSf = state;

async function until(check: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 200; i += 1) {
    if (check()) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`timed out waiting for ${what}`);
}

async function main(): Promise<void> {
  const bridge = page.softphoneBridge;
  const partnerId = '215fd887-39be-4935-981f-2670d6afeaa7';
  const conversationId = `csp-${Date.now()}`;
  await bridge.load((type) => state.received.push(type));
  await bridge.incomingCall(partnerId, conversationId, '+15550100100');
  await bridge.callAccepted({ partnerId, conversationId, ivrExitPath: 'billing' });
  await bridge.callNotesSubmitted({
    partnerId,
    conversationId,
    disposition: 'resolved',
    notes: 'Strict CSP <b>notes</b> stay text',
  });
  await bridge.callEnded(JSON.stringify({ partnerId, conversationId, duration: 61 }));
  await bridge.statusChanged({ softphoneId: 'busy' });
  page.sforce.opencti.clickToDial({
    number: '(888) 397-3342',
    recordId: '003000000000001AAA',
    recordName: 'Ada Lovelace',
    objectType: 'Contact',
  });
  await until(() => state.received.includes('start_call'), 'start_call');
  await until(() => page.relOrg.tasksFor(conversationId).length === 1, 'the Task');
  state.tasks = page.relOrg.tasksFor(conversationId).length;
  await bridge.dispose();
}

main().then(
  () => {
    state.done = true;
  },
  (error: unknown) => {
    state.error = error instanceof Error ? error.message : String(error);
    state.done = true;
  },
);
