import { sociomileConnector } from '../../../connectors/sociomile/index.js';
import { runConnectorConformance } from '../../conformance/softphone-connector.suite.js';
import { fakeHost, FakeSociomileWidget, FakeWebhookRelay, sociomileWebhook } from '../../fakes/fake-sociomile.js';

runConnectorConformance('sociomile', async () => {
  const host = fakeHost();
  const widget = new FakeSociomileWidget();
  const relay = new FakeWebhookRelay();
  let next = 0;
  let last: unknown;
  return {
    connector: sociomileConnector({
      host,
      widgetUrl: '/widget.js',
      userCredential: 'SOCIO-CREDENTIAL-SECRET',
      webhooks: relay.subscribe,
      newId: () => `conv-${++next}`,
    }),
    // The widget's script finishes loading after the connector queued its init.
    afterConnect: async () => widget.load(host),
    // The widget only dials out, and reports calls by webhook alone: a call the agent dialled in the widget.
    async playCall(number, seconds) {
      const id = `widget-${++next}.398`;
      last = sociomileWebhook(id, { phone: number, talk: seconds, answered: true });
      relay.send(last);
      return id;
    },
    async replayLastCall() {
      relay.send(last);
      relay.send(JSON.stringify(last));
    },
    dialled: () => widget.dials.map((d) => d.number),
    async completeDialledCall(seconds) {
      const id = widget.dials.at(-1)?.internal_id ?? '';
      last = sociomileWebhook(id, { phone: '015550100100', talk: seconds, answered: true });
      relay.send(last);
      return id;
    },
    sendMalformed: () => relay.send({ data: { phone: '08123123123', duration: 'two' } }),
    listenerCount: () => relay.size,
    secrets: ['SOCIO-CREDENTIAL-SECRET'],
  };
});
