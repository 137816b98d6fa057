import { voicenterConnector, type VoicenterServerEvents } from '../../connectors/voicenter/index.js';
import type { ContractTarget } from '../../src/contract/index.js';
import { cdrJson, popupPhase } from '../../test/fakes/fake-voicenter-samples.js';
import { CallerFields, callerLine, type Caller } from './caller-fields.js';
import { buttonRow, checkbox, eventButton, group, textElement } from './dom.js';
import { VendorPanel, type PanelEnv, type VendorSoftphone } from './panel.js';
import { tracedCloud } from './traced-cloud.js';
import { TracedWebPhone, type WebPhoneCall } from './traced-voicenter.js';
import type { VendorCloud } from './vendor-cloud.js';

/** A placeholder password for the fake web-phone. A real one goes only to `initiate()`; the connector never logs it. */
const PASSWORD = 'placeholder-not-a-password';

/**
 * Mounts the simulated Voicenter softphone: a fake WebRTC web-phone with the Voicenter connector,
 * plus what the Voicenter cloud posts to the relay (the pop-up screen's Ringing phase with the
 * caller's number, the CDR with the recording link after the call), which the connector hears back
 * on the agent's relay stream. The extension user is the relay's agent id: the relay routes
 * pop-up phases by `extenUser` and CDRs by `targetextension` / `callerextension`.
 * `start_call` reaches the web-phone as `call(number)`.
 */
export async function mountVoicenterPanel(
  container: HTMLElement,
  contract: ContractTarget,
  env: PanelEnv,
  vendorCloud: VendorCloud,
): Promise<VendorSoftphone> {
  const panel = new VendorPanel(
    container,
    'Voicenter',
    'Voicenter WebRTC web-phone (fake); the Voicenter cloud posts its pop-up screen and CDRs to the relay, whose agent stream feeds the Voicenter connector.',
  );
  const extension = { user: vendorCloud.agentId, password: PASSWORD };
  const cloud = tracedCloud(vendorCloud, panel.trace, (work) => panel.track(work));
  const phone = new TracedWebPhone(panel.trace, () => env.clock.now(), extension);
  // The relay's stream as the connector's server events: what its `relay` option does, traced.
  const serverEvents: VoicenterServerEvents = (listener) =>
    cloud.subscribe(['voicenter.popup', 'voicenter.cdr'], (event) =>
      listener({ type: event.kind === 'cdr' ? 'cdr' : 'popup', body: event.body }),
    );
  const connector = voicenterConnector({ phone, extension, serverEvents });
  const softphone = await panel.connect(connector, contract, env);

  /** Who each inbound call is from, by ivr id: the web-phone itself never says. */
  const callers = new Map<string, Caller>();
  /** Calls whose CDR was sent: Voicenter sends one per call. */
  const reported = new Set<string>();
  const caller = new CallerFields();
  const relayPopup = checkbox(
    "The Voicenter cloud posts the pop-up screen's Ringing phase (the caller's number) to the relay",
    true,
  );

  const incoming = eventButton(
    'Incoming call',
    'onRinging (+ pop-up Ringing to the relay)',
    panel.act(() => {
      const who = caller.read();
      const ivrID = phone.incoming();
      callers.set(ivrID, who);
      if (!relayPopup.input.checked) return;
      const body = {
        ...popupPhase(ivrID, 'Ringing', { phone: who.number }),
        callerName: who.name,
        extenUser: extension.user,
      };
      void cloud.post('pop-up screen · Ringing', 'voicenter/popup', body);
    }),
  );
  const open = (): WebPhoneCall => {
    if (phone.current === undefined) throw new Error('no call in progress');
    return phone.current;
  };
  const answer = eventButton(
    'Answer',
    'onCallAnswer',
    panel.act(() => phone.answer(open().ivrID)),
  );
  // The fake's scripted decline: it fires onCallRejected for the ringing call.
  const decline = eventButton(
    'Decline',
    'onCallRejected',
    panel.act(() => phone.calleeRejects(open().ivrID)),
  );
  const calleeAnswers = eventButton(
    'Callee answers',
    'onCallAnswer',
    panel.act(() => phone.calleeAnswers(open().ivrID)),
  );
  const failed = eventButton(
    'Call failed',
    'onCallFailed',
    panel.act(() => phone.failCall(open().ivrID)),
  );
  const otherHangsUp = eventButton(
    'Other party hangs up',
    'onCallEnd',
    panel.act(() => phone.remoteHangsUp(open().ivrID)),
  );
  const hangUp = eventButton(
    'Hang up',
    'hangUp → onCallEnd',
    panel.act(() => phone.hangUp(open().ivrID)),
  );
  const cdr = eventButton(
    'CDR arrived',
    'posted to the relay → recording link',
    panel.act(() => {
      const last = phone.last;
      if (last === undefined) throw new Error('no finished call');
      reported.add(last.ivrID);
      return cloud
        .post('CDR notification', 'voicenter/cdr', cdrBody(last, callers.get(last.ivrID), extension.user))
        .then(() => undefined);
    }),
  );

  panel.add(
    group('Inbound call', ...caller.elements, relayPopup.label, buttonRow(incoming)),
    group('Call', buttonRow(answer, decline, calleeAnswers, failed, otherHangsUp, hangUp)),
    group('After the call', buttonRow(cdr)),
    group(
      'Agent status',
      textElement(
        'p',
        "The web-phone has no status method: the CRM's presence changes show in the trace as ignored.",
        'vs-sub',
      ),
    ),
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
    const who =
      call === undefined
        ? undefined
        : (callers.get(call.ivrID) ?? { name: '', number: call.number ?? 'unknown number' });
    if (who === undefined) panel.say(`Idle · extension ${phone.registered ? 'registered' : 'not registered'}`);
    else if (state === 'ringing') panel.say(`Ringing: ${callerLine(who)}`);
    else if (state === 'dialing') panel.say(`Dialing ${who.number}`);
    else panel.say(`On call with ${callerLine(who)}`);
  });

  return softphone;
}

/**
 * The CDR Voicenter would post for `call` (seed 003 §4 fields): talk time as `duration`, ring
 * time as `dialtime`, a recording link when it was answered (a placeholder), and the agent's
 * extension as `targetextension` (inbound) or `callerextension` (outbound), which the relay routes by.
 */
function cdrBody(call: WebPhoneCall, caller: Caller | undefined, user: string): Record<string, unknown> {
  const end = call.endedAt ?? call.startedAt;
  const answered = call.answeredAt !== undefined;
  const number = caller?.number ?? call.number ?? '';
  const inbound = call.direction === 'inbound';
  return cdrJson(call.ivrID, {
    caller: inbound ? number : user,
    target: inbound ? user : number,
    targetextension: inbound ? user : '',
    callerextension: inbound ? '' : user,
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
