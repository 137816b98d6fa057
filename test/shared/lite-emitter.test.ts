import { expect } from '@esm-bundle/chai';
import EventEmitter from 'eventemitter3';
import LiteEmitter from '../../src/shared/lite-emitter.js';

// The bridge's emitter is LiteEmitter, in place of eventemitter3 (ADR 0008), which stays the
// reference here. Each scenario runs against both and must record the same calls (which listener,
// with which `this` and arguments) and the same results.

type Emitter = InstanceType<typeof EventEmitter>;
type Log = unknown[];
type Scenario = (emitter: Emitter, log: Log) => void;

const scenarios: Record<string, Scenario> = {
  'order, arguments and the emit result': (e, log) => {
    e.on('a', (...args: unknown[]) => log.push(['first', ...args]));
    e.on('a', (...args: unknown[]) => log.push(['second', ...args]));
    log.push(e.emit('a', 1, 'two', { three: 3 }), e.emit('b', 1), e.listenerCount('a'), e.listenerCount('b'));
  },
  'once runs once, and is removed before it runs': (e, log) => {
    e.once('a', () => log.push(['once', e.listenerCount('a')]));
    e.on('a', () => log.push('on'));
    e.emit('a');
    e.emit('a');
    log.push(e.listenerCount('a'));
  },
  'a listener added during an emit runs from the next one': (e, log) => {
    const late = () => log.push('late');
    e.on('a', () => {
      log.push('early');
      e.on('a', late);
    });
    e.emit('a');
    log.push('--');
    e.emit('a');
  },
  'a listener removed during an emit still runs in that emit': (e, log) => {
    const second = () => log.push('second');
    e.on('a', () => {
      log.push('first');
      e.off('a', second);
    });
    e.on('a', second);
    e.emit('a');
    log.push('--');
    e.emit('a');
  },
  'context: the given one, else the emitter': (e, log) => {
    const context = { name: 'ctx' };
    e.on(
      'a',
      function (this: unknown) {
        log.push(this === context ? 'given' : this === e ? 'emitter' : 'other');
      },
      context,
    );
    e.on('a', function (this: unknown) {
      log.push(this === context ? 'given' : this === e ? 'emitter' : 'other');
    });
    e.emit('a');
  },
  'off by function, by context, once-only, and all': (e, log) => {
    const fn = () => log.push('fn');
    const a = { n: 'a' };
    const b = { n: 'b' };
    e.on('x', fn, a)
      .on('x', fn, b)
      .once('x', fn)
      .on('x', () => log.push('other'));
    e.off('x', fn, b);
    log.push(e.listenerCount('x'));
    e.off('x', fn, undefined, true);
    log.push(e.listenerCount('x'));
    e.emit('x');
    e.off('x', fn);
    log.push(e.listenerCount('x'));
    e.off('x');
    log.push(e.listenerCount('x'), e.eventNames());
  },
  'removeAllListeners for one event and for all; aliases; listeners()': (e, log) => {
    const fn = () => log.push('fn');
    e.addListener('a', fn).on('b', fn).on('c', fn);
    log.push(e.listeners('a').length === 1 && e.listeners('a')[0] === fn, e.eventNames());
    e.removeAllListeners('a');
    log.push(e.eventNames());
    e.removeListener('b', fn);
    log.push(e.eventNames());
    e.removeAllListeners();
    log.push(e.eventNames(), e.emit('c'));
  },
  'a listener that throws stops the emit, as it would in eventemitter3': (e, log) => {
    e.on('a', () => {
      throw new Error('boom');
    });
    e.on('a', () => log.push('after'));
    try {
      e.emit('a');
    } catch (error) {
      log.push((error as Error).message);
    }
    log.push(e.listenerCount('a'));
  },
  'a listener that is not a function is refused': (e, log) => {
    try {
      e.on('a', 42 as never);
    } catch (error) {
      log.push((error as Error).constructor.name, (error as Error).message);
    }
    log.push(e.listenerCount('a'));
  },
};

function run(make: () => Emitter, scenario: Scenario): Log {
  const log: Log = [];
  scenario(make(), log);
  return log;
}

describe('LiteEmitter behaves as eventemitter3 for what the bridge offers', () => {
  for (const [name, scenario] of Object.entries(scenarios)) {
    it(name, () => {
      const expected = run(() => new EventEmitter(), scenario);
      const actual = run(() => new LiteEmitter() as unknown as Emitter, scenario);
      expect(expected.length, 'the scenario records something').to.be.greaterThan(0);
      expect(actual).to.deep.equal(expected);
    });
  }
});
