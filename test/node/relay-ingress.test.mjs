// The relay's vendor ingress (relay/ingress/), over real HTTP on 127.0.0.1, against the built
// dist/relay/: Voicenter pop-up (GET, form, JSON) and CDR (JSON, XML-RPC, form), Sociomile webhook,
// each fed with the vendors' published payloads (test/fixtures/vendor/, sources in each file);
// routing, dedupe, the 4xx rules, 503 when the store fails, the pop-up's lookup within 1.5 s.
import assert from 'node:assert/strict';
import { createServer, request as httpRequest } from 'node:http';
import { describe, test } from 'node:test';
import { DOMParser } from '@xmldom/xmldom';
import { fixtures, INGRESS, post, startRelay } from './relay-harness.mjs';

const { popup, cdrSeed, cdrSdk, sociomile } = fixtures;
const JSON_TYPE = 'application/json';
const FORM = 'application/x-www-form-urlencoded';

/** The XML-RPC reply's err and errdesc, read back with xmldom. */
function xmlReply(text) {
  const doc = new DOMParser().parseFromString(text, 'text/xml');
  assert.equal(doc.documentElement.nodeName, 'methodResponse');
  return {
    err: doc.getElementsByTagName('int')[0].textContent,
    errdesc: doc.getElementsByTagName('string')[0].textContent,
  };
}

async function stored(store, agentId) {
  return store.readAfter(agentId, undefined, 1000);
}

describe('Voicenter pop-up ingress (seed 004)', () => {
  test('GET with the seed’s query string: 200 {"STATUS":"OK"}, stored as the query object, routed to extenUser', async (t) => {
    const { ingress, store } = await startRelay({ t });
    const query = popup.get.slice(popup.get.indexOf('?'));
    const response = await fetch(`${ingress}/voicenter/popup${query}`);
    assert.equal(response.status, 200);
    assert.deepEqual(await response.json(), { STATUS: 'OK' });
    const [event] = await stored(store, 'SIPSIPl');
    assert.equal(event.type, 'voicenter.popup');
    assert.deepEqual(event.body, Object.fromEntries(new URLSearchParams(query)));
  });

  test('form POST of the seed: stored and routed to its extenUser', async (t) => {
    const { ingress, store } = await startRelay({ t });
    const response = await post(`${ingress}/voicenter/popup`, FORM, popup.formPost);
    assert.equal(response.status, 200);
    assert.deepEqual(await response.json(), { STATUS: 'OK' });
    const [event] = await stored(store, 'NaDzw5Ol');
    assert.deepEqual(event.body, Object.fromEntries(new URLSearchParams(popup.formPost)));
  });

  test('JSON phases of one call (Ringing, answer, hang-up): three events in order, bodies verbatim; a repeated phase is a duplicate', async (t) => {
    const { ingress, store } = await startRelay({ t });
    for (const phase of [popup.ringing, popup.answer, popup.hangup]) {
      const response = await post(`${ingress}/voicenter/popup`, JSON_TYPE, JSON.stringify(phase));
      assert.equal(response.status, 200);
      assert.equal((await response.json()).STATUS, 'OK');
    }
    const again = await post(`${ingress}/voicenter/popup`, JSON_TYPE, JSON.stringify(popup.answer));
    assert.equal(again.status, 200);
    const events = await stored(store, popup.ringing.extenUser);
    assert.deepEqual(
      events.map((e) => e.body),
      [popup.ringing, popup.answer, popup.hangup],
    );
  });

  test('replies with the lookup’s caller (asked with the caller’s number) when RELAY_LOOKUP_URL answers in time', async (t) => {
    const asked = [];
    const lookup = createServer((req, res) => {
      asked.push(new URL(req.url, 'http://x').searchParams.get('phone'));
      res.setHeader('content-type', 'application/json');
      res.end(
        JSON.stringify({ matches: [{ name: 'Dana Levi', company: 'Acme', url: 'https://crm.example/contacts/42' }] }),
      );
    });
    await new Promise((r) => lookup.listen(0, '127.0.0.1', r));
    t.after(() => lookup.close());
    const { ingress } = await startRelay({
      t,
      env: { RELAY_LOOKUP_URL: `http://127.0.0.1:${lookup.address().port}/lookup` },
    });
    const response = await post(`${ingress}/voicenter/popup`, JSON_TYPE, JSON.stringify(popup.ringing));
    assert.deepEqual(await response.json(), {
      STATUS: 'OK',
      URL: 'https://crm.example/contacts/42',
      CLIENTNAME: 'Dana Levi',
      TOTAL: 1,
      COMPANY: 'Acme',
    });
    assert.deepEqual(asked, [popup.ringing.phone]);
  });

  test('a slow lookup still gets {"STATUS":"OK"} within 1.5 s; a lookup that is down too', async (t) => {
    const slow = createServer((req, res) => setTimeout(() => res.end('{"matches":[]}'), 5_000).unref());
    await new Promise((r) => slow.listen(0, '127.0.0.1', r));
    t.after(() => slow.closeAllConnections() ?? slow.close());
    for (const url of [`http://127.0.0.1:${slow.address().port}/`, 'http://127.0.0.1:1/']) {
      const { ingress, store, stop } = await startRelay({ env: { RELAY_LOOKUP_URL: url } });
      try {
        const started = Date.now();
        const response = await post(`${ingress}/voicenter/popup`, JSON_TYPE, JSON.stringify(popup.ringing));
        const took = Date.now() - started;
        assert.equal(response.status, 200);
        assert.deepEqual(await response.json(), { STATUS: 'OK' });
        assert.ok(took < 1_500, `answered in ${took} ms`);
        assert.equal((await stored(store, popup.ringing.extenUser)).length, 1);
      } finally {
        await stop();
      }
    }
  });

  test('unreadable phases answer 400 {"STATUS":"ERROR"} and store nothing', async (t) => {
    const { ingress, store } = await startRelay({ t });
    for (const [type, body] of [
      [JSON_TYPE, '{"phone": "0722776772", "extenUser": "x"'],
      [JSON_TYPE, JSON.stringify({ ...popup.ringing, ivrid: undefined })],
      [JSON_TYPE, JSON.stringify({ ...popup.ringing, status: 'Dancing' })],
      [FORM, 'phone=1&extenUser=x'],
    ]) {
      const response = await post(`${ingress}/voicenter/popup`, type, body);
      assert.equal(response.status, 400, body);
      assert.equal((await response.json()).STATUS, 'ERROR');
    }
    assert.deepEqual(await stored(store, 'x'), []);
    assert.deepEqual(await stored(store, popup.ringing.extenUser), []);
  });
});

