import { sociomileConnector } from '../../connectors/sociomile/index.js';
import type { ContractTarget } from '../../src/contract/index.js';
import { FakeSociomileWidget, sociomileWebhook, type WidgetCommand } from '../../test/fakes/fake-sociomile.js';
import { buttonRow, choiceSelect, eventButton, group, labelled, textElement, textInput } from './dom.js';
import { VendorPanel, type PanelEnv, type VendorSoftphone } from './panel.js';
import { observedHost, type SocioVoiceCommand } from './sociomile-host.js';
import { tracedCloud } from './traced-cloud.js';
import type { VendorCloud } from './vendor-cloud.js';

/** A placeholder: the fake widget only checks that `init` has one. Never shown or logged. */
const CREDENTIAL = 'placeholder-not-a-credential';

/**
 * Where a page without the embed snippet would load the widget from. Nothing is fetched: the
 * stand-in window has no document, and the fake "loads" when the agent clicks the button.
 */
const WIDGET_URL = 'https://widget.sociomile.example/widget.js';

/**
 * Mounts the simulated Sociomile Voice widget: the connector queues its commands in the embed
 * snippet's `socioVoice.q` until the (fake) widget script loads; `start_call` becomes the `dial`
 * command with the conversationId as `internal_id` and `params: { agent }`; the "call finished"
 * webhook, which the Sociomile cloud posts to the relay with that agent in `extra_params`, comes
 * back on the agent's relay stream and ends the call with talk time, disposition and recording link.
 */
export async function mountSociomilePanel(
  container: HTMLElement,
  contract: ContractTarget,
  env: PanelEnv,
  vendorCloud: VendorCloud,
): Promise<VendorSoftphone> {
  const panel = new VendorPanel(
    container,
    'Sociomile',
    'Sociomile Voice widget (fake); the Sociomile cloud posts its webhook to the relay, whose agent stream feeds the Sociomile connector. The widget only dials out.',
  );
  const widget = new FakeSociomileWidget();
  const host = observedHost((command) => panel.trace.vendorCall(describe(command)));
  const cloud = tracedCloud(vendorCloud, panel.trace, (work) => panel.track(work));
  // What the connector's `relay` option does, traced: the stream's webhooks, and the agent in every
  // dial's params (echoed in the webhook's `extra_params`, which the relay routes by).
  const webhooks = (listener: (body: unknown) => void) =>
    cloud.subscribe(['sociomile.call'], (event) => listener(event.body));
  const connector = sociomileConnector({
    userCredential: CREDENTIAL,
    host,
    widgetUrl: WIDGET_URL,
    webhooks,
    dialParams: { agent: cloud.agentId },
  });
  const softphone = await panel.connect(connector, contract, env);

  /** `internal_id`s whose webhook was sent. */
  const finished = new Set<string>();
  let lastWebhook: unknown;
  const openDial = () => [...widget.dials].reverse().find((dial) => !finished.has(dial.internal_id));

  const load = eventButton(
    'Load widget script',
    'runs the socioVoice.q queue',
    panel.act(() =>
      panel.trace.during('vendor', 'widget script loaded', () => {
        const before = widget.commands.length;
        host.markWidgetLoaded();
        widget.load(host);
        for (const command of widget.commands.slice(before))
          panel.trace.vendorCall(`ran queued ${describe({ ...command, queued: false })}`);
      }),
    ),
  );
  const open = eventButton(
    'Open',
    "socioVoice('event', open)",
    panel.act(() => connector.open()),
  );
  const minimise = eventButton(
    'Minimise',
    "socioVoice('event', close)",
    panel.act(() => connector.close()),
  );

  const disposition = choiceSelect([
    { value: 'ANSWERED', label: 'ANSWERED' },
    { value: 'NO ANSWER', label: 'NO ANSWER' },
  ]);
  const talk = textInput('42', { inputmode: 'numeric', autocomplete: 'off' });
  const recording = textInput('https://recordings.example.com/sociomile/1667543751.398.mp3', {
    inputmode: 'url',
    autocomplete: 'off',
  });
  const finish = eventButton(
    'Call finished',
    'webhook posted to the relay',
    panel.act(() => {
      const dial = openDial();
      if (dial === undefined) throw new Error('no dialled call is waiting for its webhook');
      const answered = disposition.value === 'ANSWERED';
      finished.add(dial.internal_id);
      lastWebhook = sociomileWebhook(dial.internal_id, {
        phone: dial.number,
        talk: answered ? seconds(talk.value) : 0,
        wait: 3,
        answered,
        recordingurl: recording.value.trim(),
        extra: dial.params,
      });
      return cloud.post('webhook · call finished', 'sociomile/webhook', lastWebhook).then(() => undefined);
    }),
  );
  // The relay stores a redelivery once and acknowledges it again: nothing new on the stream.
  const resend = eventButton(
    'Resend webhook',
    'resend API: the same body again',
    panel.act(() => cloud.post('webhook · resent', 'sociomile/webhook', lastWebhook).then(() => undefined)),
  );

  panel.add(
    group('Widget', buttonRow(load, open, minimise)),
    group(
      'Call finished (webhook)',
      labelled('Disposition', disposition),
      labelled('Talk time (seconds)', talk),
      labelled('Recording link', recording),
      textElement('p', 'The webhook has no notes field: the agent writes them under "Notes for the CRM".', 'vs-sub'),
      buttonRow(finish, resend),
    ),
    group(
      'Agent status',
      textElement(
        'p',
        "The widget has no statuses: the CRM's presence changes show in the trace as ignored.",
        'vs-sub',
      ),
    ),
  );

  panel.follow(() => {
    const dial = openDial();
    load.disabled = host.widgetLoaded;
    open.disabled = !host.widgetLoaded;
    minimise.disabled = !host.widgetLoaded;
    finish.disabled = dial === undefined;
    resend.disabled = lastWebhook === undefined;
    if (dial !== undefined) panel.say(`Dialled ${dial.number} · waiting for the call's webhook`);
    else if (!host.widgetLoaded)
      panel.say(`Widget script not loaded: ${host.socioVoice?.q?.length ?? 0} command(s) wait in socioVoice.q`);
    else panel.say(`Idle · widget ${widget.expanded ? 'open' : 'minimised'} · click a number in the CRM to dial`);
  });

  return softphone;
}

/** A command as the trace shows it. `init`'s options are left out: they hold the credential. */
function describe(command: SocioVoiceCommand | (WidgetCommand & { readonly queued: boolean })): string {
  const o = command.options;
  const shown =
    command.command !== 'event'
      ? `socioVoice('${command.command}')`
      : o['action'] === 'dial'
        ? `socioVoice('event', { action: 'dial', number: ${String(o['number'])}, internal_id: ${String(o['internal_id'])} })`
        : `socioVoice('event', { action: '${String(o['action'])}' })`;
  return command.queued ? `${shown} · queued until the widget loads` : shown;
}

/** Whole seconds from the talk-time field; anything unreadable is 0. */
function seconds(text: string): number {
  const value = Math.round(Number(text.trim()));
  return Number.isFinite(value) && value >= 0 ? value : 0;
}
