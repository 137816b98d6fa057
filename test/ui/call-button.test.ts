import { expect } from '@esm-bundle/chai';
import { sendKeys } from '@web/test-runner-commands';
import sinon from 'sinon';
import { DialEvent } from '../../src/ui/dial-event.js';
import { $, cleanup, mount, settle } from './helpers.js';

type Page = { softphoneBridge?: unknown };
const page = window as unknown as Page;

describe('<sb-call-button>', () => {
  afterEach(() => {
    cleanup();
    delete page.softphoneBridge;
  });

  it('fires a bubbling, composed sb-dial with the number, heard on the document', async () => {
    const el = await mount('sb-call-button', { number: ' +14155550101 ' });
    const heard = sinon.spy();
    document.addEventListener('sb-dial', heard, { once: true });
    $<HTMLButtonElement>(el, 'button').click();
    const event = heard.firstCall.args[0] as DialEvent;
    expect(event).to.be.instanceOf(DialEvent);
    expect([event.type, event.number, event.bubbles, event.composed, event.target]).to.deep.equal([
      'sb-dial',
      '+14155550101',
      true,
      true,
      el,
    ]);
  });

  it('calls softphoneBridge("dial", {number}) when the page has a command queue', async () => {
    const queue = sinon.spy();
    page.softphoneBridge = queue;
    const el = await mount('sb-call-button', { number: '+14155550117' });
    $<HTMLButtonElement>(el, 'button').click();
    expect(queue.args).to.deep.equal([['dial', { number: '+14155550117' }]]);
  });

  it('leaves the queue alone when a listener handles the dial (preventDefault), or when the global is not a function', async () => {
    const queue = sinon.spy();
    page.softphoneBridge = queue;
    const el = await mount('sb-call-button', { number: '+14155550117' });
    const handle = (event: DialEvent) => event.preventDefault();
    document.addEventListener('sb-dial', handle);
    $<HTMLButtonElement>(el, 'button').click();
    document.removeEventListener('sb-dial', handle);
    expect(queue.callCount).to.equal(0);
    page.softphoneBridge = { load() {} }; // a bridge object of the same name: not a queue
    expect(() => $<HTMLButtonElement>(el, 'button').click()).to.not.throw();
  });

  it('reports a throwing queue instead of throwing into the page', async () => {
    page.softphoneBridge = () => {
      throw new Error('broken page handler');
    };
    const reported = sinon.stub(globalThis, 'reportError');
    const el = await mount('sb-call-button', { number: '+14155550117' });
    $<HTMLButtonElement>(el, 'button').click();
    expect(reported.callCount).to.equal(1);
  });

  it('is named "Call <number>", shows the slot instead when given, and is disabled without a number', async () => {
    const el = await mount('sb-call-button', { number: '+14155550101' });
    expect($(el, 'button').textContent?.replace(/\s+/g, ' ').trim()).to.equal('Call +14155550101');
    el.textContent = 'Maya Okafor';
    el.number = '';
    await settle(el);
    const slot = $<HTMLSlotElement>(el, 'slot');
    expect(slot.assignedNodes().map((n) => n.textContent)).to.deep.equal(['Maya Okafor']);
    expect($<HTMLButtonElement>(el, 'button').disabled).to.equal(true);
    expect(el.hasAttribute('number')).to.equal(true);
  });

  it('is reached with Tab and dials with Enter and Space', async () => {
    const before = document.createElement('input');
    before.className = 'ui-test';
    before.setAttribute('aria-label', 'before');
    document.body.append(before);
    const el = await mount('sb-call-button', { number: '+14155550101' });
    const numbers: string[] = [];
    el.addEventListener('sb-dial', (event) => numbers.push(event.number));
    before.focus();
    await sendKeys({ press: 'Tab' });
    expect(document.activeElement).to.equal(el);
    expect(el.shadowRoot?.activeElement?.localName).to.equal('button');
    await sendKeys({ press: 'Enter' });
    await sendKeys({ press: ' ' });
    expect(numbers).to.deep.equal(['+14155550101', '+14155550101']);
  });
});
