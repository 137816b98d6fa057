import { expect } from '@esm-bundle/chai';
import { sendKeys } from '@web/test-runner-commands';
import sinon from 'sinon';
import type { SbSoftphone } from '../../src/ui/softphone.js';
import { $, cleanup, edit, fakeBridge, mount, PARTNER, settle } from './helpers.js';

// Issue 14 item 2: what an agent on an eight-hour shift needs from the panel. Each block fails on
// the panel as the UX review found it (D1, D9, D12, D16, D17, D23, the reload of D4).

const CALLERS = [{ name: 'Maya Okafor', number: '+14155550101' }];

async function ready(props: Partial<SbSoftphone> = {}) {
  const fake = fakeBridge();
  const el = await mount('sb-softphone', { bridge: fake.bridge, callers: CALLERS, ...props });
  fake.send('disposition', ['resolved', 'callback-requested']);
  fake.send('partner_config', PARTNER);
  await settle(el);
  return { ...fake, el };
}

async function press(el: SbSoftphone, key: string): Promise<void> {
  await sendKeys({ press: key });
  await settle(el);
}

/** Ctrl+Shift+`letter`, as the agent's fingers press it. */
async function chord(el: SbSoftphone, letter: string): Promise<void> {
  await sendKeys({ down: 'Control' });
  await sendKeys({ down: 'Shift' });
  await sendKeys({ press: `Key${letter}` });
  await sendKeys({ up: 'Shift' });
  await sendKeys({ up: 'Control' });
  await settle(el);
}

/** An inbound call from Maya, answered, with a disposition and notes typed. */
async function onCall(el: SbSoftphone, notes = 'Wants a refund'): Promise<string> {
  el.simulateIncoming();
  await settle(el);
  el.accept();
  await settle(el);
  edit($<HTMLSelectElement>(el, '#disposition'), 'resolved');
  edit($<HTMLTextAreaElement>(el, '#notes'), notes);
  await settle(el);
  return el.conversationId!;
}

