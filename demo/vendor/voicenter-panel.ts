import { voicenterConnector, type VoicenterServerMessage } from '../../connectors/voicenter/index.js';
import type { ContractTarget } from '../../src/contract/index.js';
import { FakeServerRelay } from '../../test/fakes/fake-voicenter.js';
import { cdrJson, popupPhase } from '../../test/fakes/fake-voicenter-samples.js';
import { CallerFields, callerLine, type Caller } from './caller-fields.js';
import { buttonRow, checkbox, eventButton, group, textElement } from './dom.js';
import { VendorPanel, type PanelEnv, type VendorSoftphone } from './panel.js';
import { TracedWebPhone, type WebPhoneCall } from './traced-voicenter.js';

/**
 * Placeholder extension for the fake web-phone, which registers only with these. A real
 * extension's password goes only to `initiate()`; the connector never logs it.
 */
const EXTENSION = { user: 'demo-ext', password: 'placeholder-not-a-password' };

/**
 * Mounts the simulated Voicenter softphone: a fake WebRTC web-phone with the Voicenter connector,
 * plus what the CRM's server would relay from the Voicenter cloud (the pop-up screen's Ringing
 * phase with the caller's number, and the CDR with the recording link after the call).
 * `start_call` reaches the web-phone as `call(number)`.
 */
export async function mountVoicenterPanel(container: HTMLElement, contract: ContractTarget, env: PanelEnv): Promise<VendorSoftphone> {
  const panel = new VendorPanel(container, 'Voicenter', 'Voicenter WebRTC web-phone (fake) and the server relay of its pop-up screen and CDRs, through the Voicenter connector.');
  const phone = new TracedWebPhone(panel.trace, () => env.clock.now(), EXTENSION);
  const relay = new FakeServerRelay<VoicenterServerMessage>();
  const connector = voicenterConnector({ phone, extension: EXTENSION, serverEvents: relay.subscribe });
  const softphone = await panel.connect(connector, contract, env);
  const fromServer = (event: string, message: VoicenterServerMessage) => panel.trace.during('server', event, () => relay.send(message));

  /** Who each inbound call is from, by ivr id: the web-phone itself never says. */
  const callers = new Map<string, Caller>();
  /** Calls whose CDR was sent: Voicenter sends one per call. */
  const reported = new Set<string>();
  const caller = new CallerFields();
  const relayPopup = checkbox("The server relays the pop-up screen's Ringing phase (the caller's number)", true);

  const incoming = eventButton('Incoming call', 'onRinging (+ pop-up Ringing)', panel.act(() => {
    const who = caller.read();
    const ivrID = phone.incoming();
    callers.set(ivrID, who);
    if (!relayPopup.input.checked) return;
    const body = { ...popupPhase(ivrID, 'Ringing', { phone: who.number }), callerName: who.name };
    fromServer('pop-up screen · Ringing', { type: 'popup', body });
  }));
  const open = (): WebPhoneCall => {
    if (phone.current === undefined) throw new Error('no call in progress');
    return phone.current;
  };
  const answer = eventButton('Answer', 'onCallAnswer', panel.act(() => phone.answer(open().ivrID)));
  // The fake's scripted decline: it fires onCallRejected for the ringing call.
  const decline = eventButton('Decline', 'onCallRejected', panel.act(() => phone.calleeRejects(open().ivrID)));
  const calleeAnswers = eventButton('Callee answers', 'onCallAnswer', panel.act(() => phone.calleeAnswers(open().ivrID)));
  const failed = eventButton('Call failed', 'onCallFailed', panel.act(() => phone.failCall(open().ivrID)));
  const otherHangsUp = eventButton('Other party hangs up', 'onCallEnd', panel.act(() => phone.remoteHangsUp(open().ivrID)));
  const hangUp = eventButton('Hang up', 'hangUp → onCallEnd', panel.act(() => phone.hangUp(open().ivrID)));
  const cdr = eventButton('CDR arrived', 'server relay → recording link', panel.act(() => {
    const last = phone.last;
    if (last === undefined) throw new Error('no finished call');
    reported.add(last.ivrID);
    fromServer('CDR notification', { type: 'cdr', body: cdrBody(last, callers.get(last.ivrID)) });
  }));

  panel.add(
    group('Inbound call', ...caller.elements, relayPopup.label, buttonRow(incoming)),
    group('Call', buttonRow(answer, decline, calleeAnswers, failed, otherHangsUp, hangUp)),
    group('After the call', buttonRow(cdr)),
    group('Agent status', textElement('p', "The web-phone has no status method: the CRM's presence changes show in the trace as ignored.", 'vs-sub')),
  );

  panel.follow(() => {
    const call = phone.current;
    const state = call?.state;
    incoming.disabled = !phone.registered || call !== undefined;
    answer.disabled = state !== 'ringing';
    decline.disabled = state !== 'ringing';
    calleeAnswers.disabled = state !== 'dialing';
    failed.disabled = state !== 'dialing';
    otherHangsUp.disabled = call === undefined;
    hangUp.disabled = state !== 'talking' && state !== 'dialing';
    cdr.disabled = phone.last === undefined || reported.has(phone.last.ivrID);
    const who = call === undefined ? undefined : (callers.get(call.ivrID) ?? { name: '', number: call.number ?? 'unknown number' });
    if (who === undefined) panel.say(`Idle · extension ${phone.registered ? 'registered' : 'not registered'}`);
    else if (state === 'ringing') panel.say(`Ringing: ${callerLine(who)}`);
    else if (state === 'dialing') panel.say(`Dialing ${who.number}`);
    else panel.say(`On call with ${callerLine(who)}`);
  });

  return softphone;
}

/**
 * The CDR Voicenter would post for `call` (seed 003 §4 fields): talk time as `duration`, ring
 * time as `dialtime`, and a recording link when it was answered. The link is a placeholder.
 */
function cdrBody(call: WebPhoneCall, caller: Caller | undefined): Record<string, unknown> {
  const end = call.endedAt ?? call.startedAt;
  const answered = call.answeredAt !== undefined;
  const number = caller?.number ?? call.number ?? '';
  const inbound = call.direction === 'inbound';
  return cdrJson(call.ivrID, {
    caller: inbound ? number : EXTENSION.user,
    target: inbound ? EXTENSION.user : number,
    time: Math.floor(call.startedAt / 1000),
    duration: answered ? Math.round((end - (call.answeredAt ?? end)) / 1000) : 0,
    dialtime: Math.round(((call.answeredAt ?? end) - call.startedAt) / 1000),
    type: inbound ? 'Incoming Call' : 'Extension Outgoing',
    status: answered ? 'ANSWER' : 'NOANSWER',
    record: answered ? `https://recordings.example.com/voicenter/${call.ivrID}.mp3` : '',
    representative_name: 'Demo Agent',
    representative_code: '1005',
  });
}
