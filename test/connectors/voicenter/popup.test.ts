import { expect } from '@esm-bundle/chai';
import {
  parsePopupPhase,
  parsePopupQuery,
  popupReply,
  POPUP_ERROR_REPLY,
} from '../../../connectors/voicenter/index.js';
import { popupPhase } from '../../fakes/fake-voicenter-samples.js';

const IVR = '20220916103546022555eb61e755c08a';

describe('parsePopupPhase()', () => {
  it('reads the Ringing phase: the caller, inbound', () => {
    expect(parsePopupPhase(popupPhase(IVR, 'Ringing'))).to.deep.equal({
      ok: true,
      value: { kind: 'ringing', ivrId: IVR, direction: 'inbound', number: '972722776772' },
    });
  });

  it('reads the Talking phase as answered, at callAnswered (epoch seconds → ms)', () => {
    const parsed = parsePopupPhase(popupPhase(IVR, 'Talking', { callAnswered: 1663324555 }));
    expect(parsed).to.deep.equal({
      ok: true,
      value: { kind: 'answered', ivrId: IVR, direction: 'inbound', number: '972722776772', answeredAt: 1663324555_000 },
    });
  });

  it('reads the hang-up phase by its cause (in currentCall), though its status still says Talking', () => {
    const parsed = parsePopupPhase(popupPhase(IVR, 'Hangup'));
    expect(parsed.ok && parsed.value).to.deep.include({
      kind: 'ended',
      cause: 'Normal hangup',
      answeredAt: 1663324555_000,
    });
  });

  it('takes the JSON text as well as the object, and reads other directions as outbound', () => {
    const parsed = parsePopupPhase(JSON.stringify(popupPhase(IVR, 'Ringing', { direction: 'Outgoing' })));
    expect(parsed.ok && parsed.value.direction).to.equal('outbound');
  });

  it('names the missing ivrid and an unknown status, never the values', () => {
    const parsed = parsePopupPhase({ phone: '972722776772', status: 'Dancing' });
    expect(parsed).to.deep.include({ ok: false, fields: ['ivrid', 'status'] });
    expect(JSON.stringify(parsed)).not.to.contain('972722776772').and.not.contain('Dancing');
  });

  it('refuses text that is not JSON, and what is not an object', () => {
    for (const bad of ['{"ivrid": ', null, 42, []])
      expect(parsePopupPhase(bad)).to.deep.include({ ok: false, fields: ['(payload)'] });
  });
});

describe('parsePopupQuery()', () => {
  it('reads the GET request, whose status is called statusCall', () => {
    const parsed = parsePopupQuery(
      'https://www.yourdomain.com/contact_search.asp?phone=0722776772&ivrid=202010111sdsd3684752bcb3d&extenUser=SIPSIPl&did=0722776773&statusCall=Ringing',
    );
    expect(parsed).to.deep.equal({
      ok: true,
      value: { kind: 'ringing', ivrId: '202010111sdsd3684752bcb3d', number: '0722776772' },
    });
  });

  it('reads the form-encoded POST body', () => {
    const parsed = parsePopupQuery(
      new URLSearchParams('phone=0722776772&ivrid=abc&extenUser=NaDzw5Ol&did=0722776773&status=Ringing'),
    );
    expect(parsed.ok && parsed.value.ivrId).to.equal('abc');
  });
});

describe('popupReply()', () => {
  it('answers one match with its name, company and page, STATUS "OK" in capitals', () => {
    expect(
      popupReply({
        matches: [
          {
            name: 'John Doe',
            company: 'Voicenter',
            url: 'https://www.yourdomain.com/contact_search.asp?user_phone=0722776772',
          },
        ],
      }),
    ).to.deep.equal({
      STATUS: 'OK',
      URL: 'https://www.yourdomain.com/contact_search.asp?user_phone=0722776772',
      CLIENTNAME: 'John Doe',
      TOTAL: 1,
      COMPANY: 'Voicenter',
    });
  });

  it('answers several matches with their count (an integer) and the search page', () => {
    expect(
      popupReply({ matches: [{ name: 'A' }, { name: 'B' }], searchUrl: 'https://crm.example.com/search?q=0722776772' }),
    ).to.deep.equal({ STATUS: 'OK', URL: 'https://crm.example.com/search?q=0722776772', TOTAL: 2 });
  });

  it('answers no match with TOTAL 0', () => {
    expect(popupReply({ matches: [] })).to.deep.equal({ STATUS: 'OK', TOTAL: 0 });
  });

  it('leaves out links that are not http(s), and keeps names as plain text', () => {
    const reply = popupReply({ matches: [{ name: 'Eve\u0000\n<b>', company: '   ', url: 'javascript:alert(1)' }] });
    expect(reply).to.deep.equal({ STATUS: 'OK', CLIENTNAME: 'Eve <b>', TOTAL: 1 });
  });

  it('has an error reply whose STATUS is not "OK"', () => {
    expect(POPUP_ERROR_REPLY.STATUS).not.to.equal('OK');
  });
});
