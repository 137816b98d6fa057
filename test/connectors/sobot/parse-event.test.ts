import { expect } from '@esm-bundle/chai';
import { parseSobotEvent } from '../../../connectors/sobot/index.js';
import {
  EVENT_DIALING_DOCUMENTED,
  EVENT_DIALING_DOCUMENTED_PADDED,
  EVENT_RINGING_INBOUND_FROM_TABLES,
  EVENT_RINGING_OUTBOUND_FROM_TABLES,
} from '../../fixtures/vendor/sobot/message-format.js';

const none = { ani: undefined, dnis: undefined, otherDN: undefined };

describe('parseSobotEvent()', () => {
  it("reads the call-event fields of Sobot's message format (ANI, DNIS) from its documented fields", () => {
    const parsed = parseSobotEvent('ringing', EVENT_RINGING_INBOUND_FROM_TABLES);
    expect(parsed).to.deep.equal({
      ok: true,
      value: {
        kind: 'ringing',
        callId: '4dce61ec399644029fab7e8251da9bf1332',
        direction: 'inbound',
        callType: 'inbound',
        party: 'agent',
        numbers: { ani: '13912345678', dnis: '40012345678', otherDN: undefined },
      },
    });
    const outbound = parseSobotEvent('ringing', EVENT_RINGING_OUTBOUND_FROM_TABLES);
    expect(outbound.ok && outbound.value).to.deep.include({
      direction: 'outbound',
      numbers: { ani: '40012345678', dnis: '13912345678', otherDN: undefined },
    });
  });

  it('reads the documented EventDialing bodies (no number in them), padded values trimmed', () => {
    for (const body of [EVENT_DIALING_DOCUMENTED, EVENT_DIALING_DOCUMENTED_PADDED]) {
      const parsed = parseSobotEvent('dialing', body);
      expect(parsed.ok && parsed.value).to.deep.equal({
        kind: 'dialing',
        callId: '4dce61ec399644029fab7e8251da9bf1332',
        direction: undefined,
        callType: undefined,
        party: undefined,
        numbers: none,
      });
    }
  });

  it('reads otherDN where the regain and the server-push format carry it, trimmed, and ignores attributes the SDK adds', () => {
    const parsed = parseSobotEvent('ringing', {
      messageID: 'EventRinging',
      callID: ' c-1 ',
      callType: 'Inbound',
      otherDN: ' 133****3333 ',
      thisDN: '1000',
      addedLater: { x: 1 },
    });
    expect(parsed).to.deep.equal({
      ok: true,
      value: {
        kind: 'ringing',
        callId: 'c-1',
        direction: 'inbound',
        callType: 'inbound',
        party: undefined,
        numbers: { ...none, otherDN: '133****3333' },
      },
    });
  });

  it('takes an empty ANI or DNIS (not PSTN) as no number', () => {
    const parsed = parseSobotEvent('ringing', { ...EVENT_RINGING_INBOUND_FROM_TABLES, ANI: '', DNIS: '' });
    expect(parsed.ok && parsed.value.kind === 'ringing' && parsed.value.numbers).to.deep.equal(none);
  });

  it('takes callType in any case, and leaves direction open when it is absent', () => {
    expect(parseSobotEvent('dialing', { callID: 'c', callType: 'OUTBOUND' })).to.deep.include({ ok: true });
    const parsed = parseSobotEvent('answered', { callID: 'c' });
    expect(parsed.ok && parsed.value).to.deep.equal({
      kind: 'answered',
      callId: 'c',
      direction: undefined,
      callType: undefined,
      party: undefined,
      numbers: none,
    });
  });

  it('accepts a numeric callID as text', () => {
    const parsed = parseSobotEvent('released', { callID: 12345 });
    expect(parsed.ok && parsed.value).to.deep.include({ callId: '12345' });
  });

  it('names every missing or mistyped field, never the values', () => {
    const parsed = parseSobotEvent('ringing', { otherDN: '+15550100100', callType: 'Sideways' });
    expect(parsed.ok).to.equal(false);
    if (parsed.ok) return;
    expect(parsed.fields).to.deep.equal(['callID', 'callType']);
    expect(parsed.problems.join(' '))
      .to.contain('"callID" is required')
      .and.not.contain('5550100100')
      .and.not.contain('Sideways');
  });

  it("reads partyRole and the Internal and Consult call types, and names a role or type outside Sobot's lists", () => {
    const consult = parseSobotEvent('released', {
      ...EVENT_RINGING_INBOUND_FROM_TABLES,
      callType: 'Consult',
      partyRole: 'ThirdPSTN',
    });
    expect(consult.ok && consult.value).to.deep.include({
      direction: undefined,
      callType: 'consult',
      party: 'thirdpstn',
    });
    const internal = parseSobotEvent('ringing', { ...EVENT_RINGING_INBOUND_FROM_TABLES, callType: 'Internal' });
    expect(internal.ok && internal.value).to.deep.include({
      direction: undefined,
      callType: 'internal',
      party: 'agent',
    });
    expect(parseSobotEvent('ringing', { ...EVENT_RINGING_INBOUND_FROM_TABLES, partyRole: 'Caller' })).to.deep.include({
      ok: false,
      fields: ['partyRole'],
    });
  });

  it('refuses what is not an object', () => {
    for (const bad of [null, 'EventRinging', 42, [1]])
      expect(parseSobotEvent('ringing', bad)).to.deep.include({ ok: false, fields: ['(payload)'] });
  });

  it('maps EventAgentReady to ready and EventAgentNotReady to its reason code (text or number; DND by default)', () => {
    expect(parseSobotEvent('ready', { messageID: 'EventAgentReady' })).to.deep.equal({
      ok: true,
      value: { kind: 'status', status: 'ready' },
    });
    expect(parseSobotEvent('notReady', { reasonCode: '14' })).to.deep.equal({
      ok: true,
      value: { kind: 'status', status: 14 },
    });
    expect(parseSobotEvent('notReady', { reasonCode: 11 })).to.deep.equal({
      ok: true,
      value: { kind: 'status', status: 11 },
    });
    expect(parseSobotEvent('notReady', {})).to.deep.equal({ ok: true, value: { kind: 'status', status: 2 } });
    expect(parseSobotEvent('notReady', { reasonCode: 'lunch' })).to.deep.include({ ok: false, fields: ['reasonCode'] });
  });

  describe('EventAgentRegainStatus', () => {
    const agentStateInfo = {
      agent: '1005',
      agentState: '1',
      reasonCode: '',
      workStatus: 'talking',
      workStatusTimestamp: 1706605200,
    };

    it('reads the login state and the call the agent is on, with since when (seconds or ms)', () => {
      const parsed = parseSobotEvent('regain', {
        agentStateInfo,
        workStatusInfo: { callID: 'c-9', callType: 'Outbound', otherDN: '139' },
      });
      expect(parsed.ok && parsed.value).to.deep.equal({
        kind: 'regain',
        status: 'ready',
        call: {
          callId: 'c-9',
          direction: 'outbound',
          callType: 'outbound',
          party: undefined,
          numbers: { ...none, otherDN: '139' },
          since: 1706605200_000,
        },
        idleSince: undefined,
      });
    });

    it('reads DND with its reason, and no call when workStatusInfo is absent (idle since the timestamp)', () => {
      const parsed = parseSobotEvent('regain', {
        agentStateInfo: { ...agentStateInfo, agentState: '2', reasonCode: '13', workStatusTimestamp: 1706605200123 },
      });
      expect(parsed.ok && parsed.value).to.deep.equal({
        kind: 'regain',
        status: 13,
        call: undefined,
        idleSince: 1706605200123,
      });
    });

    it('reports a workStatusInfo without callID with its path', () => {
      const parsed = parseSobotEvent('regain', { agentStateInfo, workStatusInfo: { otherDN: '139' } });
      expect(parsed).to.deep.include({ ok: false, fields: ['workStatusInfo.callID'] });
    });
  });
});
