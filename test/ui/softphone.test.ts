import { expect } from '@esm-bundle/chai';
import sinon from 'sinon';
import type { CallRecord } from '../../src/contract/call-record.js';
import { RefusedEvent } from '../../src/ui/refused-event.js';
import type { SbSoftphone } from '../../src/ui/softphone.js';
import { $, cleanup, edit, fakeBridge, mount, PARTNER, settle, UUID } from './helpers.js';

const CALLERS = [
  { name: 'Maya Okafor', number: '+14155550101' },
  { name: 'Jonas Lindqvist', number: '+14155550117' },
];

/** A softphone with a fake bridge that has delivered `disposition` and `partner_config`. */
async function ready(props: Partial<SbSoftphone> = {}) {
  const fake = fakeBridge();
  const el = await mount('sb-softphone', { bridge: fake.bridge, callers: CALLERS, ...props });
  fake.send('disposition', ['resolved', 'callback-requested']);
  fake.send('partner_config', PARTNER);
  await settle(el);
  fake.bridge.statusChanged.resetHistory();
  return {
    ...fake,
    el,
    click: async (selector: string) => {
      $<HTMLButtonElement>(el, selector).click();
      await settle(el);
    },
  };
}

describe('<sb-softphone>', () => {
  afterEach(cleanup);

  describe('loading', () => {
    it('calls load(callback) once when attached with a bridge, then reports the starting status', async () => {
      const fake = fakeBridge();
      const el = await mount('sb-softphone', { bridge: fake.bridge });
      expect(fake.bridge.load.callCount).to.equal(1);
      expect(fake.bridge.load.firstCall.args[0]).to.be.a('function');
      expect(fake.bridge.statusChanged.args).to.deep.equal([[{ softphoneId: 'available' }]]);
      el.remove();
      document.body.append(el);
      await settle(el);
      expect(fake.bridge.load.callCount, 'moving the element does not load again').to.equal(1);
    });

    it('says so when load fails, and tries again when attached again', async () => {
      const fake = fakeBridge();
      fake.bridge.load.rejects(
        Object.assign(new Error('The fake adapter could not connect.'), { code: 'ADAPTER_CONNECT_FAILED' }),
      );
      const el = await mount('sb-softphone', { bridge: fake.bridge });
      expect($(el, '#message').textContent).to.equal('load: the bridge refused it (ADAPTER_CONNECT_FAILED)');
      expect(fake.bridge.statusChanged.callCount).to.equal(0);
      el.remove();
      document.body.append(el);
      await settle(el);
      expect(fake.bridge.load.callCount).to.equal(2);
    });

    it('starts nothing before partner_config, then uses its partnerId', async () => {
      const fake = fakeBridge();
      const el = await mount('sb-softphone', { bridge: fake.bridge, callers: CALLERS });
      expect(el.phase).to.equal('starting');
      expect($<HTMLButtonElement>(el, '#incoming').disabled).to.equal(true);
      expect($<HTMLButtonElement>(el, '#dial-number').hasAttribute('disabled')).to.equal(true);
      fake.send('partner_config', PARTNER);
      await settle(el);
      expect(el.phase).to.equal('idle');
      expect($<HTMLButtonElement>(el, '#incoming').disabled).to.equal(false);
      expect($(el, '.partner').textContent).to.equal('Partner partner-1');
    });

    it('fills the disposition list from the disposition callback', async () => {
      const { el, send } = await ready();
      const codes = () =>
        [...$<HTMLSelectElement>(el, '#disposition').options].map((o) => o.value).filter((v) => v !== '');
      expect(codes()).to.deep.equal(['resolved', 'callback-requested']);
      send('disposition', ['sale', 'no-sale', 'voicemail']);
      await settle(el);
      expect(codes()).to.deep.equal(['sale', 'no-sale', 'voicemail']);
    });
  });

  describe('an inbound call', () => {
    it('rings, is accepted, ends with disposition and notes, and submits notes: one conversationId throughout', async () => {
      const { el, bridge, click } = await ready({ ivrContext: { ivrExitPath: 'billing' } });
      edit($<HTMLSelectElement>(el, '#caller'), '1');
      await settle(el);
      await click('#incoming');
      expect(el.phase).to.equal('ringing');
      const [incoming] = bridge.incomingCall.firstCall.args as [{ conversationId: string }];
      expect(incoming).to.deep.equal({
        partnerId: 'partner-1',
        conversationId: incoming.conversationId,
        callerANI: '+14155550117',
      });
      expect(incoming.conversationId).to.match(UUID);
      const conversationId = incoming.conversationId;
      expect($(el, '#alert').textContent).to.contain('Incoming call from Jonas Lindqvist (+14155550117)');
      expect($(el, '#alert').getAttribute('role')).to.equal('alert');

      await click('#accept');
      expect(el.phase).to.equal('connected');
      expect(bridge.callAccepted.args).to.deep.equal([
        [{ ivrExitPath: 'billing', callerANI: '+14155550117', partnerId: 'partner-1', conversationId }],
      ]);
      expect($(el, '#alert').textContent?.trim(), 'the alert goes once answered').to.equal('');

      edit($<HTMLSelectElement>(el, '#disposition'), 'resolved');
      edit($<HTMLTextAreaElement>(el, '#notes'), 'Wants a refund');
      await settle(el);
      await click('#hang-up');
      expect(el.phase).to.equal('wrapup');
      expect(bridge.callEnded.args).to.deep.equal([
        [
          {
            partnerId: 'partner-1',
            conversationId,
            duration: 0,
            callType: 'inbound',
            disposition: 'resolved',
            notes: 'Wants a refund',
          },
        ],
      ]);

      edit($<HTMLTextAreaElement>(el, '#notes'), 'Wants a refund. Sent the form.');
      await settle(el);
      await click('#submit-notes');
      expect(bridge.callNotesSubmitted.args).to.deep.equal([
        [{ partnerId: 'partner-1', conversationId, disposition: 'resolved', notes: 'Wants a refund. Sent the form.' }],
      ]);
      expect(el.phase).to.equal('idle');
    });

    it('shows a call timer, and the talk time is the duration it reports', async () => {
      const clock = sinon.useFakeTimers({ now: 1_000_000, toFake: ['Date', 'setInterval', 'clearInterval'] });
      const { el, bridge, click } = await ready();
      await click('#incoming');
      clock.tick(3_000);
      await settle(el);
      expect($(el, '.timer').textContent).to.equal('0:03');
      await click('#accept');
      clock.tick(65_000);
      await settle(el);
      expect($(el, '.timer').textContent).to.equal('1:05');
      expect($(el, '.timer').getAttribute('role')).to.equal('timer');
      await click('#hang-up');
      expect(bridge.callEnded.firstCall.args[0]).to.include({ duration: 65 });
      clock.tick(10_000);
      await settle(el);
      expect($(el, '.timer').textContent, 'frozen in wrap-up').to.equal('1:05');
    });

    it('rejects actively, or lets it ring out (passive)', async () => {
      const { el, bridge, click } = await ready();
      await click('#incoming');
      await click('#reject');
      await click('#incoming');
      await click('#ring-out');
      const [first, second] = bridge.incomingCall.args.map((a) => (a[0] as { conversationId: string }).conversationId);
      expect(first).to.not.equal(second);
      expect(bridge.callRejected.args).to.deep.equal([
        [{ partnerId: 'partner-1', conversationId: first, reason: 'active' }],
        [{ partnerId: 'partner-1', conversationId: second, reason: 'passive' }],
      ]);
      expect(el.phase).to.equal('idle');
      expect($(el, '#message').textContent).to.equal('Missed call: it rang out');
    });

    it('takes a typed number, named when it matches a caller', async () => {
      const { el, bridge, click } = await ready();
      edit($<HTMLSelectElement>(el, '#caller'), 'other');
      await settle(el);
      edit($<HTMLInputElement>(el, '#caller-number'), ' +14155550101 ');
      await settle(el);
      await click('#incoming');
      expect(bridge.incomingCall.firstCall.args[0]).to.include({ callerANI: '+14155550101' });
      expect($(el, '#alert').textContent).to.contain('Maya Okafor (+14155550101)');
    });
  });

  describe('an outbound call', () => {
    it('dials from the pad with a new conversationId; "They answered" accepts without caller fields', async () => {
      const { el, bridge, click } = await ready();
      const keys = [...el.shadowRoot!.querySelectorAll<HTMLButtonElement>('.key')];
      expect(keys.map((k) => k.dataset.key)).to.deep.equal([
        '1',
        '2',
        '3',
        '4',
        '5',
        '6',
        '7',
        '8',
        '9',
        '*',
        '0',
        '#',
      ]);
      for (const digit of ['4', '1', '5', '#']) keys.find((k) => k.dataset.key === digit)?.click();
      await settle(el);
      expect($<HTMLInputElement>(el, '#dial-number').value).to.equal('415#');
      await click('#dial-delete');
      expect($<HTMLInputElement>(el, '#dial-number').value).to.equal('415');
      edit($<HTMLInputElement>(el, '#dial-number'), '+14155550142');
      await settle(el);
      await click('#dial');
      expect(el.phase).to.equal('dialing');
      const [payload] = bridge.outboundCallInitiated.firstCall.args as [{ conversationId: string }];
      expect(payload).to.deep.equal({
        partnerId: 'partner-1',
        conversationId: payload.conversationId,
        dialledTo: '+14155550142',
      });
      expect(payload.conversationId).to.match(UUID);
      expect($(el, '#accept').textContent?.trim()).to.equal('They answered'); // the template may wrap the label in white space
      await click('#accept');
      expect(bridge.callAccepted.args).to.deep.equal([
        [{ partnerId: 'partner-1', conversationId: payload.conversationId }],
      ]);
      await click('#hang-up');
      expect(bridge.callEnded.firstCall.args[0]).to.include({
        callType: 'outbound',
        conversationId: payload.conversationId,
      });
    });

    it('dials on Enter in the number field', async () => {
      const { el, bridge } = await ready();
      const field = $<HTMLInputElement>(el, '#dial-number');
      edit(field, '+14155550117');
      await settle(el);
      field.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
      await settle(el);
      expect(bridge.outboundCallInitiated.firstCall.args[0]).to.include({ dialledTo: '+14155550117' });
    });
  });

  describe('the status selector and the callback', () => {
    it('reports a status change with statusChanged', async () => {
      const { el, bridge } = await ready();
      edit($<HTMLSelectElement>(el, '#status'), 'busy');
      await settle(el);
      expect(bridge.statusChanged.args).to.deep.equal([[{ softphoneId: 'busy' }]]);
    });

    it('obeys update_presence: the selector changes and the change is reported (the bridge drops the echo)', async () => {
      const { el, bridge, send } = await ready();
      send('update_presence', { softphoneId: 'away' });
      await settle(el);
      expect($<HTMLSelectElement>(el, '#status').value).to.equal('away');
      expect(bridge.statusChanged.args).to.deep.equal([[{ softphoneId: 'away' }]]);
      expect($(el, '#message').textContent).to.equal('The CRM set your status to Away');
      send('update_presence', { softphoneId: 'in-training' });
      await settle(el);
      expect($<HTMLSelectElement>(el, '#status').value, 'an unknown status is shown, not dropped').to.equal(
        'in-training',
      );
    });

    it('obeys start_call: fills the number and dials', async () => {
      const { el, bridge, send } = await ready();
      send('start_call', { ...PARTNER, dialTo: '+14155550142' });
      await settle(el);
      expect($<HTMLInputElement>(el, '#dial-number').value).to.equal('+14155550142');
      expect(el.phase).to.equal('dialing');
      expect(bridge.outboundCallInitiated.firstCall.args[0]).to.include({
        partnerId: 'partner-1',
        dialledTo: '+14155550142',
      });
    });

    it('does not dial on start_call during a call, and says so', async () => {
      const { el, bridge, send, click } = await ready();
      await click('#incoming');
      send('start_call', { ...PARTNER, dialTo: '+14155550142' });
      await settle(el);
      expect(bridge.outboundCallInitiated.callCount).to.equal(0);
      expect($(el, '#message').textContent).to.equal('The CRM asked to dial, but a call is in progress');
    });

    it('shows the CRM record an in-page bridge matched (call.updated)', async () => {
      const { el, emit, click } = await ready();
      await click('#incoming');
      emit(
        'call.updated',
        { conversationId: el.conversationId, crmRecord: { id: 'C-1', name: 'Maya Okafor' } } as CallRecord,
        { method: 'linkRecord', verdict: 'merged' },
      );
      await settle(el);
      expect($(el, '.record').textContent).to.equal('CRM record: Maya Okafor');
    });
  });

  describe('bridges', () => {
    it('fires sb-refused with the action and code when the bridge rejects, and says so', async () => {
      const { el, bridge, click } = await ready();
      bridge.incomingCall.rejects(
        Object.assign(new Error('incomingCall: "callerANI" is invalid.'), { code: 'CONTRACT_PAYLOAD_INVALID' }),
      );
      const refused = new Promise<RefusedEvent>((resolve) =>
        document.addEventListener('sb-refused', resolve, { once: true }),
      );
      await click('#incoming');
      const event = await refused;
      expect(event).to.be.instanceOf(RefusedEvent);
      expect([event.action, event.code, event.composed]).to.deep.equal([
        'incomingCall',
        'CONTRACT_PAYLOAD_INVALID',
        true,
      ]);
      await settle(el);
      expect($(el, '#message').textContent).to.equal('incomingCall: the bridge refused it (CONTRACT_PAYLOAD_INVALID)');
    });

    it('follows a new bridge: loads it, ignores the old callback, moves its listeners', async () => {
      const { el, send, listenerCount } = await ready();
      const next = fakeBridge();
      el.bridge = next.bridge;
      await settle(el);
      expect(next.bridge.load.callCount).to.equal(1);
      expect([listenerCount('call.updated'), next.listenerCount('call.updated')]).to.deep.equal([0, 1]);
      send('start_call', { ...PARTNER, dialTo: '+14155550142' });
      await settle(el);
      expect(next.bridge.outboundCallInitiated.callCount).to.equal(0);
    });

    it('works with a bridge that has no emitter (a remote client)', async () => {
      const fake = fakeBridge();
      const { on: _on, off: _off, ...remote } = fake.bridge;
      const el = await mount('sb-softphone', { bridge: remote });
      fake.send('partner_config', PARTNER);
      await settle(el);
      el.dial('+14155550101');
      expect(remote.outboundCallInitiated.callCount).to.equal(1);
    });

    it('unsubscribes when removed from the document', async () => {
      const { el, listenerCount } = await ready();
      expect(listenerCount('call.updated')).to.equal(1);
      el.remove();
      expect(listenerCount('call.updated')).to.equal(0);
    });
  });
});