describe('<sb-softphone> for agents', () => {
  afterEach(() => cleanup());

  describe('Enter in the number field (D1)', () => {
    it('dials and only dials: the same Enter does not press Hang up once focus moves there', async () => {
      const { el, bridge } = await ready();
      $(el, '#dial-number').focus();
      await sendKeys({ type: '+14155550117' });
      await press(el, 'Enter');
      expect(bridge.outboundCallInitiated.callCount).to.equal(1);
      expect(el.phase).to.equal('dialing');
      expect(bridge.callEnded.callCount, 'no phantom call log').to.equal(0);
      expect(el.shadowRoot!.activeElement?.id, 'focus waits on Hang up').to.equal('hang-up');
    });
  });

  describe('after-call work (D9, D12)', () => {
    it('a new inbound call during wrap-up first submits what was typed for the last call', async () => {
      const { el, bridge } = await ready();
      const first = await onCall(el);
      el.hangUp();
      await settle(el);
      expect($(el, '#wrapup-hint').textContent, 'the agent is told').to.equal('A new call submits this wrap-up first.');
      edit($<HTMLTextAreaElement>(el, '#notes'), 'Wants a refund. Sent the form.');
      await settle(el);
      el.simulateIncoming();
      await settle(el);
      expect(bridge.callNotesSubmitted.args).to.deep.equal([
        [
          {
            partnerId: 'partner-1',
            conversationId: first,
            disposition: 'resolved',
            notes: 'Wants a refund. Sent the form.',
          },
        ],
      ]);
      expect(
        bridge.callNotesSubmitted.firstCall.calledBefore(bridge.incomingCall.secondCall),
        'the wrap-up goes before the next call',
      ).to.equal(true);
      expect(el.phase).to.equal('ringing');
      expect(
        [$<HTMLSelectElement>(el, '#disposition').value, $<HTMLTextAreaElement>(el, '#notes').value],
        'the new call starts empty',
      ).to.deep.equal(['', '']);
    });

    it('so does a click-to-dial (start_call) during wrap-up', async () => {
      const { el, bridge, send } = await ready();
      const first = await onCall(el, 'Call back on Monday');
      el.hangUp();
      await settle(el);
      send('start_call', { ...PARTNER, dialTo: '+14155550142' });
      await settle(el);
      expect(bridge.callNotesSubmitted.firstCall.args[0]).to.include({
        conversationId: first,
        notes: 'Call back on Monday',
      });
      expect(bridge.callNotesSubmitted.calledBefore(bridge.outboundCallInitiated)).to.equal(true);
      expect(el.phase).to.equal('dialing');
    });

    it('leaves no values of the last call behind once the wrap-up is submitted', async () => {
      const { el } = await ready();
      await onCall(el);
      el.hangUp();
      await settle(el);
      el.submitNotes();
      await settle(el);
      expect(el.phase).to.equal('idle');
      expect([
        $<HTMLSelectElement>(el, '#disposition').value,
        $<HTMLTextAreaElement>(el, '#notes').value,
      ]).to.deep.equal(['', '']);
    });
  });

  describe('number check (D17)', () => {
    it('does not dial what is not a phone number, and says why at the field', async () => {
      const { el, bridge } = await ready();
      edit($<HTMLInputElement>(el, '#dial-number'), 'call me maybe');
      await settle(el);
      $<HTMLButtonElement>(el, '#dial').click();
      await settle(el);
      expect(bridge.outboundCallInitiated.callCount).to.equal(0);
      expect(el.phase).to.equal('idle');
      const message = 'Not a phone number: use digits only, with + and the country code for another country.';
      expect($(el, '#dial-error').textContent).to.equal(message);
      expect($(el, '#message').textContent).to.equal(message);
      expect($(el, '#dial-number').getAttribute('aria-invalid')).to.equal('true');
      edit($<HTMLInputElement>(el, '#dial-number'), '415');
      await settle(el);
      expect($(el, '#dial-error').textContent, 'editing the number clears the error').to.equal('');
      $<HTMLButtonElement>(el, '#dial').click();
      await settle(el);
      expect(bridge.outboundCallInitiated.callCount).to.equal(0);
      expect($(el, '#dial-error').textContent).to.equal(
        'That number is too short: check it, or start with + and the country code.',
      );
    });

    it('dials national numbers of the default country as E.164', async () => {
      const { el, bridge } = await ready();
      el.dial('(415) 555-0117');
      await settle(el);
      expect(bridge.outboundCallInitiated.firstCall.args[0]).to.include({ dialledTo: '+14155550117' });
      el.hangUp();
      await settle(el);
      el.submitNotes();
      el.defaultCountry = 'GB';
      await settle(el);
      el.dial('020 7946 0958');
      await settle(el);
      expect(bridge.outboundCallInitiated.secondCall.args[0]).to.include({ dialledTo: '+442079460958' });
    });

    it('rings from no simulated number that is not a phone number', async () => {
      const { el, bridge } = await ready();
      el.simulateIncoming('hello');
      await settle(el);
      expect(bridge.incomingCall.callCount).to.equal(0);
      expect(el.phase).to.equal('idle');
      expect($(el, '#message').textContent).to.contain('Not a phone number');
    });

    it('does not dial a start_call number that is not a phone number', async () => {
      const { el, bridge, send } = await ready();
      send('start_call', { ...PARTNER, dialTo: 'ask for Jonas' });
      await settle(el);
      expect(bridge.outboundCallInitiated.callCount).to.equal(0);
      expect($(el, '#dial-error').textContent).to.contain('Not a phone number');
    });
  });

  describe('ring timeout (D16)', () => {
    let clock: sinon.SinonFakeTimers;
    beforeEach(() => {
      clock = sinon.useFakeTimers({
        now: 1_000_000,
        toFake: ['Date', 'setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'],
      });
    });

    it('ends an inbound call that nobody answers as missed, after 30 s by default', async () => {
      const { el, bridge } = await ready();
      el.simulateIncoming();
      await settle(el);
      clock.tick(29_999);
      await settle(el);
      expect(el.phase).to.equal('ringing');
      clock.tick(1);
      await settle(el);
      expect(el.phase).to.equal('idle');
      expect(bridge.callRejected.args).to.deep.equal([
        [
          {
            partnerId: 'partner-1',
            conversationId: bridge.incomingCall.firstCall.args[0].conversationId,
            reason: 'passive',
          },
        ],
      ]);
      expect($(el, '#message').textContent).to.equal('Missed call: no answer in 30 s');
    });

    it('takes the ring-timeout attribute; 0 rings for ever; an answered call is not ended', async () => {
      const { el, bridge } = await ready();
      el.setAttribute('ring-timeout', '5');
      await settle(el);
      el.simulateIncoming();
      await settle(el);
      clock.tick(4_000);
      el.accept();
      await settle(el);
      clock.tick(60_000);
      await settle(el);
      expect(el.phase, 'answered before the timeout').to.equal('connected');
      el.hangUp();
      el.submitNotes();
      el.setAttribute('ring-timeout', '0');
      await settle(el);
      el.simulateIncoming();
      await settle(el);
      clock.tick(600_000);
      await settle(el);
      expect(el.phase).to.equal('ringing');
      expect(bridge.callRejected.callCount).to.equal(0);
    });

    it('never cuts a dialled call: the agent says when the far end answers', async () => {
      const { el, bridge } = await ready();
      el.dial('+14155550142');
      await settle(el);
      clock.tick(120_000);
      await settle(el);
      expect(el.phase).to.equal('dialing');
      expect(bridge.callEnded.callCount).to.equal(0);
    });
  });

  describe('keyboard shortcuts', () => {
    it('Ctrl+Shift+A accepts a ringing call and Ctrl+Shift+H hangs up, even while typing notes', async () => {
      const { el, bridge } = await ready();
      expect($(el, '#accept').getAttribute('aria-keyshortcuts')).to.equal('Control+Shift+A');
      expect($(el, '#hang-up').getAttribute('aria-keyshortcuts')).to.equal('Control+Shift+H');
      el.simulateIncoming();
      await settle(el);
      await chord(el, 'A');
      expect(el.phase).to.equal('connected');
      expect(bridge.callAccepted.callCount).to.equal(1);
      $(el, '#notes').focus();
      await sendKeys({ type: 'Sent the form' });
      await settle(el);
      await chord(el, 'H');
      expect(el.phase).to.equal('wrapup');
      expect(bridge.callEnded.firstCall.args[0]).to.include({ notes: 'Sent the form' });
      expect($<HTMLTextAreaElement>(el, '#notes').value, 'the shortcut typed nothing').to.equal('Sent the form');
    });

    it('does nothing when there is nothing to accept or hang up, or when turned off', async () => {
      const { el, bridge } = await ready();
      await chord(el, 'A');
      await chord(el, 'H');
      expect(el.phase).to.equal('idle');
      el.disableShortcuts = true;
      el.simulateIncoming();
      await settle(el);
      await chord(el, 'A');
      expect(el.phase).to.equal('ringing');
      expect(bridge.callAccepted.callCount).to.equal(0);
      expect($(el, '#accept').hasAttribute('aria-keyshortcuts')).to.equal(false);
    });

    it('stops listening when the panel leaves the document', async () => {
      const { el, bridge } = await ready();
      el.simulateIncoming();
      await settle(el);
      el.remove();
      const event = new KeyboardEvent('keydown', {
        key: 'A',
        code: 'KeyA',
        ctrlKey: true,
        shiftKey: true,
        cancelable: true,
      });
      window.dispatchEvent(event);
      expect([bridge.callAccepted.callCount, event.defaultPrevented]).to.deep.equal([0, false]);
      document.body.append(el);
      await settle(el);
      const again = new KeyboardEvent('keydown', {
        key: 'A',
        code: 'KeyA',
        ctrlKey: true,
        shiftKey: true,
        cancelable: true,
      });
      window.dispatchEvent(again);
      expect(
        [bridge.callAccepted.callCount, again.defaultPrevented],
        'back in the document, it listens again',
      ).to.deep.equal([1, true]);
    });
  });

  describe('a reload of the softphone frame', () => {
    it('resumes the live call, its timer and the notes typed so far, once the bridge sends partner_config', async () => {
      const clock = sinon.useFakeTimers({ now: 1_000_000, toFake: ['Date', 'setInterval', 'clearInterval'] });
      const before = await ready();
      const conversationId = await onCall(before.el, 'Wants a refund');
      clock.tick(42_000);
      before.el.remove(); // the frame goes away; its sessionStorage stays with the tab

      const after = fakeBridge();
      const el = await mount('sb-softphone', { bridge: after.bridge, callers: CALLERS });
      expect(el.phase, 'nothing before partner_config').to.equal('starting');
      after.send('disposition', ['resolved', 'callback-requested']);
      after.send('partner_config', PARTNER);
      await settle(el);
      expect([el.phase, el.conversationId]).to.deep.equal(['connected', conversationId]);
      expect($(el, '.timer').textContent).to.equal('0:42');
      expect([
        $<HTMLSelectElement>(el, '#disposition').value,
        $<HTMLTextAreaElement>(el, '#notes').value,
      ]).to.deep.equal(['resolved', 'Wants a refund']);
      expect($(el, '#message').textContent).to.equal('Call with Maya Okafor (+14155550101) restored after a reload');
      // The bridge must hear that this softphone still has the call, or it ends it as interrupted (ADR 0011).
      expect(after.bridge.callAccepted.args).to.deep.equal([[{ partnerId: 'partner-1', conversationId }]]);
      el.hangUp();
      await settle(el);
      expect(after.bridge.callEnded.args).to.deep.equal([
        [
          {
            partnerId: 'partner-1',
            conversationId,
            duration: 42,
            callType: 'inbound',
            disposition: 'resolved',
            notes: 'Wants a refund',
          },
        ],
      ]);
      el.submitNotes();
      await settle(el);
      expect(sessionStorage.getItem('sb-softphone'), 'forgotten once wrapped up').to.equal(null);
    });

    for (const [state, phase, message] of [
      ['wrapped', 'idle', 'The call with Maya Okafor (+14155550101) ended while the page reloaded'],
      ['ended', 'wrapup', 'The call with Maya Okafor (+14155550101) ended while the page reloaded: wrap it up'],
    ] as const) {
      it(`checks the resumed call against an in-page bridge's store: ${state} there, ${phase} here`, async () => {
        const before = await ready();
        const conversationId = await onCall(before.el);
        before.el.remove();
        const after = fakeBridge();
        const getCall = sinon
          .stub()
          .resolves({ state, durationSeconds: 17, crmRecord: { id: 'C-1', name: 'Maya Okafor' } });
        const el = await mount('sb-softphone', { bridge: { ...after.bridge, getCall } });
        after.send('partner_config', PARTNER);
        await settle(el);
        await settle(el);
        expect(getCall.args).to.deep.equal([[conversationId]]);
        expect(el.phase).to.equal(phase);
        expect($(el, '#message').textContent).to.equal(message);
        if (phase === 'wrapup') {
          expect($(el, '.timer').textContent, "the bridge's duration").to.equal('0:17');
          expect($<HTMLTextAreaElement>(el, '#notes').value, 'the notes typed before the reload').to.equal(
            'Wants a refund',
          );
        }
      });
    }

    it('ignores a saved session that is not well formed, and keeps none with session-key=""', async () => {
      sessionStorage.setItem('sb-softphone', JSON.stringify({ phase: 'connected', call: { conversationId: 1 } }));
      const { el } = await ready();
      expect(el.phase).to.equal('idle');
      el.sessionKey = '';
      el.simulateIncoming();
      await settle(el);
      expect(sessionStorage.getItem('sb-softphone')).to.equal(null);
    });
  });
});
