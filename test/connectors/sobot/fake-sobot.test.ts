import { expect } from '@esm-bundle/chai';
import sinon from 'sinon';
import { loggedInAgent } from '../../fakes/fake-sobot.js';
import { EVENT_RINGING_INBOUND_FROM_TABLES } from '../../fixtures/vendor/sobot/message-format.js';
import { tick } from '../tools.js';

type Message = Record<string, unknown>;
const parties = (agent: { emitted: readonly { eventName: string; message: unknown }[] }) =>
  agent.emitted.map(({ eventName, message }) => `${eventName}/${String((message as Message)['partyRole'])}`);

/** The fake against Sobot's documents (sources in test/fakes/fake-sobot.ts). */
describe('FakeSobotAgent follows Sobot’s message format', () => {
  it('sends call events with every field the message format lists for all events and call events, and no otherDN', async () => {
    const agent = await loggedInAgent();
    agent.ring('13912345678');
    agent.answer();
    agent.hangup();
    const documented = Object.keys(EVENT_RINGING_INBOUND_FROM_TABLES);
    for (const { message } of agent.emitted) {
      expect(message).to.include.keys(documented);
      expect(message).not.to.have.property('otherDN');
    }
  });

  it('rings the agent’s party of an inbound call with the caller as ANI and the hotline as DNIS, and reports each party', async () => {
    const agent = await loggedInAgent();
    agent.ring('13912345678');
    expect(agent.emitted[0]?.message).to.deep.include({
      messageID: 'EventRinging',
      callType: 'Inbound',
      partyRole: 'Agent',
      ANI: '13912345678',
      DNIS: '40012345678',
      referenceID: 0,
    });
    agent.answer();
    agent.hangup();
    expect(parties(agent)).to.deep.equal([
      'EventRinging/Agent',
      'EventEstablished/Agent',
      'EventEstablished/Customer',
      'EventReleased/Agent',
      'EventReleased/Customer',
    ]);
  });

  it('dials from the agent’s party (its partyID the callID, as in the documented EventDialing) and rings the customer as DNIS (webrtc)', async () => {
    const agent = await loggedInAgent();
    agent.makeCall({ otherDN: ' 13512345678 ', ANI: '01066666666' });
    await tick();
    const [dialing, ringing] = agent.emitted.map((e) => e.message as Message);
    expect(dialing).to.deep.include({
      messageID: 'EventDialing',
      partyRole: 'Agent',
      callType: 'Outbound',
      referenceID: 1,
    });
    expect(dialing?.['partyID']).to.equal(dialing?.['callID']);
    expect(ringing).to.deep.include({
      messageID: 'EventRinging',
      partyRole: 'Customer',
      ANI: '01066666666',
      DNIS: '13512345678',
    });
  });

  it('rings the agent’s own phone first with phoneType pstn (from agentANI to the bound mobile), and the customer only once the agent answered', async () => {
    const agent = await loggedInAgent(undefined, { phoneType: 'pstn', bindMobile: ' 13800000000 ' });
    agent.makeCall({ otherDN: '13512345678', agentANI: '01088888888' });
    await tick();
    expect(agent.emitted).to.have.length(1);
    expect(agent.emitted[0]?.message).to.deep.include({
      messageID: 'EventRinging',
      partyRole: 'Agent',
      ANI: '01088888888',
      DNIS: '13800000000',
    });
    agent.answer();
    agent.customerAnswers();
    expect(parties(agent)).to.deep.equal([
      'EventRinging/Agent',
      'EventEstablished/Agent',
      'EventRinging/Customer',
      'EventEstablished/Customer',
    ]);
  });

  it('refuses a phoneType outside sip, pstn, webrtc, and a consult without targetType and target', async () => {
    const agent = await loggedInAgent();
    const error = sinon.spy();
    agent.login({ phoneType: 'fax', bindExt: '1000', error });
    await tick();
    expect(error.firstCall.args[0]).to.deep.include({ status: 'error', errorCode: 'PARAM' });
    agent.ring('13912345678');
    agent.answer();
    expect(() => agent.initiateConsult({ target: '13900000000' })).to.throw('targetType');
    expect(() => agent.initiateConsult({ targetType: '1' })).to.throw('target');
    agent.initiateConsult({ targetType: '1', target: '13900000000' });
    expect(agent.emitted.at(-1)?.message).to.deep.include({
      partyRole: 'ThirdPSTN',
      callType: 'Consult',
      DNIS: '13900000000',
    });
  });

  it('regains with Table 4’s workStatusInfo (otherDN, DN roles) and the agent and extension the page signed in with', async () => {
    const agent = await loggedInAgent();
    agent.ring('13912345678');
    agent.answer();
    const regain = agent.regainMessage();
    expect(regain['agentStateInfo']).to.deep.include({ agent: '1005', thisDN: '1000', agentState: '1' });
    expect(regain['workStatusInfo']).to.deep.include({
      callType: 'Inbound',
      otherDN: '13912345678',
      otherDNRole: '1',
      thisDNRole: '2',
    });
  });
});
