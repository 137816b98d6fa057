import { voicenterConnector, type VoicenterServerMessage } from '../../../connectors/voicenter/index.js';
import { runConnectorConformance } from '../../conformance/softphone-connector.suite.js';
import { FakeServerRelay, FakeVoicenterWebPhone } from '../../fakes/fake-voicenter.js';
import { popupPhase } from '../../fakes/fake-voicenter-samples.js';
import { tick } from '../tools.js';

runConnectorConformance('voicenter', async (clock) => {
  const phone = new FakeVoicenterWebPhone();
  const relay = new FakeServerRelay<VoicenterServerMessage>();
  let lastCall = '';
  return {
    // The connector registers the extension itself: the password must never be logged.
    connector: voicenterConnector({
      phone,
      serverEvents: relay.subscribe,
      extension: { user: 'KGpK4iWq', password: 'EXTENSION-PASSWORD-SECRET' },
    }),
    afterConnect: tick,
    async playCall(number, seconds) {
      lastCall = phone.incoming();
      relay.send({ type: 'popup', body: popupPhase(lastCall, 'Ringing', { phone: number.replace(/^\+/, '') }) });
      clock.advance(2_000);
      phone.answer(lastCall);
      clock.advance(seconds * 1000);
      phone.hangUp(lastCall);
      return lastCall;
    },
    async replayLastCall() {
      for (const { name, ivrID } of phone.fired.filter((f) => f.ivrID === lastCall)) phone.fire(name, ivrID);
      relay.send({ type: 'popup', body: popupPhase(lastCall, 'Ringing') });
      relay.send({ type: 'popup', body: popupPhase(lastCall, 'Hangup') });
    },
    dialled: () => phone.dialled,
    async completeDialledCall(seconds) {
      await tick();
      lastCall = phone.fired.filter((f) => f.name === 'onCall').at(-1)?.ivrID ?? '';
      phone.calleeAnswers(lastCall);
      clock.advance(seconds * 1000);
      phone.remoteHangsUp(lastCall);
      return lastCall;
    },
    sendMalformed: () => relay.send({ type: 'popup', body: { phone: '972722776772', status: 'Ringing' } }),
    listenerCount: () => phone.handlerCount() + relay.size,
    secrets: ['EXTENSION-PASSWORD-SECRET'],
  };
});
