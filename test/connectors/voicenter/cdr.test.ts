import { expect } from '@esm-bundle/chai';
import sinon from 'sinon';
import {
  cdrCalls,
  cdrReplyJson,
  cdrReplyXml,
  parseCdrJson,
  parseCdrXmlRpc,
  type VoicenterCall,
} from '../../../connectors/voicenter/index.js';
import { cdrJson, cdrXmlRpc } from '../../fakes/fake-voicenter-samples.js';
import type { XmlParser } from '../../../connectors/voicenter/index.js';
import type { DOMParser as XmldomParser } from '@xmldom/xmldom';

/**
 * Checked by the typecheck (`npm run typecheck`), not at run time: a TypeScript server passes
 * @xmldom/xmldom's DOMParser as the README says, so its type must fit `XmlParser` (xmldom's own
 * `Document` type lacks most of the browser's). Runs with xmldom: test/node/voicenter-server-parsers.test.mjs.
 */
const xmldomFits: XmldomParser extends XmlParser ? true : false = true;

const expected = {
  ivrId: 'ivr-1',
  direction: 'outbound',
  calledAt: 1414320455_000,
  talkSeconds: 12,
  dialSeconds: 31,
  status: 'ANSWER',
  callType: 'Extension Outgoing',
  recordingUrl: 'http://starkey-centrex-recordings.s3.amazonaws.com/xxxxxxxx-aws-0544444444-0722776772.mp3',
};

describe('parseCdrJson()', () => {
  it('reads the seed’s JSON CDR: duration, dial time, time, status, type, recording', () => {
    expect(parseCdrJson(cdrJson('ivr-1'))).to.deep.equal({ ok: true, value: expected });
  });

  it('takes JSON text, numbers as text, and the "ivrunique-id" spelling of the table', () => {
    const { ivruniqueid: _, ...rest } = cdrJson('x');
    const parsed = parseCdrJson(JSON.stringify({ ...rest, 'ivrunique-id': 'ivr-1', duration: '12', dialtime: '31' }));
    expect(parsed).to.deep.equal({ ok: true, value: expected });
  });

  it('reads the direction from the call type', () => {
    const direction = (type: string) => {
      const parsed = parseCdrJson(cdrJson('i', { type }));
      return parsed.ok ? parsed.value.direction : 'error';
    };
    expect([
      direction('Incoming Call'),
      direction('Queue'),
      direction('Click2Call leg2'),
      direction('VoiceMail'),
    ]).to.deep.equal(['inbound', 'inbound', 'outbound', undefined]);
  });

  it('names what is wrong: no id, a negative duration, a recording that is not http(s)', () => {
    const parsed = parseCdrJson(cdrJson('', { ivruniqueid: undefined, duration: -3, record: 'javascript:alert(1)' }));
    expect(parsed).to.deep.include({ ok: false, fields: ['ivruniqueid', 'duration', 'record'] });
  });
});

