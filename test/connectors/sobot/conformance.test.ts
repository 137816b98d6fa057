import { sobotConnector } from '../../../connectors/sobot/index.js';
import { runConnectorConformance } from '../../conformance/softphone-connector.suite.js';
import { FakeSobotAgent } from '../../fakes/fake-sobot.js';
import { tick } from '../tools.js';

runConnectorConformance('sobot', async (clock) => {
  const agent = new FakeSobotAgent(() => clock.now());
  let lastCall = '';
  const callEvents = () => agent.emitted.filter((e) => (e.message as { callID?: string }).callID === lastCall);
  return {
    connector: sobotConnector({ agent }),
    // The page initialises and logs in after connecting, so that a regain is never missed.
    afterConnect: async () => {
      await new Promise<void>((resolve, reject) =>
        agent.initAgent({
          token: 'sobot-token-SECRET',
          companyId: 'company-1',
          agent: '1005',
          success: () => resolve(),
          error: reject,
        }),
      );
      await new Promise<void>((resolve, reject) =>
        agent.login({ agentState: '1', phoneType: 'webrtc', bindExt: '1000', success: () => resolve(), error: reject }),
      );
    },
    async playCall(number, seconds) {
      lastCall = agent.ring(number);
      clock.advance(2_000);
      agent.answer();
      clock.advance(seconds * 1000);
      agent.hangup();
      return lastCall;
    },
    async replayLastCall() {
      for (const { eventName, message } of callEvents()) agent.emit(eventName, message);
    },
    dialled: () => agent.requests.filter((r) => r.method === 'makeCall').map((r) => String(r.request['otherDN'])),
    async completeDialledCall(seconds) {
      await tick();
      lastCall = agent.call?.callID ?? '';
      agent.customerAnswers();
      clock.advance(seconds * 1000);
      agent.hangup();
      return lastCall;
    },
    sendMalformed: () =>
      agent.emit('EventRinging', { messageID: 'EventRinging', callType: 'Inbound', otherDN: '+15550100100' }),
    listenerCount: () => agent.listenerCount(),
    presence: {
      softphoneId: 'break',
      vendorStatus: 'notReady:11',
      current: () => (agent.agentState === '1' ? 'ready' : `notReady:${String(agent.reasonCode)}`),
    },
    secrets: ['sobot-token-SECRET'],
  };
});