describe('Voicenter CDR ingress (seed 003 §4)', () => {
  test('JSON (the seed’s example): {"err":"0","errdesc":"OK"}, stored verbatim, routed to callerextension', async (t) => {
    const { ingress, store } = await startRelay({ t });
    const response = await post(`${ingress}/voicenter/cdr`, JSON_TYPE, JSON.stringify(cdrSeed.json));
    assert.equal(response.status, 200);
    assert.deepEqual(await response.json(), { err: '0', errdesc: 'OK' });
    const [event] = await stored(store, 'SIPSIPSI');
    assert.equal(event.type, 'voicenter.cdr');
    assert.deepEqual(event.body, cdrSeed.json);
  });

  test('XML-RPC (the seed’s example): an XML-RPC reply with err 0, stored as the object a JSON CDR is', async (t) => {
    const { ingress, store } = await startRelay({ t });
    const response = await post(`${ingress}/voicenter/cdr`, 'text/xml', cdrSeed.xmlRpc);
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type'), /^text\/xml/);
    assert.deepEqual(xmlReply(await response.text()), { err: '0', errdesc: 'OK' });
    const [event] = await stored(store, 'IuYtReWq');
    assert.deepEqual(
      {
        caller: event.body.caller,
        target: event.body.target,
        time: event.body.time,
        duration: event.body.duration,
        ivruniqueid: event.body.ivruniqueid,
        targetextension: event.body.targetextension,
        callerextension: event.body.callerextension,
      },
      {
        caller: '0540000000',
        target: '0500000000',
        time: 1345373417,
        duration: 12,
        ivruniqueid: 'sdfsdfsdfsfsf',
        targetextension: '',
        callerextension: 'IuYtReWq',
      },
    );
  });

  test('form (the seed’s JSON example as form fields): JSON reply err 0, stored as its fields', async (t) => {
    const { ingress, store } = await startRelay({ t });
    const form = new URLSearchParams(Object.entries(cdrSeed.json).map(([k, v]) => [k, String(v)])).toString();
    const response = await post(`${ingress}/voicenter/cdr`, FORM, form);
    assert.deepEqual(await response.json(), { err: '0', errdesc: 'OK' });
    const [event] = await stored(store, 'SIPSIPSI');
    assert.equal(event.body.ivruniqueid, cdrSeed.json.ivruniqueid);
    assert.equal(event.body.duration, '12');
  });

  test('Voicenter’s own SDK CDR (no extension named) is stored, acknowledged and counted unrouted, pushed to nobody', async (t) => {
    const { ingress, base, store } = await startRelay({ t });
    const response = await post(`${ingress}/voicenter/cdr`, JSON_TYPE, JSON.stringify(cdrSdk.json));
    assert.deepEqual(await response.json(), { err: '0', errdesc: 'OK' });
    const metrics = await (await fetch(`${base}/metrics`)).text();
    assert.match(metrics, /relay_events_unrouted_total\{vendor="voicenter",kind="cdr"\} 1/);
    assert.match(metrics, /relay_events_accepted_total\{vendor="voicenter",kind="cdr"\} 1/);
    assert.deepEqual(await stored(store, ''), []);
  });

  test('unreadable CDRs answer 400 with err 1 in their own format: broken JSON, broken XML, a CDR without ivruniqueid, another method', async (t) => {
    const { ingress, base } = await startRelay({ t });
    const cut = cdrSeed.xmlRpc.slice(0, cdrSeed.xmlRpc.indexOf('</struct>'));
    const other = cdrSeed.xmlRpc.replace('<methodName>CDR</methodName>', '<methodName>system.listMethods</methodName>');
    for (const xml of [cut, other, 'not xml']) {
      const response = await post(`${ingress}/voicenter/cdr`, 'text/xml', xml);
      assert.equal(response.status, 400);
      assert.equal(xmlReply(await response.text()).err, '1');
    }
    for (const json of ['{"caller": ', JSON.stringify({ ...cdrSeed.json, ivruniqueid: '' }), '[1,2]']) {
      const response = await post(`${ingress}/voicenter/cdr`, JSON_TYPE, json);
      assert.equal(response.status, 400);
      assert.equal((await response.json()).err, '1');
    }
    assert.doesNotMatch(await (await fetch(`${base}/metrics`)).text(), /relay_events_accepted_total\{/);
  });

  test('XML with a DOCTYPE (external entity, billion laughs) is refused with err 1 and nothing is stored', async (t) => {
    const { ingress, base } = await startRelay({ t });
    const lols = [
      '<!ENTITY lol0 "lol">',
      ...Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i};`.repeat(10)}">`),
    ].join('');
    const billion = cdrSeed.xmlRpc
      .replace('<?xml version="1.0"?>', `<?xml version="1.0"?><!DOCTYPE methodCall [${lols}]>`)
      .replace('<string>sdfsdfsdfsfsf</string>', '<string>&lol9;</string>');
    const xxe = cdrSeed.xmlRpc
      .replace(
        '<?xml version="1.0"?>',
        '<?xml version="1.0"?><!DOCTYPE methodCall [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>',
      )
      .replace('<string>IuYtReWq</string>', '<string>&xxe;</string>');
    for (const xml of [billion, xxe]) {
      const response = await post(`${ingress}/voicenter/cdr`, 'application/xml', xml);
      assert.equal(response.status, 400);
      assert.equal(xmlReply(await response.text()).err, '1');
    }
    assert.doesNotMatch(await (await fetch(`${base}/metrics`)).text(), /relay_events_accepted_total\{/);
  });
});

