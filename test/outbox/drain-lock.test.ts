import { expect } from '@esm-bundle/chai';
import sinon from 'sinon';
import { createDrainLock } from '../../src/outbox/create-drain-lock.js';
import { leaseLock } from '../../src/outbox/lease-lock.js';
import { localLock } from '../../src/outbox/local-lock.js';
import { systemClock } from '../../src/shared/clock.js';

const unique = () => `lock-test-${Math.random().toString(36).slice(2)}`;

/** Runs `count` tasks through `run` at once and reports the most that ever overlapped. */
async function maxOverlap(runs: ((task: () => Promise<void>) => Promise<void>)[], count: number): Promise<number> {
  let inside = 0;
  let most = 0;
  const task = async () => {
    inside += 1;
    most = Math.max(most, inside);
    await new Promise((resolve) => setTimeout(resolve, 5));
    inside -= 1;
  };
  await Promise.all(
    Array.from({ length: count }, (_, i) => (runs[i % runs.length] as (t: () => Promise<void>) => Promise<void>)(task)),
  );
  return most;
}

describe('createDrainLock()', () => {
  it('uses Web Locks when the page has them', () => {
    expect(
      createDrainLock(unique(), {
        locks: navigator.locks,
        storage: () => localStorage,
        fallback: leaseLock,
        clock: systemClock,
        random: Math.random,
      }).kind,
    ).to.equal('web-locks');
  });

  it('falls back to a localStorage lease without Web Locks, and to a page-local lock without storage', () => {
    expect(
      createDrainLock(unique(), {
        locks: undefined,
        storage: () => localStorage,
        fallback: leaseLock,
        clock: systemClock,
        random: Math.random,
      }).kind,
    ).to.equal('lease');
    const broken = {
      setItem() {
        throw new DOMException('quota', 'QuotaExceededError');
      },
    } as unknown as Storage;
    expect(
      createDrainLock(unique(), {
        locks: undefined,
        storage: () => broken,
        fallback: leaseLock,
        clock: systemClock,
        random: Math.random,
      }).kind,
    ).to.equal('local');
    // A sandboxed frame without allow-same-origin throws on reading window.localStorage at all.
    const sandboxed = () => {
      throw new DOMException('The document is sandboxed', 'SecurityError');
    };
    expect(
      createDrainLock(unique(), {
        locks: undefined,
        storage: sandboxed,
        fallback: leaseLock,
        clock: systemClock,
        random: Math.random,
      }).kind,
    ).to.equal('local');
    expect(
      createDrainLock(unique(), {
        locks: undefined,
        storage: () => undefined,
        fallback: leaseLock,
        clock: systemClock,
        random: Math.random,
      }).kind,
    ).to.equal('local');
  });

  it('falls back to a page-local lock without Web Locks unless the entry file passes the lease', () => {
    // The https-only bundles pass no fallback: their code then has no lease at all (ADR 0009).
    expect(
      createDrainLock(unique(), {
        locks: undefined,
        storage: () => localStorage,
        clock: systemClock,
        random: Math.random,
      }).kind,
    ).to.equal('local');
    expect(
      createDrainLock(unique(), {
        locks: undefined,
        storage: () => localStorage,
        fallback: localLock,
        clock: systemClock,
        random: Math.random,
      }).kind,
    ).to.equal('local');
  });

  it('falls back at once when the browser refuses Web Locks (a frame with third-party storage blocked), and runs the refused task', async () => {
    const refusal = new DOMException('The request was denied.', 'SecurityError');
    const refusing = {
      request: sinon.stub().rejects(refusal),
      query: sinon.stub().rejects(refusal),
    } as unknown as LockManager;
    const onFallback = sinon.spy();
    const lock = createDrainLock(unique(), {
      locks: refusing,
      storage: () => undefined,
      fallback: leaseLock,
      clock: systemClock,
      random: Math.random,
      onFallback,
    });
    expect(lock.kind).to.equal('web-locks');
    expect(await lock.run(async () => 'written')).to.equal('written');
    expect(lock.kind).to.equal('local');
    expect(lock.reason).to.match(/refused Web Locks \(SecurityError\)/);
    expect(onFallback.callCount).to.equal(1);
    expect(await maxOverlap([(t) => lock.run(t)], 5)).to.equal(1);
    expect(onFallback.callCount).to.equal(1);
  });

  it('knows of a refusal before the first write, from its probe', async () => {
    const refusing = {
      request: sinon.stub().rejects(new DOMException('denied', 'SecurityError')),
    } as unknown as LockManager;
    const lock = createDrainLock(unique(), { locks: refusing, clock: systemClock, random: Math.random });
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(lock.kind).to.equal('local');
  });

  it("passes the task's own failure on, without falling back", async () => {
    const lock = createDrainLock(unique(), { locks: navigator.locks, clock: systemClock, random: Math.random });
    const error = await lock.run(async () => Promise.reject(new Error('the CRM said no'))).catch((e: Error) => e);
    expect((error as Error).message).to.equal('the CRM said no');
    expect(lock.kind).to.equal('web-locks');
    expect(lock.reason).to.equal(undefined);
  });

  it('never reads the storage when Web Locks are there', () => {
    const storage = sinon.spy((): Storage => localStorage);
    expect(
      createDrainLock(unique(), {
        locks: navigator.locks,
        storage,
        fallback: leaseLock,
        clock: systemClock,
        random: Math.random,
      }).kind,
    ).to.equal('web-locks');
    expect(storage.called).to.equal(false);
  });

  it('never lets two Web Locks holders of the same name overlap', async () => {
    const name = unique();
    const a = createDrainLock(name, { locks: navigator.locks, clock: systemClock, random: Math.random });
    const b = createDrainLock(name, { locks: navigator.locks, clock: systemClock, random: Math.random });
    expect(await maxOverlap([(t) => a.run(t), (t) => b.run(t)], 8)).to.equal(1);
  });

  it('never lets two lease holders ("tabs") of the same name overlap, and frees the lease after', async function () {
    this.timeout(10_000);
    const name = unique();
    const a = createDrainLock(name, {
      locks: undefined,
      storage: () => localStorage,
      fallback: leaseLock,
      clock: systemClock,
      random: Math.random,
    });
    const b = createDrainLock(name, {
      locks: undefined,
      storage: () => localStorage,
      fallback: leaseLock,
      clock: systemClock,
      random: Math.random,
    });
    expect(await maxOverlap([(t) => a.run(t), (t) => b.run(t)], 6)).to.equal(1);
    expect(localStorage.getItem(`${name}:lease`)).to.equal(null);
  });

  it('takes over a lease whose holder went away without releasing it', async () => {
    const name = unique();
    localStorage.setItem(`${name}:lease`, JSON.stringify({ owner: 'crashed-tab', until: Date.now() - 1 }));
    const lock = createDrainLock(name, {
      locks: undefined,
      storage: () => localStorage,
      fallback: leaseLock,
      clock: systemClock,
      random: Math.random,
    });
    expect(await lock.run(async () => 'ran')).to.equal('ran');
  });

  it('waits for a live lease held by another tab', async () => {
    const name = unique();
    localStorage.setItem(`${name}:lease`, JSON.stringify({ owner: 'other-tab', until: Date.now() + 300 }));
    const lock = createDrainLock(name, {
      locks: undefined,
      storage: () => localStorage,
      fallback: leaseLock,
      clock: systemClock,
      random: Math.random,
    });
    const started = Date.now();
    await lock.run(async () => undefined);
    expect(Date.now() - started).to.be.at.least(250);
  });

  it('releases the lease when the task throws', async () => {
    const name = unique();
    const lock = createDrainLock(name, {
      locks: undefined,
      storage: () => localStorage,
      fallback: leaseLock,
      clock: systemClock,
      random: Math.random,
    });
    const error = await lock
      .run(async () => {
        throw new Error('task failed');
      })
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    expect((error as Error).message).to.equal('task failed');
    expect(localStorage.getItem(`${name}:lease`)).to.equal(null);
  });
});

describe('localLock()', () => {
  it('runs tasks one at a time and carries on after a failure', async () => {
    const lock = localLock();
    const failed = lock.run(async () => {
      throw new Error('first');
    });
    expect(
      await failed.then(
        () => 'no',
        () => 'rejected',
      ),
    ).to.equal('rejected');
    expect(await maxOverlap([(t) => lock.run(t)], 5)).to.equal(1);
  });
});
