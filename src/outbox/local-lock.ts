import type { DrainLock } from './drain-lock.js';

/** A lock held by this page alone: a promise chain. */
export function localLock(): DrainLock {
  let tail: Promise<unknown> = Promise.resolve();
  return {
    kind: 'local',
    run<T>(task: () => Promise<T>): Promise<T> {
      const result = tail.then(task, task);
      tail = result.catch(() => undefined);
      return result;
    },
  };
}
