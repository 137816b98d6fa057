import { sobotConnector } from '../../connectors/sobot/index.js';
import type { ContractTarget } from '../../src/contract/index.js';
import { CallerFields, callerLine, type Caller } from './caller-fields.js';
import { buttonRow, choiceSelect, eventButton, group, labelled } from './dom.js';
import { VendorPanel, type PanelEnv, type VendorSoftphone } from './panel.js';
import { TracedSobotAgent } from './traced-sobot.js';

/**
 * The CRM's presence ids (the demo CRM offers available / busy / away) → Sobot statuses. Dining
 * (14) is left out on purpose: choosing it shows the connector reporting an unmapped status.
 */
const STATUS_MAP = { available: 'ready', busy: 2, away: 11 } as const;

/** The agent's own status choices, as the Sobot softphone offers them (seed: reason codes). */
const AGENT_STATUSES = [
  { value: 'ready', label: 'Ready' },
  { value: '2', label: 'Not ready · DND (2)' },
  { value: '11', label: 'Not ready · break (11)' },
  { value: '14', label: 'Not ready · dining (14, not in the status map)' },
] as const;

/**
 * Placeholders for the fake SDK's sign-in. The fake only checks that they are present; the real
 * token comes from the integrator's server, goes to `initAgent` and never through the connector.
 */
const SIGN_IN = {
  token: 'placeholder-not-a-token',
  companyId: 'demo-company',
  agent: '1005',
  bindExt: '1000',
} as const;

/**
 * Mounts the simulated Sobot softphone: a fake `SobotClient.agent`, signed in and ready, driven
 * by the buttons (ring, answer, decline, hang-ups, status), with the Sobot connector carrying its
 * events to `contract` and the CRM's `start_call` / `update_presence` back to `makeCall` /
 * `ready` / `notReady`.
 */
export async function mountSobotPanel(
  container: HTMLElement,
  contract: ContractTarget,
  env: PanelEnv,
): Promise<VendorSoftphone> {
  const panel = new VendorPanel(
    container,
    'Sobot',
    'Sobot Call SDK (JS 6.4.0) on a fake agent: its events go through the Sobot connector to the bridge.',
  );
  const agent = new TracedSobotAgent(panel.trace, () => env.clock.now());
  const connector = sobotConnector({ agent, statusMap: STATUS_MAP });
  // Connected before initAgent, as the connector's README asks: a regain status follows it.
  const softphone = await panel.connect(connector, contract, env);
  try {
    await signIn(agent);
  } catch (error) {
    softphone.dispose();
    throw error;
  }

  /** Who each inbound call is from, by `callID`: Sobot's events carry the number only. */
  const callers = new Map<string, Caller>();
  const caller = new CallerFields();
  const ring = eventButton(
    'Ring',
    'EventRinging',
    panel.act(() => {
      const who = caller.read();
      callers.set(agent.ring(who.number), who);
    }),
  );
  const answer = eventButton(
    'Answer',
    'EventEstablished',
    panel.act(() => agent.answer()),
  );
  // Through the connector, not the SDK: only it can tell the CRM the decline was the agent's.
  const decline = eventButton(
    'Decline',
    'rejectCall → EventReleased',
    panel.act(() => connector.rejectCall()),
  );
  const customerAnswers = eventButton(
    'Customer answers',
    'EventEstablished',
    panel.act(() => agent.customerAnswers()),
  );
  const otherHangsUp = eventButton(
    'Other party hangs up',
    'EventReleased',
    panel.act(() => agent.customerHangsUp()),
  );
  const hangUp = eventButton(
    'Hang up',
    'EventReleased',
    panel.act(() => agent.hangup()),
  );
  const status = choiceSelect(AGENT_STATUSES);
  const setStatus = eventButton(
    'Set status',
    'ready() / notReady()',
    panel.act(() => changeStatus(agent, status.value)),
  );

  panel.add(
    group('Inbound call', ...caller.elements, buttonRow(ring)),
    group('Call', buttonRow(answer, decline, customerAnswers, otherHangsUp, hangUp)),
    group('Agent status', labelled('Status', status), buttonRow(setStatus)),
  );

  /** The agent status last shown in the select: only a change of it overrides the agent's choice. */
  let shownStatus = '';
  panel.follow(() => {
    const work = agent.workStatus;
    ring.disabled = work !== 'idle';
    answer.disabled = work !== 'ringing';
    decline.disabled = work !== 'ringing';
    customerAnswers.disabled = work !== 'dialing';
    otherHangsUp.disabled = agent.call === undefined;
    hangUp.disabled = work !== 'talking' && work !== 'dialing';
    const current = agent.agentState === '1' ? 'ready' : String(agent.reasonCode ?? 2);
    if (current !== shownStatus) {
      status.value = current;
      shownStatus = current;
    }
    const call = agent.call;
    const who = call === undefined ? undefined : (callers.get(call.callID) ?? { name: '', number: call.otherDN });
    if (who === undefined) panel.say(`Idle · agent ${current === 'ready' ? 'ready' : `not ready (reason ${current})`}`);
    else if (work === 'ringing') panel.say(`Ringing: ${callerLine(who)}`);
    else if (work === 'dialing') panel.say(`Dialing ${who.number}`);
    else panel.say(`On call with ${callerLine(who)}`);
  });

  return softphone;
}

/** `initAgent` then `login`, ready, as the integrator's page does before calls can ring. */
async function signIn(agent: TracedSobotAgent): Promise<void> {
  await new Promise<void>((resolve, reject) =>
    agent.initAgent({
      token: SIGN_IN.token,
      companyId: SIGN_IN.companyId,
      agent: SIGN_IN.agent,
      success: () => resolve(),
      error: reject,
    }),
  );
  await new Promise<void>((resolve, reject) =>
    agent.login({
      agentState: '1',
      phoneType: 'webrtc',
      bindExt: SIGN_IN.bindExt,
      success: () => resolve(),
      error: reject,
    }),
  );
}

/** The agent picks a status in the Sobot softphone: `ready()` or `notReady({reasonCode})`. */
function changeStatus(agent: TracedSobotAgent, value: string): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const callbacks = { success: () => resolve(), error: () => reject(new Error('the status change failed')) };
    if (value === 'ready') agent.ready(callbacks);
    else agent.notReady({ ...callbacks, reasonCode: Number(value) });
  });
}