describe('Sociomile webhook ingress (seed 000)', () => {
  test('the seed’s webhook: 200 once stored, body verbatim; no agent in extra_params → stored unrouted', async (t) => {
    const { ingress, base } = await startRelay({ t });
    const response = await post(`${ingress}/sociomile/webhook`, JSON_TYPE, JSON.stringify(sociomile.webhook));
    assert.equal(response.status, 200);
    assert.equal((await response.json()).ok, true);
    assert.match(
      await (await fetch(`${base}/metrics`)).text(),
      /relay_events_unrouted_total\{vendor="sociomile",kind="call"\} 1/,
    );
  });

  test('routed to extra_params.agent; the resend API’s entry of the same call (same internal_id) is a duplicate, stored once', async (t) => {
    const { ingress, store } = await startRelay({ t });
    const withAgent = {
      data: {
        ...sociomile.webhook.data,
        extra_params: { ...sociomile.webhook.data.extra_params, agent: 'agent.7@example.com' },
      },
    };
    const first = await (await post(`${ingress}/sociomile/webhook`, JSON_TYPE, JSON.stringify(withAgent))).json();
    const resent = await (
      await post(`${ingress}/sociomile/webhook`, JSON_TYPE, JSON.stringify(sociomile.resend[0]))
    ).json();
    assert.equal(first.duplicate, false);
    assert.deepEqual(resent, { ok: true, id: first.id, duplicate: true });
    const events = await stored(store, 'agent.7@example.com');
    assert.deepEqual(
      events.map((e) => e.body),
      [withAgent],
    );
    assert.equal(events[0].type, 'sociomile.call');
  });

  test('unreadable webhooks answer 400 and store nothing; a form is 415', async (t) => {
    const { ingress, base } = await startRelay({ t });
    for (const body of ['{"data": ', JSON.stringify({ data: { phone: '1' } }), '"text"']) {
      const response = await post(`${ingress}/sociomile/webhook`, JSON_TYPE, body);
      assert.equal(response.status, 400, body);
    }
    assert.equal((await post(`${ingress}/sociomile/webhook`, FORM, 'data=1')).status, 415);
    assert.doesNotMatch(await (await fetch(`${base}/metrics`)).text(), /relay_events_accepted_total\{/);
  });
});

describe('ingress rules', () => {
  test('the same vendor event posted 100 times is stored once and acknowledged 100 times', async (t) => {
    const { ingress, store, base } = await startRelay({ t });
    const replies = [];
    for (let round = 0; round < 10; round++) {
      replies.push(
        ...(await Promise.all(
          Array.from({ length: 10 }, () =>
            post(`${ingress}/voicenter/cdr`, JSON_TYPE, JSON.stringify(cdrSeed.json)).then(async (r) => [
              r.status,
              await r.json(),
            ]),
          ),
        )),
      );
    }
    assert.equal(replies.length, 100);
    assert.ok(replies.every(([status, body]) => status === 200 && body.err === '0'));
    assert.equal((await stored(store, 'SIPSIPSI')).length, 1);
    const metrics = await (await fetch(`${base}/metrics`)).text();
    assert.match(metrics, /relay_events_accepted_total\{vendor="voicenter",kind="cdr"\} 1\n/);
    assert.match(metrics, /relay_events_duplicate_total\{vendor="voicenter",kind="cdr"\} 99\n/);
  });

  test('a wrong ingress token answers 404 on every endpoint, stores nothing and is counted', async (t) => {
    const { base, store } = await startRelay({ t });
    const wrong = `${base}/v1/in/${INGRESS.slice(0, -1)}x`;
    assert.equal((await fetch(`${wrong}/voicenter/popup${popup.get.slice(popup.get.indexOf('?'))}`)).status, 404);
    assert.equal((await post(`${wrong}/voicenter/cdr`, JSON_TYPE, JSON.stringify(cdrSeed.json))).status, 404);
    assert.equal((await post(`${wrong}/sociomile/webhook`, JSON_TYPE, JSON.stringify(sociomile.webhook))).status, 404);
    assert.equal(
      (await post(`${base}/v1/in/${INGRESS}x/voicenter/cdr`, JSON_TYPE, JSON.stringify(cdrSeed.json))).status,
      404,
    );
    assert.deepEqual(await stored(store, 'SIPSIPSI'), []);
    assert.deepEqual(await stored(store, 'SIPSIPl'), []);
    assert.match(
      await (await fetch(`${base}/metrics`)).text(),
      /relay_events_rejected_total\{vendor="voicenter",kind="cdr",reason="token"\} 2/,
    );
  });

  test('unknown content types answer 415', async (t) => {
    const { ingress } = await startRelay({ t });
    assert.equal((await post(`${ingress}/voicenter/cdr`, 'text/plain', JSON.stringify(cdrSeed.json))).status, 415);
    assert.equal((await post(`${ingress}/voicenter/popup`, 'text/xml', '<x/>')).status, 415);
    assert.equal((await post(`${ingress}/sociomile/webhook`, 'multipart/form-data; boundary=x', '--x--')).status, 415);
  });

  test('bodies over 256 KiB answer 413, whether declared (10 MB) or streamed without a length; the relay keeps serving', async (t) => {
    const { ingress, base, store } = await startRelay({ t });
    const big = JSON.stringify({ ...cdrSeed.json, pad: 'x'.repeat(300 * 1024) });
    assert.equal((await post(`${ingress}/voicenter/cdr`, JSON_TYPE, big)).status, 413);
    assert.equal(
      await rawStatus(
        `${ingress}/voicenter/cdr`,
        { 'content-type': JSON_TYPE, 'content-length': String(10 * 1024 * 1024) },
        (req) => req.write('x'.repeat(64 * 1024)),
      ),
      413,
    );
    const chunked = await rawStatus(
      `${ingress}/sociomile/webhook`,
      { 'content-type': JSON_TYPE, 'transfer-encoding': 'chunked' },
      (req) => {
        for (let i = 0; i < 5; i++) req.write('x'.repeat(64 * 1024));
      },
    );
    assert.equal(chunked, 413);
    assert.deepEqual(await stored(store, 'SIPSIPSI'), []);
    assert.equal((await fetch(`${base}/healthz`)).status, 200);
  });

  test('a body that trickles in is cut off at the read deadline (408); the relay keeps serving', async (t) => {
    const { ingress, base } = await startRelay({ t, bodyTimeoutMs: 300 });
    const started = Date.now();
    const status = await rawStatus(
      `${ingress}/voicenter/cdr`,
      { 'content-type': JSON_TYPE, 'content-length': '1000' },
      (req) => req.write('{"caller":'),
    );
    assert.equal(status, 408);
    assert.ok(Date.now() - started < 3_000);
    assert.equal((await fetch(`${base}/healthz`)).status, 200);
  });

  test('a body that keeps trickling in (a byte every 40 ms) gets 408 on every endpoint with the deadline in the reply, nothing is stored, the refusals are counted', async (t) => {
    const { ingress, base, store } = await startRelay({ t, bodyTimeoutMs: 300 });
    for (const path of ['/voicenter/popup', '/voicenter/cdr', '/sociomile/webhook']) {
      const started = Date.now();
      const answer = await trickle(`${ingress}${path}`, 40);
      assert.equal(answer.status, 408, path);
      assert.match(answer.body, /did not arrive within 300 ms/, `${path}: the reply says why`);
      assert.ok(Date.now() - started < 3_000, `${path}: cut at the deadline, not when the sender stops`);
    }
    for (const agent of ['KGpK4iWq', 'SIPSIPSI', 'demo-agent']) assert.deepEqual(await stored(store, agent), []);
    const metrics = await (await fetch(`${base}/metrics`)).text();
    for (const [vendor, kind] of [
      ['voicenter', 'popup'],
      ['voicenter', 'cdr'],
      ['sociomile', 'call'],
    ]) {
      assert.match(
        metrics,
        new RegExp(`relay_events_rejected_total\\{vendor="${vendor}",kind="${kind}",reason="timeout"\\} 1`),
        `${vendor}.${kind} timeout counted`,
      );
    }
    assert.equal((await fetch(`${base}/healthz`)).status, 200);
  });

  test('"__proto__" keys are dropped from JSON and XML-RPC bodies (nothing reaches a prototype); deep nesting is refused', async (t) => {
    const { ingress, store } = await startRelay({ t });
    const text = JSON.stringify(cdrSeed.json).replace(
      '{',
      '{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}},',
    );
    assert.equal((await post(`${ingress}/voicenter/cdr`, JSON_TYPE, text)).status, 200);
    const [event] = await stored(store, 'SIPSIPSI');
    assert.equal(Object.hasOwn(event.body, '__proto__'), false);
    assert.equal(Object.hasOwn(event.body, 'constructor'), false);
    assert.equal({}.polluted, undefined);
    const xml = cdrSeed.xmlRpc.replace(
      '<member>',
      '<member><name>__proto__</name><value><string>polluted</string></value></member><member>',
    );
    assert.equal(
      (await post(`${ingress}/voicenter/cdr`, 'text/xml', xml.replace('sdfsdfsdfsfsf', 'xml-proto'))).status,
      200,
    );
    const fromXml = (await stored(store, 'IuYtReWq'))[0];
    assert.equal(fromXml.body.ivruniqueid, 'xml-proto');
    assert.equal(Object.hasOwn(fromXml.body, '__proto__'), false);
    assert.equal(Object.getPrototypeOf(fromXml.body), Object.prototype);
    const deep = JSON.stringify({
      ...cdrSeed.json,
      ivruniqueid: 'deep',
      extra: JSON.parse(`${'{"a":'.repeat(40)}1${'}'.repeat(40)}`),
    });
    assert.equal((await post(`${ingress}/voicenter/cdr`, JSON_TYPE, deep)).status, 400);
  });

  test('when the store fails, every endpoint answers 503 (never 200), and /readyz says so', async (t) => {
    const failing = {
      append: async () => {
        throw new Error('disk on fire');
      },
      isEventId: () => true,
      readAfter: async () => [],
      subscribe: () => () => undefined,
      ping: async () => {
        throw new Error('disk on fire');
      },
      prune: async () => undefined,
      close: async () => undefined,
    };
    const { ingress, base } = await startRelay({ t, store: failing });
    const popupReply = await post(`${ingress}/voicenter/popup`, JSON_TYPE, JSON.stringify(popup.ringing));
    assert.equal(popupReply.status, 503);
    assert.equal((await popupReply.json()).STATUS, 'ERROR');
    const cdrJson = await post(`${ingress}/voicenter/cdr`, JSON_TYPE, JSON.stringify(cdrSeed.json));
    assert.equal(cdrJson.status, 503);
    assert.equal((await cdrJson.json()).err, '2');
    const cdrXml = await post(`${ingress}/voicenter/cdr`, 'text/xml', cdrSeed.xmlRpc);
    assert.equal(cdrXml.status, 503);
    assert.equal(xmlReply(await cdrXml.text()).err, '2');
    assert.equal(
      (await post(`${ingress}/sociomile/webhook`, JSON_TYPE, JSON.stringify(sociomile.webhook))).status,
      503,
    );
    assert.equal((await fetch(`${base}/readyz`)).status, 503);
    assert.equal((await fetch(`${base}/healthz`)).status, 200);
    assert.match(
      await (await fetch(`${base}/metrics`)).text(),
      /relay_events_rejected_total\{vendor="voicenter",kind="cdr",reason="store_down"\} 2/,
    );
  });

  test('/readyz is 200 on a working store; /metrics is Prometheus text with the store latency', async (t) => {
    const { base, ingress } = await startRelay({ t });
    assert.equal((await fetch(`${base}/readyz`)).status, 200);
    await post(`${ingress}/voicenter/cdr`, JSON_TYPE, JSON.stringify(cdrSeed.json));
    const response = await fetch(`${base}/metrics`);
    assert.match(response.headers.get('content-type'), /^text\/plain/);
    const text = await response.text();
    assert.match(text, /relay_store_operation_seconds_count\{operation="append",outcome="ok"\} 1/);
    assert.match(text, /relay_agent_streams_open 0/);
  });
});

/** Sends a request with `write` writing (part of) its body, and resolves with the status the relay answers. */
/**
 * POSTs a JSON body that trickles in (one byte every `everyMs`, never complete) until the relay
 * answers; resolves with the status and the reply's text.
 */
function trickle(url, everyMs) {
  return new Promise((resolve, reject) => {
    let timer;
    const req = httpRequest(
      url,
      { method: 'POST', headers: { 'content-type': JSON_TYPE, 'content-length': '100000' } },
      (res) => {
        clearInterval(timer);
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk) => (body += chunk));
        res.on('end', () => {
          resolve({ status: res.statusCode, body });
          req.destroy();
        });
      },
    );
    req.on('error', (error) => (error.code === 'ECONNRESET' || error.code === 'EPIPE' ? undefined : reject(error)));
    req.write('{');
    timer = setInterval(() => req.write(' '), everyMs);
  });
}

function rawStatus(url, headers, write) {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method: 'POST', headers }, (res) => {
      res.resume();
      resolve(res.statusCode);
      req.destroy();
    });
    req.on('error', (error) => (error.code === 'ECONNRESET' || error.code === 'EPIPE' ? undefined : reject(error)));
    write(req);
  });
}
