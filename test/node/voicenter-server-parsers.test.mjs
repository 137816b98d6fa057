// The Voicenter parsers a CRM's server runs (pop-up phase requests, CDR notifications), tested in
// Node as a server runs them: the built package (`npm run build` first; `npm test` does), with
// @xmldom/xmldom's DOMParser for XML-RPC, as connectors/voicenter/README.md tells Node servers to.
// Fed with Voicenter's own payloads from test/fixtures/vendor/voicenter/ (each file names its source).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { DOMParser } from '@xmldom/xmldom';

/** The package's own export (dist/connectors/voicenter.js), as a server imports it; built by `npm run build`. */
const { cdrReplyJson, cdrReplyXml, parseCdrJson, parseCdrXmlRpc, parsePopupPhase, parsePopupQuery, popupReply } =
  await import('softphone-bridge/connectors/voicenter').catch((error) => {
    throw new Error(
      `softphone-bridge/connectors/voicenter could not be imported (run \`npm run build\` first): ${error.message}`,
    );
  });

const fixture = (name) =>
  JSON.parse(readFileSync(new URL(`../fixtures/vendor/voicenter/${name}`, import.meta.url), 'utf8'));
const popup = fixture('popup-seed.json');
const cdrSeed = fixture('cdr-seed.json');
const cdrSdk = fixture('cdr-websdk.json');

/** xmldom reports recoverable errors on console by default; a server would route them to its log. */
const quietParser = (errors = []) =>
  new DOMParser({ onError: (level, message) => void errors.push(`${level}: ${message}`) });

describe('parseCdrXmlRpc() with @xmldom/xmldom (VC-1)', () => {
  test('reads the seed’s XML-RPC CDR: typed i8/i4 values, <string /> empty values, the call type', () => {
    assert.deepEqual(parseCdrXmlRpc(cdrSeed.xmlRpc, quietParser()), {
      ok: true,
      value: {
        ivrId: 'sdfsdfsdfsfsf',
        direction: 'outbound',
        calledAt: 1345373417_000,
        talkSeconds: 12,
        dialSeconds: undefined,
        status: 'ANSWER',
        callType: 'Extension Outgoing',
        recordingUrl: undefined,
      },
    });
  });

  test('reads the same CDR through xmldom’s default error handler (the README’s one-liner)', () => {
    const parsed = parseCdrXmlRpc(cdrSeed.xmlRpc, new DOMParser());
    assert.equal(parsed.ok, true);
    assert.equal(parsed.value.ivrId, 'sdfsdfsdfsfsf');
  });

  test('reports malformed XML instead of throwing xmldom’s ParseError', () => {
    const cut = cdrSeed.xmlRpc.slice(0, cdrSeed.xmlRpc.indexOf('</struct>'));
    for (const bad of [cut, '<methodCall><methodName>CDR', 'not xml at all', '']) {
      const parsed = parseCdrXmlRpc(bad, quietParser());
      assert.equal(parsed.ok, false, JSON.stringify(bad.slice(0, 40)));
      assert.deepEqual(parsed.fields, ['(payload)']);
    }
  });

  test('refuses a methodCall that is not a CDR, or has no struct', () => {
    const other = cdrSeed.xmlRpc.replace('<methodName>CDR</methodName>', '<methodName>system.listMethods</methodName>');
    assert.match(parseCdrXmlRpc(other, quietParser()).problems[0], /"CDR"/);
    assert.match(
      parseCdrXmlRpc('<methodCall><methodName>CDR</methodName></methodCall>', quietParser()).problems[0],
      /struct/,
    );
  });

  test('says what is missing when no parser is given in Node', () => {
    assert.throws(() => parseCdrXmlRpc(cdrSeed.xmlRpc), { name: 'TypeError', message: /no DOMParser.*xmldom/ });
  });

  test('answers Voicenter with an XML-RPC reply xmldom reads back', () => {
    const doc = new DOMParser().parseFromString(cdrReplyXml(0), 'text/xml');
    assert.equal(doc.documentElement.nodeName, 'methodResponse');
    assert.deepEqual(
      [...Array.from(doc.getElementsByTagName('int')), ...Array.from(doc.getElementsByTagName('string'))].map(
        (e) => e.textContent,
      ),
      ['0', 'OK'],
    );
    assert.deepEqual(cdrReplyJson(1), { err: '1', errdesc: 'Parse error' });
  });
});