describe('parseCdrXmlRpc()', () => {
  it('reads the CDR methodCall of the notification system, with typed and empty values', () => {
    expect(parseCdrXmlRpc(cdrXmlRpc(cdrJson('ivr-1')))).to.deep.equal({ ok: true, value: expected });
  });

  it('reads untyped values as text and i8 times', () => {
    const xml = cdrXmlRpc({ ivruniqueid: 'ivr-2' }).replace(
      '</struct>',
      '<member><name>time</name><value><i8>1345373417</i8></value></member><member><name>status</name><value>ANSWER</value></member></struct>',
    );
    const parsed = parseCdrXmlRpc(xml);
    expect(parsed.ok && parsed.value).to.deep.include({ ivrId: 'ivr-2', calledAt: 1345373417_000, status: 'ANSWER' });
  });

  it('uses the DOM parser it is given, and refuses what is not a well-formed CDR call', () => {
    const parser = {
      parseFromString: sinon.spy((text: string, type: 'text/xml') => new DOMParser().parseFromString(text, type)),
    };
    parseCdrXmlRpc(cdrXmlRpc(cdrJson('ivr-1')), parser);
    expect(parser.parseFromString.calledOnce).to.equal(true);
    for (const bad of [
      '<methodCall><methodName>CDR',
      '<methodResponse/>',
      '<methodCall><methodName>evil</methodName></methodCall>',
      '<methodCall><methodName>CDR</methodName></methodCall>',
    ]) {
      expect(parseCdrXmlRpc(bad)).to.deep.include({ ok: false, fields: ['(payload)'] });
    }
  });

  it('takes @xmldom/xmldom’s DOMParser by type, so a TypeScript server can pass it', () => {
    expect(xmldomFits).to.equal(true);
  });

  it('never runs anything in the XML', () => {
    const before = (window as unknown as { pwned?: boolean }).pwned;
    const xml = cdrXmlRpc({ ivruniqueid: '<script>window.pwned=true</script>' }).replace(
      '<?xml version="1.0"?>',
      '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e "x">]>',
    );
    parseCdrXmlRpc(xml);
    expect((window as unknown as { pwned?: boolean }).pwned).to.equal(before);
  });
});

describe('CDR replies', () => {
  it('answers OK and errors as JSON and as XML-RPC', () => {
    expect(cdrReplyJson(0)).to.deep.equal({ err: '0', errdesc: 'OK' });
    expect(cdrReplyJson(1)).to.deep.equal({ err: '1', errdesc: 'Parse error' });
    const doc = new DOMParser().parseFromString(cdrReplyXml(2), 'text/xml');
    expect(doc.documentElement.nodeName).to.equal('methodResponse');
    expect([...doc.getElementsByTagName('int')].map((e) => e.textContent)).to.deep.equal(['2']);
  });
});

describe('cdrCalls()', () => {
  const env = { partnerId: 'p', language: 'en_US', now: 100_000 };
  const ids = { partnerId: 'p', conversationId: 'ivr-1' };
  const cdr = (overrides: Record<string, unknown> = {}) => {
    const parsed = parseCdrJson(cdrJson('ivr-1', overrides));
    if (!parsed.ok) throw new Error('bad sample');
    return parsed.value;
  };
  const extra = {
    recordingUrl: expected.recordingUrl,
    talkSeconds: 12,
    dialTimeSeconds: 31,
    calledAt: '2014-10-26T10:47:35.000Z',
    voicenterStatus: 'ANSWER',
    voicenterCallType: 'Extension Outgoing',
  };
  const dialing: VoicenterCall = {
    ivrId: 'ivr-1',
    direction: 'outbound',
    number: '972',
    phase: 'dialing',
    answeredAt: undefined,
  };

  it('enriches a call seen to end with callNotesSubmitted carrying duration, dial time, status and recording', () => {
    expect(cdrCalls(undefined, true, cdr(), env)).to.deep.equal([
      { method: 'callNotesSubmitted', payload: { ...extra, ...ids } },
    ]);
  });

  it('closes a call still open, with the CDR duration when it was answered', () => {
    expect(cdrCalls(dialing, false, cdr(), env)).to.deep.equal([
      { method: 'callAccepted', payload: ids },
      { method: 'callEnded', payload: { ...extra, ...ids, duration: 12, callType: 'outbound' } },
    ]);
  });

  it('closes an open inbound call that was not answered as missed', () => {
    const ringing: VoicenterCall = { ...dialing, direction: 'inbound', phase: 'ringing' };
    const calls = cdrCalls(ringing, false, cdr({ status: 'NOANSWER', type: 'Incoming Call' }), env);
    expect(calls?.map((c) => [c.method, (c.payload as { reason?: string }).reason])).to.deep.equal([
      ['callRejected', 'passive'],
    ]);
  });

  it('ignores a CDR for a call this page never saw', () => {
    expect(cdrCalls(undefined, false, cdr(), env)).to.equal(undefined);
  });
});
