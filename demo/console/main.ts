/**
 * The CRM console page (the first origin): a fake CRM with contacts, a call log and screen pops,
 * kept in IndexedDB. It hosts the bridge, and serves it to the softphone page in the utility
 * bar's iframe, on the second origin, through the remote transport. Page scripts dial with
 * `softphoneBridge('dial', { number, record })`, the command queue.
 */
import '../../src/ui/define.js';
import { FakeCrm, fakeAdapter, type FakeContact } from '../../adapters/fake/index.js';
import { createBridge } from '../../src/index.js';
import { bridgeCommands, installCommandQueue, SbBridgeStatus } from '../../src/ui/index.js';
import { byId, el, showError } from '../dom.js';
import { DISPOSITIONS, formatPhone, PARTNER_CONFIG } from '../fixtures.js';
import { CallLogView } from './call-log-view.js';
import { ContactsView } from './contacts-view.js';
import { observedAdapter } from './crm-adapter.js';
import { CrmStore } from './crm-store.js';
import { CurrentCallView } from './current-call-view.js';
import { FaultSwitch } from './fault-switch.js';
import { LiveCalls } from './live-call.js';
import { PresenceControl } from './presence-control.js';
import { resetDemo } from './reset-demo.js';
import { ScreenPopView } from './screen-pop-view.js';
import { watchSoftphoneFrame } from './frame-watchdog.js';
import { connectSoftphone, softphoneOrigin } from './softphone-frame.js';

/** The bridge's IndexedDB database: named here so that "Reset demo" can delete it. */
const BRIDGE_DATABASE = 'softphone-bridge-demo:bridge';

async function main(): Promise<void> {
  const origin = softphoneOrigin();
  // Another tab reset the demo: what this one shows is gone.
  const store = await CrmStore.open(() => location.reload());
  const saved = await store.load();
  const crm = new FakeCrm({
    contacts: saved.contacts,
    callLogs: saved.callLogs,
    dispositions: [...DISPOSITIONS],
    partnerConfig: PARTNER_CONFIG,
  });
  crm.pops.push(...saved.pops);

  const createContact = async (name: string, phone: string): Promise<FakeContact> => {
    const next = Math.max(1000, ...crm.contacts.map((c) => Number(c.id.replace(/^C-/, '')) || 0)) + 1;
    const contact: FakeContact = { id: `C-${next}`, name, phone };
    await store.putContact(contact);
    crm.contacts.push(contact);
    contacts.render(crm.contacts);
    return contact;
  };
  const pop = new ScreenPopView(crm, createContact, (conversationId, record) =>
    adapter.linkRecord(conversationId, record),
  );
  new CallLogView(crm);
  const adapter = observedAdapter(fakeAdapter(crm), {
    logged: (record) => store.putCallLog(record),
    popped: async (shown, direction) => {
      pop.show({ ...shown, direction });
      await store.addPop({ ...shown, direction });
    },
    presence: (softphoneId) => presence.show(softphoneId),
  });
  const presence = new PresenceControl(adapter);
  const bridge = createBridge({ adapter, storeName: BRIDGE_DATABASE });
  new CurrentCallView(bridge);
  new FaultSwitch(crm, bridge);
  const calls = new LiveCalls(bridge);
  // A refused dial's notice describes one call in one state: once that call moves on (hung up,
  // wrapped up), the notice is out of date and goes.
  let noticeAbout: { conversationId: string; state: string } | undefined;
  bridge.on('call.updated', (call) => {
    if (noticeAbout?.conversationId !== call.conversationId || noticeAbout.state === call.state) return;
    noticeAbout = undefined;
    pop.clearNotice();
  });

  const dial = installCommandQueue(bridgeCommands(bridge));
  const contacts = new ContactsView((number, record) => {
    const target = record.name ?? formatPhone(number);
    const go = () => {
      pop.showRecord(record, `Click to dial · ${formatPhone(number)}`);
      dial('dial', { number, record });
    };
    const busy = calls.busy;
    if (busy === undefined) return go();
    noticeAbout = { conversationId: busy.call.conversationId, state: busy.call.state };
    const party =
      busy.call.crmRecord?.name ??
      (busy.call.phoneNumber === '' ? 'a withheld number' : formatPhone(busy.call.phoneNumber));
    // The softphone would refuse a dial during a call inside its frame, out of the agent's sight,
    // and would start one over an open wrap-up: the CRM says so here, and the pop stays on the caller.
    if (busy.kind === 'live')
      return pop.notify(
        `${target} was not dialed: the call with ${party} is still in progress. Hang up first, then dial again.`,
      );
    const anyway = el('button', { text: `Dial ${target} anyway`, attrs: { type: 'button' } });
    const back = el('button', { className: 'primary', text: 'Back to the wrap-up', attrs: { type: 'button' } });
    anyway.addEventListener('click', () => {
      calls.leave(busy.call.conversationId);
      go();
    });
    back.addEventListener('click', () => pop.clearNotice());
    pop.notify(
      `The call with ${party} has ended, but its wrap-up (disposition and notes) is not submitted. Submit it in the softphone first: a new call may discard what is typed there.`,
      back,
      anyway,
    );
  });
  contacts.render(crm.contacts);
  const latest = saved.pops.at(-1);
  if (latest !== undefined) pop.show(latest);

  byId('bridge-status', SbBridgeStatus).bridge = bridge;
  watchSoftphoneFrame(bridge, origin, byId('frame-notice', HTMLParagraphElement));
  const host = await connectSoftphone(bridge, origin);

  const reset = byId('reset', HTMLButtonElement);
  reset.addEventListener('click', () => {
    reset.disabled = true;
    resetDemo({ bridge, host, store, bridgeDatabase: BRIDGE_DATABASE }).catch((error: unknown) => {
      reset.disabled = false;
      showError(error, 'The demo could not be reset; close its other tabs and try again');
    });
  });
  byId('boot-notice', HTMLParagraphElement).hidden = true;
}

main().catch((error: unknown) => showError(error, 'The CRM console could not start'));
