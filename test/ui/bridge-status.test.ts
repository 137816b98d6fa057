import { expect } from '@esm-bundle/chai';
import { sendKeys } from '@web/test-runner-commands';
import sinon from 'sinon';
import { BridgeError } from '../../src/errors/index.js';
import type { OutboxEntry } from '../../src/outbox/outbox-entry.js';
import type { SbBridgeStatus } from '../../src/ui/bridge-status.js';
import { $, cleanup, fakeBridge, mount, settle, status } from './helpers.js';

const entry = { key: 'conv-1:callLog', kind: 'callLog', status: 'pending', attempts: 1, revision: 1 } as OutboxEntry;

async function watch(props: Partial<SbBridgeStatus> = {}) {
  const fake = fakeBridge();
  const el = await mount('sb-bridge-status', { bridge: fake.bridge, refreshInterval: 0, ...props });
  return { ...fake, el };
}

const text = (el: Element, selector: string) => $(el, selector).textContent?.replace(/\s+/g, ' ').trim();

describe('<sb-bridge-status>', () => {
  afterEach(cleanup);

  it('shows the connection and the outbox counts from status()', async () => {
    const fake = fakeBridge();
    fake.bridge.status.resolves(status({ pending: 2, dead: 1 }));
    const el = await mount('sb-bridge-status', { bridge: fake.bridge, refreshInterval: 0 });
    expect(el.connectionState).to.equal('connected');
    expect(text(el, '.state')).to.equal('Connected · stored durably');
    expect([text(el, '#pending'), text(el, '#dead')]).to.deep.equal(['2', '1']);
    expect(text(el, '#retry')).to.equal('Retry dead letters (1)');
  });

  it('tells waiting for load(), connecting, and memory-only apart', async () => {
    const { el, bridge, emit } = await watch();
    bridge.status.resolves(status({ loaded: false, connected: false }));
    emit('callback.delivered', 'disposition');
    await settle(el);
    expect(text(el, '.state-label')).to.equal('Waiting for the softphone');
    bridge.status.resolves(status({ connected: false, durability: 'memory' }));
    emit('callback.delivered', 'partner_config');
    await settle(el);
    expect(text(el, '.state')).to.equal('Connecting to the CRM… · memory only');
  });

  it('tells the agent in words what memory-only storage costs, and the drain lock with its reason, once storage is limited', async () => {
    const { el, bridge, emit } = await watch();
    expect(el.shadowRoot?.querySelector('#durability-note')).to.equal(null);
    bridge.status.resolves(
      status({
        durability: 'memory',
        durabilityReason: 'the browser refused IndexedDB (UnknownError)',
        drainLock: 'local',
        drainLockReason: 'the browser refused Web Locks (SecurityError)',
      }),
    );
    emit('storage.limited', { what: 'store', reason: 'the browser refused IndexedDB (UnknownError)' });
    await settle(el);
    expect(text(el, '#durability-note')).to.equal(
      'Calls are kept in this tab only: if it reloads or closes before a call is logged, that call is lost. (the browser refused IndexedDB (UnknownError))',
    );
    expect(text(el, '#lock-note')).to.equal('Drain lock: local (the browser refused Web Locks (SecurityError)).');
  });

  it('offers "Keep calls across reloads" when the bridge can request storage access, and shows a refusal', async () => {
    const { el, bridge, emit } = await watch();
    const request = sinon.stub().rejects(new BridgeError('STORAGE_ACCESS_DENIED', 'denied'));
    Object.assign(bridge, { requestDurableStorage: request });
    bridge.status.resolves(status({ durability: 'memory', canRequestDurableStorage: true }));
    emit('storage.limited', { what: 'store', reason: 'x' });
    await settle(el);
    ($(el, '#keep-calls') as HTMLButtonElement).click();
    await settle(el);
    await settle(el);
    expect(request.callCount).to.equal(1);
    expect(text(el, '.error')).to.contain('STORAGE_ACCESS_DENIED');
    bridge.status.resolves(status({ durability: 'durable' }));
    emit('storage.durable');
    await settle(el);
    expect(el.shadowRoot?.querySelector('#keep-calls')).to.equal(null);
    expect(el.shadowRoot?.querySelector('#durability-note')).to.equal(null);
  });

  it('says when the phone is active in another tab, and takes it over from the button', async () => {
    const { el, bridge, emit } = await watch();
    expect(el.shadowRoot?.querySelector('#phone-note')).to.equal(null);
    const takeOver = sinon.stub().callsFake(async () => bridge.status.resolves(status()));
    Object.assign(bridge, { takeOver });
    bridge.status.resolves(status({ activeElsewhere: true }));
    emit('phone.moved', true);
    await settle(el);
    expect(text(el, '#phone-note')).to.equal('The phone is active in another tab. Use the phone here');
    ($(el, '#take-over') as HTMLButtonElement).click();
    await settle(el);
    await settle(el);
    expect(takeOver.callCount).to.equal(1);
    expect(el.shadowRoot?.querySelector('#phone-note')).to.equal(null);
  });

  it('refreshes on outbox events', async () => {
    const { el, bridge, emit } = await watch();
    bridge.status.resolves(status({ pending: 1 }));
    emit('outbox.queued', 'conv-1:callLog');
    await settle(el);
    expect(text(el, '#pending')).to.equal('1');
    bridge.status.resolves(status({ pending: 0 }));
    emit('outbox.written', entry);
    await settle(el);
    expect(text(el, '#pending')).to.equal('0');
  });

  it('shows the last error with its code and message, and can dismiss it', async () => {
    const { el, bridge, emit } = await watch();
    bridge.status.resolves(status({ dead: 1 }));
    emit('outbox.failed', entry, new BridgeError('ADAPTER_WRITE_FAILED', 'The CRM did not answer.'));
    emit('outbox.deadLettered', entry, new BridgeError('OUTBOX_DEAD_LETTERED', 'Gave up after 8 attempts.'));
    await settle(el);
    expect(text(el, '.error p')).to.equal('OUTBOX_DEAD_LETTERED Gave up after 8 attempts.');
    expect($(el, '.error').getAttribute('role')).to.equal('status');
    expect(el.lastError).to.deep.equal({ code: 'OUTBOX_DEAD_LETTERED', message: 'Gave up after 8 attempts.' });
    $<HTMLButtonElement>(el, '#dismiss').click();
    await settle(el);
    expect(el.shadowRoot!.querySelector('.error p')).to.equal(null);
  });

  it('D11: clears a write failure once that write lands, but keeps it while another write is written, and keeps a newer error', async () => {
    const { el, emit } = await watch();
    const other = { ...entry, key: 'conv-2:callLog' } as OutboxEntry;
    emit('outbox.failed', entry, new BridgeError('ADAPTER_WRITE_FAILED', 'The fake CRM did not confirm the call log.'));
    await settle(el);
    emit('outbox.written', other);
    await settle(el);
    expect(el.lastError?.code).to.equal('ADAPTER_WRITE_FAILED', 'another write landing says nothing about this one');
    emit('outbox.written', { ...entry, status: 'sent', attempts: 4 } as OutboxEntry);
    await settle(el);
    expect(el.lastError).to.equal(undefined);
    expect(el.shadowRoot!.querySelector('.error p')).to.equal(null);

    emit('outbox.failed', entry, new BridgeError('ADAPTER_WRITE_FAILED', 'The CRM did not answer.'));
    emit('screenPop.failed', new BridgeError('SCREEN_POP_FAILED', 'The screen pop failed.'));
    emit('outbox.written', entry);
    await settle(el);
    expect(el.lastError?.code).to.equal('SCREEN_POP_FAILED', 'a newer, unrelated error stays');
  });

  it('shows a failed CRM connection until the adapter connects', async () => {
    const { el, emit } = await watch();
    emit('adapter.failed', new BridgeError('ADAPTER_CONNECT_FAILED', 'The fake adapter could not connect.'));
    await settle(el);
    expect(el.connectionState).to.equal('failed');
    expect(text(el, '.state-label')).to.equal('CRM connection failed');
    expect(text(el, '.error .code')).to.equal('ADAPTER_CONNECT_FAILED');
    emit('adapter.connected');
    await settle(el);
    expect(el.connectionState).to.equal('connected');
  });

  it('retries dead letters from the button, disabled when there are none', async () => {
    const { el, bridge } = await watch();
    expect($<HTMLButtonElement>(el, '#retry').disabled).to.equal(true);
    bridge.status.resolves(status({ dead: 2 }));
    await el.refresh();
    await settle(el);
    bridge.status.resolves(status({ pending: 2 }));
    bridge.retryDeadLetters.resolves(2);
    $<HTMLButtonElement>(el, '#retry').click();
    await settle(el);
    expect(bridge.retryDeadLetters.callCount).to.equal(1);
    expect([text(el, '#pending'), text(el, '#dead')]).to.deep.equal(['2', '0']);
    expect($<HTMLButtonElement>(el, '#retry').disabled).to.equal(true);
  });

  it('retries with the keyboard (Enter, then Space)', async () => {
    const { el, bridge } = await watch();
    bridge.status.resolves(status({ dead: 1 }));
    await el.refresh();
    await settle(el);
    $(el, '#retry').focus();
    await sendKeys({ press: 'Enter' });
    await settle(el);
    await sendKeys({ press: ' ' });
    await settle(el);
    expect(bridge.retryDeadLetters.callCount).to.equal(2);
  });

  it('says the bridge is unavailable when status() fails (e.g. disposed)', async () => {
    const { el, bridge } = await watch();
    bridge.status.rejects(new BridgeError('BRIDGE_DISPOSED'));
    await el.refresh();
    await settle(el);
    expect(el.connectionState).to.equal('unavailable');
    expect(text(el, '.state-label')).to.equal('Bridge unavailable');
  });

  it('polls every refresh-interval while attached, and stops when removed', async () => {
    const clock = sinon.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    const fake = fakeBridge();
    const el = document.createElement('sb-bridge-status');
    el.setAttribute('refresh-interval', '5000');
    el.bridge = fake.bridge;
    document.body.append(el);
    await settle(el);
    const reads = fake.bridge.status.callCount;
    for (let i = 0; i < 3; i++) {
      clock.tick(5_000);
      await settle(el);
    }
    expect(fake.bridge.status.callCount - reads).to.equal(3);
    el.remove();
    expect(fake.listenerCount('outbox.queued')).to.equal(0);
    clock.tick(15_000);
    expect(fake.bridge.status.callCount - reads).to.equal(3);
  });

  it('fits a 200 px utility bar without horizontal overflow', async () => {
    const { el, bridge, emit } = await watch();
    el.style.width = '200px';
    bridge.status.resolves(status({ pending: 1234, dead: 56 }));
    emit(
      'contract.rejected',
      new BridgeError(
        'CONTRACT_PAYLOAD_INVALID',
        'incomingCall: "callerANI" must be a phone number; "conversationId" is required.',
      ),
    );
    await settle(el);
    const panel = $(el, 'section');
    expect(panel.scrollWidth).to.be.at.most(panel.clientWidth);
    expect(el.getBoundingClientRect().width).to.equal(200);
  });
});
