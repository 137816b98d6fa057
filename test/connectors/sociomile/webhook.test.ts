import { expect } from '@esm-bundle/chai';
import {
  parseSociomileWebhook,
  sociomileCalls,
  type SociomileCallResult,
} from '../../../connectors/sociomile/index.js';

/** The seed's "Webhook Response" sample. */
const SEED_WEBHOOK = {
  data: {
    phone: '12312312',
    calldate_init: '2022-11-04 13:35:51',
    calldate_join: null,
    calldate_end: '2022-11-04 13:35:53',
    duration: '2',
    duration_time: '00:00:02',
    duration_wait: '2',
    duration_wait_time: '00:00:02',
    talktime: '0',
    talktime_time: '00:00:00',
    recordingurl: 'https://link.recording',
    disposition: 'NO ANSWER',
    uniqueid: '1667543751.398',
    hold_sec: 0,
    internal_id: 'a12aslalsoewori',
    extra_params: { id: 'asdasd', req: 'ttytty' },
  },
};

/** An entry of the seed's "API Resent" response: talk time with NO ANSWER, no recording yet. */
const SEED_RESENT = {
  data: {
    phone: '082225636817',
    duration: '2',
    hold_sec: 0,
    talktime: '2',
    uniqueid: '1678160694.1413',
    disposition: 'NO ANSWER',
    internal_id: 'a12aslalsoewori',
    calldate_end: '2023-03-07 10:44:56',
    extra_params: { id: 'asdasd', req: 'ttytty' },
    recordingurl: '',
    calldate_init: '2023-03-07 10:44:54',
    calldate_join: '2023-03-07 10:44:54',
    duration_time: '00:00:02',
    duration_wait: '0',
    talktime_time: '00:00:02',
    duration_wait_time: '00:00:00',
  },
  is_sent: 0,
  is_error: 1,
  messages: 'Server error: ...',
  sent_at: '2023-03-10 17:53:32',
};

describe('parseSociomileWebhook()', () => {
  it('reads the seed’s webhook: durations as numbers, no answer, the recording and the extra params back', () => {
    expect(parseSociomileWebhook(SEED_WEBHOOK)).to.deep.equal({
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

  it('reads an entry of the resend API: calldate_join and talk time say "answered" whatever the disposition, an empty recording is none', () => {
    const parsed = parseSociomileWebhook(SEED_RESENT);
    expect(parsed.ok && parsed.value).to.deep.include({
      answered: true,
      talkSeconds: 2,
      disposition: 'NO ANSWER',
      recordingUrl: undefined,
    });
  });

  it('takes a call as answered from calldate_join alone, or from talk time alone', () => {
    const joined = parseSociomileWebhook({ data: { ...SEED_WEBHOOK.data, calldate_join: '2022-11-04 13:35:52' } });
    const talked = parseSociomileWebhook({ data: { ...SEED_WEBHOOK.data, talktime: '5' } });
    expect([joined.ok && joined.value.answered, talked.ok && talked.value.answered]).to.deep.equal([true, true]);
  });

  it('takes JSON text and the bare data object', () => {
    expect(parseSociomileWebhook(JSON.stringify(SEED_WEBHOOK))).to.deep.equal(parseSociomileWebhook(SEED_WEBHOOK));
    expect(parseSociomileWebhook(SEED_WEBHOOK.data)).to.deep.equal(parseSociomileWebhook(SEED_WEBHOOK));
  });

  it('falls back to uniqueid when there is no internal_id (a call dialled in the widget)', () => {
    const parsed = parseSociomileWebhook({ data: { ...SEED_WEBHOOK.data, internal_id: '' } });
    expect(parsed.ok && parsed.value.conversationId).to.equal('1667543751.398');
  });

  it('derives the talk time from duration − wait when talktime is absent, and "answered" from it without a disposition', () => {
    const { talktime: _t, disposition: _d, ...rest } = SEED_WEBHOOK.data;
    const parsed = parseSociomileWebhook({ ...rest, duration: '65', duration_wait: '5' });
    expect(parsed.ok && parsed.value).to.deep.include({ talkSeconds: 60, answered: true });
  });

  it('names what is wrong, never the values', () => {
    const parsed = parseSociomileWebhook({
      data: { phone: '0812', duration: 'two', talktime: -1, recordingurl: 'javascript:alert(1)' },
    });
    expect(parsed).to.deep.include({ ok: false, fields: ['internal_id', 'duration', 'talktime', 'recordingurl'] });
    expect(JSON.stringify(parsed)).not.to.contain('0812');
  });

  it('keeps only short scalar extra params', () => {
    const parsed = parseSociomileWebhook({
      data: {
        ...SEED_WEBHOOK.data,
        extra_params: JSON.parse('{"a":1,"b":{"deep":true},"__proto__":"x","c":true}') as unknown,
      },
    });
    expect(parsed.ok && parsed.value.extraParams).to.deep.equal({ a: 1, c: true });
  });

  it('refuses what is not a webhook', () => {
    for (const bad of [null, 'not json', 42])
      expect(parseSociomileWebhook(bad)).to.deep.include({ ok: false, fields: ['(payload)'] });
  });
});

describe('sociomileCalls()', () => {
  const result = (overrides: Partial<SociomileCallResult> = {}): SociomileCallResult => {
    const parsed = parseSociomileWebhook(SEED_WEBHOOK);
    if (!parsed.ok) throw new Error('bad sample');
    return { ...parsed.value, ...overrides };
  };
  const ids = { partnerId: 'p', conversationId: 'a12aslalsoewori' };
  const extra = {
    recordingUrl: 'https://link.recording/',
    sociomileDisposition: 'NO ANSWER',
    totalSeconds: 2,
    waitSeconds: 2,
    holdSeconds: 0,
    sociomileUniqueId: '1667543751.398',
    callDates: { init: '2022-11-04 13:35:51', end: '2022-11-04 13:35:53' },
    extraParams: { id: 'asdasd', req: 'ttytty' },
  };

  it('ends a call this page dialled: callEnded, talk time, outbound, the recording kept', () => {
    expect(sociomileCalls(result(), true, 'p')).to.deep.equal([
      { method: 'callEnded', payload: { ...extra, ...ids, duration: 0, callType: 'outbound' } },
    ]);
  });

  it('accepts an answered call before ending it', () => {
    expect(sociomileCalls(result({ answered: true, talkSeconds: 40 }), true, 'p').map((c) => c.method)).to.deep.equal([
      'callAccepted',
      'callEnded',
    ]);
  });

  it('announces a call the page did not dial with the webhook’s phone', () => {
    expect(sociomileCalls(result(), false, 'p')[0]).to.deep.equal({
      method: 'outboundCallInitiated',
      payload: { ...ids, dialledTo: '12312312' },
    });
  });
});
