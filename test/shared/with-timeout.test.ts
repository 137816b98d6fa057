import { expect } from '@esm-bundle/chai';
import sinon from 'sinon';
import { withTimeout } from '../../src/shared/with-timeout.js';

describe('withTimeout()', () => {
  let clock: sinon.SinonFakeTimers;
  beforeEach(() => {
    clock = sinon.useFakeTimers();
  });
  afterEach(() => clock.restore());

  const late = () => new Error('late');

  it('settles as the work does, and clears its timer', async () => {
    expect(await withTimeout(Promise.resolve(7), 1000, late, clock)).to.equal(7);
    const failure = new Error('refused');
    const rejected = await withTimeout(Promise.reject(failure), 1000, late, clock).catch((e: unknown) => e);
    expect(rejected).to.equal(failure);
    expect(clock.countTimers()).to.equal(0);
  });

  it("rejects with the caller's error once the time is up, and ignores a later answer", async () => {
    let answer: (value: number) => void = () => undefined;
    const work = new Promise<number>((resolve) => {
      answer = resolve;
    });
    const outcome = withTimeout(work, 1000, late, clock).then(
      () => 'resolved',
      (e: Error) => e.message,
    );
    clock.tick(999);
    expect(clock.countTimers()).to.equal(1);
    clock.tick(1);
    answer(3);
    expect(await outcome).to.equal('late');
  });

  it("uses the page's timers when no clock is given", async () => {
    const timed = withTimeout(new Promise<never>(() => undefined), 50, late).catch((e: Error) => e.message);
    clock.tick(50);
    expect(await timed).to.equal('late');
  });
});
