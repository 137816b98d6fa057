// The Sociomile webhook parser a CRM's server runs, tested in Node on the built package
// (`npm run build` first; `npm test` does) with the vendor's own payloads from
// test/fixtures/vendor/sociomile/webhook-seed.json (seed 000 "Webhook Response" and the resend API).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';

/** The package's own export (dist/connectors/sociomile.js), as a server imports it; built by `npm run build`. */
const { parseSociomileWebhook, sociomileCalls } = await import('softphone-bridge/connectors/sociomile').catch(
  (error) => {
    throw new Error(
      `softphone-bridge/connectors/sociomile could not be imported (run \`npm run build\` first): ${error.message}`,
    );
  },
);

const seed = JSON.parse(
  readFileSync(new URL('../fixtures/vendor/sociomile/webhook-seed.json', import.meta.url), 'utf8'),
);

describe('parseSociomileWebhook() on the vendor’s payloads', () => {
  test('the webhook sample: nobody answered (calldate_join null, talktime "0", NO ANSWER)', () => {
    assert.deepEqual(parseSociomileWebhook(seed.webhook), {
      ok: true,
      value: {
        conversationId: 'a12aslalsoewori',
        phone: '12312312',
        answered: false,
        talkSeconds: 0,
        totalSeconds: 2,
        waitSeconds: 2,
        holdSeconds: 0,
        disposition: 'NO ANSWER',
        recordingUrl: 'https://link.recording/',
        dates: { init: '2022-11-04 13:35:51', end: '2022-11-04 13:35:53' },
        uniqueId: '1667543751.398',
        extraParams: { id: 'asdasd', req: 'ttytty' },
      },
    });
  });

  test('the same webhook as the posted JSON text', () => {
    assert.deepEqual(parseSociomileWebhook(JSON.stringify(seed.webhook)), parseSociomileWebhook(seed.webhook));
  });

  test('SM-1: the resend API’s entry ("NO ANSWER" with talktime "2" and calldate_join set) is an answered call of 2 s', () => {
    const [entry] = seed.resend;
    const parsed = parseSociomileWebhook(entry);
    assert.equal(parsed.ok, true);
    assert.deepEqual(
      {
        answered: parsed.value.answered,
        talkSeconds: parsed.value.talkSeconds,
        disposition: parsed.value.disposition,
        recordingUrl: parsed.value.recordingUrl,
      },
      { answered: true, talkSeconds: 2, disposition: 'NO ANSWER', recordingUrl: undefined },
    );
  });

  test('SM-1: the CRM never gets an unanswered call with talk time: callAccepted comes before callEnded with duration 2', () => {
    const [entry] = seed.resend;
    const parsed = parseSociomileWebhook(entry);
    const calls = sociomileCalls(parsed.value, true, 'p');
    assert.deepEqual(
      calls.map((c) => [c.method, c.payload.duration]),
      [
        ['callAccepted', undefined],
        ['callEnded', 2],
      ],
    );
    assert.equal(calls[1].payload.sociomileDisposition, 'NO ANSWER', 'the vendor’s own word is kept beside it');
  });

  test('names the fields at fault, never the phone number', () => {
    const parsed = parseSociomileWebhook({
      data: { ...seed.webhook.data, internal_id: null, uniqueid: null, talktime: 'two' },
    });
    assert.equal(parsed.ok, false);
    assert.deepEqual(parsed.fields, ['internal_id', 'talktime']);
    assert.doesNotMatch(JSON.stringify(parsed), /12312312/);
  });
});
