import { expect } from '@esm-bundle/chai';
import { CallBook } from '../../../connectors/shared/call-book.js';
import { FieldReader, vendorPayloadError } from '../../../connectors/shared/fields.js';
import { OptionChecker, optionsObject } from '../../../connectors/shared/options.js';
import { httpUrl } from '../../../connectors/shared/safe-url.js';
import { epochMs, secondsBetween } from '../../../connectors/shared/time.js';
import type { BridgeError } from '../../../src/contract/index.js';

describe('CallBook', () => {
  it('follows open calls and remembers finished ones, so late events cannot reopen them', () => {
    const book = new CallBook<number>();
    book.set('a', 1);
    book.finish('a');
    expect([book.get('a'), book.isFinished('a'), book.open()]).to.deep.equal([undefined, true, []]);
  });

  it('remembers the 500 most recent finished ids', () => {
    const book = new CallBook<number>();
    for (let i = 0; i < 501; i += 1) book.finish(`c${i}`);
    expect([book.isFinished('c0'), book.isFinished('c1'), book.isFinished('c500')]).to.deep.equal([false, true, true]);
  });
});

describe('FieldReader', () => {
  it('reads trimmed text and numbers written either way, and names nested fields with their path', () => {
    const read = new FieldReader({ a: ' x ', n: '12', m: 7, inner: { id: '' } });
    expect([read.text('a'), read.text('m'), read.number('n'), read.number('m')]).to.deep.equal(['x', '7', 12, 7]);
    read.nested('inner')?.text('id', true);
    expect(read.fields).to.deep.equal(['inner.id']);
  });

  it('reports a present but mistyped optional number, not an absent one', () => {
    const read = new FieldReader({ bad: 'twelve', empty: '' });
    read.number('bad');
    read.number('empty');
    read.number('absent');
    expect(read.fields).to.deep.equal(['bad']);
  });

  it('makes an error naming the connector, the event and the fields', () => {
    const error = vendorPayloadError('acme', 'onRing', ['"id" is required (text)'], ['id']);
    expect([error.code, error.message, error.details]).to.deep.equal([
      'CONTRACT_PAYLOAD_INVALID',
      'acme: onRing: "id" is required (text).',
      { connector: 'acme', event: 'onRing', fields: ['id'] },
    ]);
  });
});

describe('OptionChecker', () => {
  it('collects every problem into one CONFIG_INVALID', () => {
    const check = new OptionChecker('acme', { token: 'SECRET-VALUE-1', flag: 'yes', fn: 3 });
    check.filledText('partnerId', { required: true });
    check.filledText('token', { max: 4 });
    check.flag('flag', false);
    check.fn('fn');
    let error: BridgeError | undefined;
    try {
      check.finish();
    } catch (e) {
      error = e as BridgeError;
    }
    expect(error?.details).to.deep.equal({ connector: 'acme', keys: ['partnerId', 'token', 'flag', 'fn'] });
    expect(error?.message).not.to.contain('SECRET-VALUE-1');
  });

  it('refuses options that are not an object', () => {
    expect(() => optionsObject('acme', null)).to.throw('acme connector: options must be an object.');
  });
});

describe('httpUrl(), secondsBetween(), epochMs()', () => {
  it('keeps http(s) URLs only', () => {
    expect([
      httpUrl('https://a.example/x'),
      httpUrl('javascript:alert(1)'),
      httpUrl('data:text/html,x'),
      httpUrl('not a url'),
      httpUrl(undefined),
    ]).to.deep.equal(['https://a.example/x', undefined, undefined, undefined, undefined]);
  });

  it('counts whole seconds, never negative, at most a week', () => {
    expect([secondsBetween(0, 1_499), secondsBetween(5_000, 0), secondsBetween(0, 1e12)]).to.deep.equal([
      1, 0, 604_800,
    ]);
  });

  it('reads epoch seconds and milliseconds', () => {
    expect([epochMs(1663324555), epochMs(1663324555123), epochMs(0), epochMs(undefined)]).to.deep.equal([
      1663324555000,
      1663324555123,
      undefined,
      undefined,
    ]);
  });
});