describe('untrusted XML: entity expansion and external entities', () => {
  // Ten levels of ten: expanded, "&lol9;" would be 10^9 "lol"s.
  const lols = [
    '<!ENTITY lol0 "lol">',
    ...Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i};`.repeat(10)}">`),
  ].join('');
  const billionLaughs = cdrSeed.xmlRpc
    .replace('<?xml version="1.0"?>', `<?xml version="1.0"?><!DOCTYPE methodCall [${lols}]>`)
    .replace('<string>sdfsdfsdfsfsf</string>', '<string>&lol9;</string>');
  const externalEntity = cdrSeed.xmlRpc
    .replace(
      '<?xml version="1.0"?>',
      '<?xml version="1.0"?><!DOCTYPE methodCall [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>',
    )
    .replace('<string>sdfsdfsdfsfsf</string>', '<string>&xxe;</string>');

  test('parseCdrXmlRpc refuses any DOCTYPE before a parser sees it (billion laughs, external entity)', () => {
    for (const xml of [billionLaughs, externalEntity]) {
      let called = false;
      const parser = {
        parseFromString: (text, type) => ((called = true), new DOMParser().parseFromString(text, type)),
      };
      const parsed = parseCdrXmlRpc(xml, parser);
      assert.equal(parsed.ok, false);
      assert.match(parsed.problems[0], /DOCTYPE/);
      assert.equal(called, false);
    }
  });

  test('xmldom itself expands no DTD entity and reads no external one (its entity map is fixed)', () => {
    for (const [xml, name] of [
      [billionLaughs, '&lol9;'],
      [externalEntity, '&xxe;'],
    ]) {
      const errors = [];
      const doc = quietParser(errors).parseFromString(xml, 'text/xml');
      const text = doc.documentElement.textContent;
      assert.ok(text.length < xml.length, 'nothing was expanded');
      assert.ok(text.includes(name), 'the reference stays as literal text');
      assert.doesNotMatch(text, /root:/, '/etc/passwd was not read');
      assert.ok(errors.some((e) => e.includes(`entity not found:${name}`)));
    }
  });
});

describe('parseCdrJson() on Voicenter’s published CDRs', () => {
  test('the Cdr2CRM SDK’s CdrRequest.json: an answered incoming call with its recording, IVR path and float price ignored', () => {
    assert.deepEqual(parseCdrJson(cdrSdk.json), {
      ok: true,
      value: {
        ivrId: '2020020419500000000000000000',
        direction: 'inbound',
        calledAt: 1580846139_000,
        talkSeconds: 38,
        dialSeconds: 33,
        status: 'ANSWER',
        callType: 'Incoming Call',
        recordingUrl:
          'http://starkey-centrex-recordings.s3.amazonaws.com/2020020419500000000000000000-aws-0546666666-0702246666.mp3',
      },
    });
  });

  test('the seed’s JSON example, as an object and as the posted text', () => {
    const expected = {
      ok: true,
      value: {
        ivrId: 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx',
        direction: 'outbound',
        calledAt: 1414320455_000,
        talkSeconds: 12,
        dialSeconds: 31,
        status: 'ANSWER',
        callType: 'Extension Outgoing',
        recordingUrl: 'http://starkey-centrex-recordings.s3.amazonaws.com/xxxxxxxx-aws-0544444444-0722776772.mp3',
      },
    };
    assert.deepEqual(parseCdrJson(cdrSeed.json), expected);
    assert.deepEqual(parseCdrJson(JSON.stringify(cdrSeed.json)), expected);
  });

  test('names the fields at fault, never their values', () => {
    const parsed = parseCdrJson({ ...cdrSdk.json, ivruniqueid: '', record: 'javascript:alert(1)' });
    assert.deepEqual(parsed.fields, ['ivruniqueid', 'record']);
    assert.doesNotMatch(JSON.stringify(parsed), /0546666666/);
  });
});

describe('pop-up screen requests (seed 004)', () => {
  test('the three JSON phases: ringing with the caller, the answer with its time, the hang-up by its cause', () => {
    const ivrId = '20220916103546022555eb61e755c08a';
    assert.deepEqual(parsePopupPhase(popup.ringing), {
      ok: true,
      value: { kind: 'ringing', ivrId, direction: 'inbound', number: '972722776772' },
    });
    assert.deepEqual(parsePopupPhase(JSON.stringify(popup.answer)), {
      ok: true,
      value: { kind: 'answered', ivrId, direction: 'inbound', number: '972722776772', answeredAt: 1663324555_000 },
    });
    assert.deepEqual(parsePopupPhase(popup.hangup), {
      ok: true,
      value: {
        kind: 'ended',
        ivrId,
        direction: 'inbound',
        number: '972722776772',
        answeredAt: 1663324555_000,
        cause: 'Normal hangup',
      },
    });
  });

  test('the GET request (statusCall) and the form POST (status)', () => {
    const expected = { ok: true, value: { kind: 'ringing', ivrId: '202010111sdsd3684752bcb3d', number: '0722776772' } };
    assert.deepEqual(parsePopupQuery(popup.get), expected);
    assert.deepEqual(parsePopupQuery(popup.formPost), expected);
    assert.deepEqual(parsePopupQuery(new URLSearchParams(popup.formPost)), expected);
  });

  test('the reply has the seed’s fields and types', () => {
    const reply = popupReply({
      matches: [{ name: popup.reply.CLIENTNAME, company: popup.reply.COMPANY, url: popup.reply.URL }],
    });
    assert.deepEqual(reply, popup.reply);
  });
});
