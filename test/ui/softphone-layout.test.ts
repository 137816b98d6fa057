import { expect } from '@esm-bundle/chai';
import { emulateMedia, executeServerCommand, setViewport } from '@web/test-runner-commands';
import type { SbSoftphone } from '../../src/ui/softphone.js';
import { $, cleanup, edit, fakeBridge, mount, PARTNER, settle } from './helpers.js';

// The visual check of issue 14 (D2): at the sizes agents run the softphone in (Salesforce's
// default 360×480 panel, and the ~300×500 of the CCP or RingCentral Embeddable), in both colour
// schemes, every control the agent needs in each call state is inside the viewport and not
// covered by anything, without scrolling. Screenshots go to test-results/ui-layout/ (gitignored).

const SIZES = [
  { width: 360, height: 480 },
  { width: 300, height: 500 },
] as const;
const SCHEMES = ['light', 'dark'] as const;
const CALLERS = [{ name: 'Maya Okafor-Lindqvist', number: '+14155550101' }];
/** Notes longer than the field: the field scrolls, not the panel. */
const LONG_NOTES = Array.from(
  { length: 12 },
  (_, i) => `Line ${i + 1}: the customer asked about invoice 4417 and the refund.`,
).join('\n');

/** What the agent must see and reach in each state. */
const NEEDED = {
  ringing: ['.phase', '.timer', '.party', '#alert', '#accept', '#reject', '#ring-out'],
  connected: ['.phase', '.timer', '.party', '#hang-up', '#disposition', '#notes', '#submit-notes', '#message'],
  wrapup: ['.phase', '.timer', '.party', '#disposition', '#notes', '#submit-notes', '#wrapup-hint', '#message'],
} as const;
type State = keyof typeof NEEDED;

async function softphoneIn(state: State): Promise<SbSoftphone> {
  const fake = fakeBridge();
  const el = await mount('sb-softphone', { bridge: fake.bridge, callers: CALLERS });
  fake.send('disposition', ['resolved', 'callback-requested', 'escalated-to-second-line']);
  fake.send('partner_config', PARTNER);
  await settle(el);
  el.simulateIncoming();
  await settle(el);
  if (state === 'ringing') return el;
  el.accept();
  await settle(el);
  edit($<HTMLSelectElement>(el, '#disposition'), 'escalated-to-second-line');
  edit($<HTMLTextAreaElement>(el, '#notes'), LONG_NOTES);
  await settle(el);
  if (state === 'connected') return el;
  el.hangUp();
  await settle(el);
  return el;
}

/** Why `selector` is not usable as it stands, or undefined when it is in view and uncovered. */
function problem(el: SbSoftphone, selector: string): string | undefined {
  const target = $(el, selector);
  const box = target.getBoundingClientRect();
  if (box.width === 0 || box.height === 0) return `${selector} is not displayed`;
  if (box.left < 0 || box.top < 0 || box.right > innerWidth || box.bottom > innerHeight) {
    return `${selector} is outside the ${innerWidth}×${innerHeight} viewport (${Math.round(box.left)},${Math.round(box.top)}–${Math.round(box.right)},${Math.round(box.bottom)})`;
  }
  const x = box.left + box.width / 2;
  const y = box.top + box.height / 2;
  const hit = el.shadowRoot!.elementFromPoint(x, y);
  if (hit === null || !(hit === target || target.contains(hit)))
    return `${selector} is covered at its centre by ${hit?.outerHTML.slice(0, 80) ?? 'nothing'}`;
  return undefined;
}

describe('<sb-softphone> layout at agent sizes', () => {
  before(() => {
    // The element is the frame's whole page, as in a CRM's softphone panel.
    document.body.style.margin = '0';
  });
  afterEach(() => cleanup());
  after(async () => {
    document.body.style.margin = '';
    await emulateMedia({ colorScheme: 'light' });
    await setViewport({ width: 800, height: 600 });
  });

  it('keeps the call state, timer and Hang up in view while the agent scrolls to the notes in a smaller frame', async () => {
    await setViewport({ width: 300, height: 260 });
    const el = await softphoneIn('connected');
    $(el, '#submit-notes').scrollIntoView({ block: 'end' });
    $(el, '#notes').focus();
    await settle(el);
    await executeServerCommand('sb-screenshot', { name: 'softphone-300x260-light-connected-scrolled' });
    expect(scrollY, 'the page did scroll').to.be.greaterThan(0);
    const problems = ['.phase', '.timer', '#hang-up', '#submit-notes']
      .map((selector) => problem(el, selector))
      .filter((p) => p !== undefined);
    expect(problems).to.deep.equal([]);
  });

  for (const size of SIZES) {
    for (const scheme of SCHEMES) {
      for (const state of Object.keys(NEEDED) as State[]) {
        it(`${size.width}×${size.height}, ${scheme}, ${state}: every control the agent needs is in view and uncovered`, async () => {
          await setViewport(size);
          await emulateMedia({ colorScheme: scheme });
          const el = await softphoneIn(state);
          await executeServerCommand('sb-screenshot', {
            name: `softphone-${size.width}x${size.height}-${scheme}-${state}`,
          });
          expect(scrollY, 'nothing scrolled to get there').to.equal(0);
          const problems = NEEDED[state].map((selector) => problem(el, selector)).filter((p) => p !== undefined);
          expect(problems).to.deep.equal([]);
          if (state === 'wrapup') {
            // After the call, the next call's dial pad comes after the wrap-up (a new call submits it first).
            expect($(el, '#dial-number').getBoundingClientRect().top).to.be.greaterThan(
              $(el, '#submit-notes').getBoundingClientRect().bottom,
            );
          } else {
            expect($(el, '#dial-number').checkVisibility(), 'the dial pad folds away during a call').to.equal(false);
          }
          expect(getComputedStyle(el).backgroundColor).to.equal(
            scheme === 'dark' ? 'rgb(22, 24, 29)' : 'rgb(255, 255, 255)',
          );
        });
      }
    }
  }
});
