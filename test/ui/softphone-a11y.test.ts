import { expect } from '@esm-bundle/chai';
import { emulateMedia, sendKeys } from '@web/test-runner-commands';
import type { CallRecord } from '../../src/contract/call-record.js';
import type { SbSoftphone } from '../../src/ui/softphone.js';
import { $, cleanup, edit, fakeBridge, mount, PARTNER, settle, XSS } from './helpers.js';

const CALLERS = [{ name: 'Maya Okafor', number: '+14155550101' }];

async function ready(props: Partial<SbSoftphone> = {}) {
  const fake = fakeBridge();
  const el = await mount('sb-softphone', { bridge: fake.bridge, callers: CALLERS, ...props });
  fake.send('disposition', ['resolved']);
  fake.send('partner_config', PARTNER);
  await settle(el);
  return { ...fake, el };
}

const focused = (el: Element) => el.shadowRoot?.activeElement?.id ?? null;

async function press(el: SbSoftphone, key: string): Promise<void> {
  await sendKeys({ press: key });
  await settle(el);
}

describe('<sb-softphone> accessibility', () => {
  afterEach(async () => {
    cleanup();
    await emulateMedia({ colorScheme: 'light' });
  });

  it('labels every control and names every button', async () => {
    const { el } = await ready();
    el.dial('+14155550142'); // every section enabled: dial pad, wrap-up
    await settle(el);
    const root = el.shadowRoot!;
    for (const field of root.querySelectorAll<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>(
      'input, select, textarea',
    )) {
      const named = (field.labels?.length ?? 0) > 0 || (field.getAttribute('aria-label') ?? '') !== '';
      expect(named, `#${field.id} has a label`).to.equal(true);
    }
    for (const button of root.querySelectorAll('button')) {
      const name = button.getAttribute('aria-label') ?? button.textContent?.trim() ?? '';
      expect(name, button.outerHTML).to.not.equal('');
    }
    // D23: the star and pound keys are named by their content ("star", "pound"; the symbol is
    // hidden from assistive technology), so no aria-label mismatches the visible text.
    const star = root.querySelector<HTMLButtonElement>('.key[data-key="*"]')!;
    const pound = root.querySelector<HTMLButtonElement>('.key[data-key="#"]')!;
    expect([
      star.getAttribute('aria-label'),
      star.querySelector('.visually-hidden')?.textContent,
      star.querySelector('[aria-hidden="true"]')?.textContent,
    ]).to.deep.equal([null, 'star', '*']);
    expect([pound.getAttribute('aria-label'), pound.querySelector('.visually-hidden')?.textContent]).to.deep.equal([
      null,
      'pound',
    ]);
    expect(root.querySelectorAll('[aria-label]:is(.key)').length).to.equal(0);
    // The panel is named by its heading; level one, as the whole page of the softphone's frame (D23: page-has-heading-one).
    expect($(el, 'section').getAttribute('aria-labelledby')).to.equal('title');
    expect([
      $(el, '#title').textContent,
      $(el, '#title').getAttribute('role'),
      $(el, '#title').getAttribute('aria-level'),
    ]).to.deep.equal(['Softphone', 'heading', '1']);
    el.headingLevel = 3;
    await settle(el);
    expect($(el, '#title').getAttribute('aria-level'), 'heading-level for a page that has its own h1').to.equal('3');
  });

  it('is operable with the keyboard: Enter and Space on the call buttons, focus follows the call', async () => {
    const { el, bridge } = await ready();
    $(el, '#incoming').focus();
    await press(el, 'Enter');
    expect(bridge.incomingCall.callCount).to.equal(1);
    expect(focused(el), 'the pressed button is disabled now; focus moves to Accept').to.equal('accept');
    await press(el, ' ');
    expect(bridge.callAccepted.callCount).to.equal(1);
    expect(focused(el)).to.equal('hang-up');
    await press(el, 'Enter');
    expect(bridge.callEnded.callCount).to.equal(1);
    expect(focused(el)).to.equal('disposition');
  });

  it('moves through the enabled controls with Tab, in reading order', async () => {
    const { el } = await ready();
    $(el, '#status').focus();
    const order: (string | null)[] = [];
    for (let i = 0; i < 2; i++) {
      await press(el, 'Tab');
      order.push(focused(el));
    }
    // The call buttons and the wrap-up are hidden while idle, and Delete is disabled, so Tab skips them.
    expect(order).to.deep.equal(['dial-number', '']);
    expect(el.shadowRoot!.activeElement?.textContent?.trim(), 'then the first key of the pad').to.equal('1');
    await sendKeys({ down: 'Shift' });
    await press(el, 'Tab');
    await sendKeys({ up: 'Shift' });
    expect(focused(el)).to.equal('dial-number');
  });

  it('announces an incoming call in an alert live region, with the caller name and number', async () => {
    const { el } = await ready();
    const alert = $(el, '#alert');
    expect(alert.getAttribute('role')).to.equal('alert');
    expect(alert.textContent?.trim()).to.equal('');
    el.simulateIncoming();
    await settle(el);
    expect(alert.textContent).to.equal('Incoming call from Maya Okafor (+14155550101)');
    expect($(el, '#message').getAttribute('role')).to.equal('status');
  });

  it('renders caller names, disposition codes, record names and notes as text only', async () => {
    const { el, bridge, send, emit } = await ready({ callers: [{ name: XSS, number: '+14155550101' }] });
    send('disposition', [XSS]);
    await settle(el);
    el.simulateIncoming();
    await settle(el);
    emit('call.updated', { conversationId: el.conversationId, crmRecord: { id: 'x', name: XSS } } as CallRecord, {
      method: 'linkRecord',
      verdict: 'merged',
    });
    el.accept();
    await settle(el);
    edit($<HTMLSelectElement>(el, '#disposition'), XSS);
    edit($<HTMLTextAreaElement>(el, '#notes'), XSS);
    await settle(el);
    el.hangUp();
    await settle(el);
    await new Promise((resolve) => setTimeout(resolve, 50)); // time for an injected <img> to fail and fire onerror

    expect(el.shadowRoot!.querySelectorAll('img, script').length).to.equal(0);
    expect((window as { __xss?: unknown }).__xss).to.equal(undefined);
    expect($(el, '#caller').textContent).to.contain(`${XSS} (+14155550101)`);
    expect($(el, '.party').textContent).to.contain(XSS);
    expect($(el, '.record').textContent).to.equal(`CRM record: ${XSS}`);
    expect($<HTMLTextAreaElement>(el, '#notes').value).to.equal(XSS);
    expect(bridge.callEnded.firstCall.args[0]).to.include({ disposition: XSS, notes: XSS });
  });

  it('follows prefers-color-scheme, and --sb-* properties override both schemes', async () => {
    const { el } = await ready();
    const panel = $(el, 'section');
    expect(getComputedStyle(el).backgroundColor).to.equal('rgb(255, 255, 255)');
    await emulateMedia({ colorScheme: 'dark' });
    expect(getComputedStyle(el).backgroundColor).to.equal('rgb(22, 24, 29)');
    expect(getComputedStyle(panel).color).to.equal('rgb(230, 237, 243)');
    el.style.setProperty('--sb-bg', 'rgb(1, 2, 3)');
    expect(getComputedStyle(el).backgroundColor).to.equal('rgb(1, 2, 3)');
  });
});
