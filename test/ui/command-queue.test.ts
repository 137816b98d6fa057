import { expect } from '@esm-bundle/chai';
import sinon from 'sinon';
import { bridgeCommands } from '../../src/ui/bridge-commands.js';
import {
  commandQueueSnippet,
  installCommandQueue,
  stubCommandQueue,
  type CommandFunction,
} from '../../src/ui/command-queue.js';
import { cleanup, mount } from './helpers.js';

type Scope = Record<string, unknown>;
const page = window as unknown as { softphoneBridge?: unknown; sbTestQueue?: unknown };

describe('command queue', () => {
  afterEach(() => {
    cleanup();
    delete page.softphoneBridge;
    delete page.sbTestQueue;
  });

  it('queues calls made before the implementation, then replays them in order and runs new ones directly', () => {
    const scope: Scope = {};
    const early = stubCommandQueue({ scope })!;
    early('dial', { number: '1' });
    early('dial', { number: '2' });
    expect(early.q?.length).to.equal(2);
    const seen: unknown[] = [];
    const installed = installCommandQueue((command, params) => seen.push([command, params]), { scope });
    (scope['softphoneBridge'] as CommandFunction)('dial', { number: '3' });
    expect(seen).to.deep.equal([
      ['dial', { number: '1' }],
      ['dial', { number: '2' }],
      ['dial', { number: '3' }],
    ]);
    expect(scope['softphoneBridge']).to.equal(installed);
    expect(early.q).to.deep.equal([], 'the stub queue is emptied, so nothing replays twice');
  });

  it('works from the inline snippet a page pastes, under a custom name', () => {
    const script = document.createElement('script');
    script.className = 'ui-test';
    script.textContent = `${commandQueueSnippet('sbTestQueue')} sbTestQueue('dial', { number: 'a' }); sbTestQueue('open');`;
    document.head.append(script);
    script.remove();
    const seen: unknown[] = [];
    installCommandQueue((command, params) => seen.push([command, params]), { name: 'sbTestQueue' });
    expect(seen).to.deep.equal([
      ['dial', { number: 'a' }],
      ['open', undefined],
    ]);
  });

  it('reports a failing command (thrown, rejected, or not a string) and goes on with the next', async () => {
    const scope: Scope = {};
    const early = stubCommandQueue({ scope })!;
    early('boom');
    (early as unknown as (...a: unknown[]) => void)(42);
    early('reject');
    early('dial');
    const onError = sinon.spy();
    const handler = sinon.spy((command: string) => {
      if (command === 'boom') throw new Error('boom');
      if (command === 'reject') return Promise.reject(new Error('rejected'));
      return undefined;
    });
    installCommandQueue(handler, { scope, onError });
    await Promise.resolve();
    expect(handler.args.map((a) => a[0])).to.deep.equal(['boom', 'reject', 'dial']);
    expect(onError.args.map((a) => (a[0] as Error).message)).to.deep.equal([
      'boom',
      'softphoneBridge: the command must be a string.',
      'rejected',
    ]);
  });

  it('refuses to overwrite a global of the same name that is not a function (e.g. the bridge)', () => {
    const bridge = { load() {} };
    const scope: Scope = { softphoneBridge: bridge };
    expect(() => installCommandQueue(() => undefined, { scope })).to.throw(TypeError);
    expect(scope['softphoneBridge'] === bridge).to.equal(true);
    const other: Scope = { softphoneBridge: bridge };
    expect(stubCommandQueue({ scope: other })).to.equal(undefined);
    expect(other['softphoneBridge'] === bridge).to.equal(true);
  });

  describe('bridgeCommands', () => {
    it('turns dial into startCall, with the record when given', async () => {
      const bridge = { startCall: sinon.stub().resolves(undefined) };
      const run = bridgeCommands(bridge);
      await run('dial', { number: ' +14155550101 ' });
      await run('dial', { number: '+14155550117', record: { id: 'C-1002', type: 'Contact' } });
      expect(bridge.startCall.args).to.deep.equal([
        [{ dialTo: '+14155550101' }],
        [{ dialTo: '+14155550117', crmRecord: { id: 'C-1002', type: 'Contact' } }],
      ]);
    });

    it('refuses unknown commands and a dial without a number', async () => {
      const bridge = { startCall: sinon.stub().resolves(undefined) };
      const run = bridgeCommands(bridge);
      const errors = await Promise.all(
        [run('hangup', {}), run('dial', {}), run('dial', null)].map((p) =>
          (p as Promise<unknown>).then(
            () => undefined,
            (e: unknown) => e,
          ),
        ),
      );
      expect(errors.every((e) => e instanceof TypeError)).to.equal(true);
      expect(bridge.startCall.callCount).to.equal(0);
    });

    it('a click on <sb-call-button> before the bridge exists dials once it installs', async () => {
      stubCommandQueue();
      const button = await mount('sb-call-button', { number: '+14155550142' });
      button.shadowRoot?.querySelector('button')?.click();
      const bridge = { startCall: sinon.stub().resolves(undefined) };
      installCommandQueue(bridgeCommands(bridge));
      expect(bridge.startCall.args).to.deep.equal([[{ dialTo: '+14155550142' }]]);
    });
  });
});
