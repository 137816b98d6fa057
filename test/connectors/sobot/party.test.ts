import { expect } from '@esm-bundle/chai';
import {
  parseSobotEvent,
  sobotIgnoreReason,
  type SobotCallEvent,
  type SobotEventKind,
} from '../../../connectors/sobot/index.js';
import {
  EVENT_RINGING_INBOUND_FROM_TABLES,
  EVENT_RINGING_OUTBOUND_FROM_TABLES,
} from '../../fixtures/vendor/sobot/message-format.js';

/** A documented call event with another messageID / party / call type, parsed as the connector does. */
function sobotEvent(kind: SobotEventKind, base: object, changes: Record<string, string>): SobotCallEvent {
  const parsed = parseSobotEvent(kind, { ...base, ...changes });
  if (!parsed.ok || !('callId' in parsed.value)) throw new Error(`not a call event: ${JSON.stringify(parsed)}`);
  return parsed.value;
}

const inbound = { direction: 'inbound' } as const;
const outbound = { direction: 'outbound' } as const;

describe('sobotIgnoreReason()', () => {
  it("counts an outbound call as answered by the customer's party only, not by the agent's own leg", () => {
    const customer = sobotEvent('answered', EVENT_RINGING_OUTBOUND_FROM_TABLES, { messageID: 'EventEstablished' });
    const agentLeg = sobotEvent('answered', EVENT_RINGING_OUTBOUND_FROM_TABLES, {
      messageID: 'EventEstablished',
      partyRole: 'Agent',
    });
    expect(sobotIgnoreReason(outbound, customer)).to.equal(undefined);
    expect(sobotIgnoreReason(outbound, agentLeg)).to.contain("agent's own leg");
    expect(sobotIgnoreReason(undefined, agentLeg)).to.contain("agent's own leg");
  });

  it("counts an inbound call as answered by the agent's party only, not by the customer's (queue, IVR)", () => {
    const agentLeg = sobotEvent('answered', EVENT_RINGING_INBOUND_FROM_TABLES, { messageID: 'EventEstablished' });
    const customer = sobotEvent('answered', EVENT_RINGING_INBOUND_FROM_TABLES, {
      messageID: 'EventEstablished',
      partyRole: 'Customer',
    });
    expect(sobotIgnoreReason(inbound, agentLeg)).to.equal(undefined);
    expect(sobotIgnoreReason(inbound, customer)).to.contain("customer's leg");
  });

  it('ignores the events of a virtual agent, a supervisor and a third party', () => {
    for (const partyRole of ['VirtualAgent', 'Supervisor', 'ThirdPSTN']) {
      for (const kind of ['ringing', 'answered', 'released'] as const) {
        expect(
          sobotIgnoreReason(inbound, sobotEvent(kind, EVENT_RINGING_INBOUND_FROM_TABLES, { partyRole })),
        ).to.contain(`${partyRole.toLowerCase()} party`);
      }
    }
  });

  it('ignores internal and consult calls, except the customer leaving the call the connector holds', () => {
    for (const callType of ['Internal', 'Consult']) {
      expect(
        sobotIgnoreReason(undefined, sobotEvent('ringing', EVENT_RINGING_INBOUND_FROM_TABLES, { callType })),
      ).to.contain(`${callType.toLowerCase()} call`);
      expect(
        sobotIgnoreReason(inbound, sobotEvent('released', EVENT_RINGING_INBOUND_FROM_TABLES, { callType })),
      ).to.contain(`${callType.toLowerCase()} call`);
      expect(
        sobotIgnoreReason(
          inbound,
          sobotEvent('released', EVENT_RINGING_INBOUND_FROM_TABLES, { callType, partyRole: 'Customer' }),
        ),
      ).to.equal(undefined);
      expect(
        sobotIgnoreReason(
          undefined,
          sobotEvent('released', EVENT_RINGING_INBOUND_FROM_TABLES, { callType, partyRole: 'Customer' }),
        ),
      ).to.contain('call');
    }
  });

  it("applies the customer's and the agent's ring and release, and any message that names no party", () => {
    expect(sobotIgnoreReason(undefined, sobotEvent('ringing', EVENT_RINGING_INBOUND_FROM_TABLES, {}))).to.equal(
      undefined,
    );
    expect(
      sobotIgnoreReason(outbound, sobotEvent('ringing', EVENT_RINGING_OUTBOUND_FROM_TABLES, { partyRole: 'Agent' })),
    ).to.equal(undefined);
    expect(
      sobotIgnoreReason(inbound, sobotEvent('released', EVENT_RINGING_INBOUND_FROM_TABLES, { partyRole: 'Customer' })),
    ).to.equal(undefined);
    const { partyRole: _dropped, ...noParty } = EVENT_RINGING_OUTBOUND_FROM_TABLES;
    expect(sobotIgnoreReason(outbound, sobotEvent('answered', noParty, {}))).to.equal(undefined);
  });
});
