import { expect } from '@esm-bundle/chai';
import { sobotConnector, type SobotConnectorOptions } from '../../../connectors/sobot/index.js';
import type { BridgeError } from '../../../src/contract/index.js';
import { FakeSobotAgent } from '../../fakes/fake-sobot.js';
import { bridgeWithFakeCrm, connectorContext, manualClock } from '../tools.js';

async function connectError(options: unknown): Promise<BridgeError> {
  const { bridge } = bridgeWithFakeCrm();
  const error = await sobotConnector(options as SobotConnectorOptions)
    .connect(bridge, connectorContext(manualClock()))
    .then(
      () => undefined,
      (e: unknown) => e as BridgeError,
    );
  await bridge.dispose();
  if (error === undefined) throw new Error('expected connect to reject');
  return error;
}

describe('sobotConnector() options', () => {
  it('rejects connect with CONFIG_INVALID when agent is not a Sobot agent', async () => {
    const error = await connectError({ agent: {} });
    expect(error.code).to.equal('CONFIG_INVALID');
    expect(error.details['keys']).to.deep.equal(['agent']);
    expect(error.message).to.contain('options.agent');
  });

  it('rejects options that are not an object', async () => {
    expect((await connectError(undefined)).code).to.equal('CONFIG_INVALID');
  });

  it('names every bad option at once', async () => {
    const error = await connectError({
      agent: new FakeSobotAgent(),
      partnerId: '',
      language: 7,
      statusTimeoutMs: 0,
      events: { released: 'released' },
    });
    expect(error.details['keys']).to.deep.equal(['events.released', 'statusTimeoutMs', 'partnerId', 'language']);
  });

  it('checks the status map: ids, and "ready" or a documented reason code', async () => {
    const error = await connectError({ agent: new FakeSobotAgent(), statusMap: { available: 'ready', lunch: 99 } });
    expect(error.details['keys']).to.deep.equal(['statusMap']);
    expect(error.message).to.contain('"lunch"').and.contain('2, 11, 12');
    expect((await connectError({ agent: new FakeSobotAgent(), statusMap: 'ready' })).details['keys']).to.deep.equal([
      'statusMap',
    ]);
  });

  it('requires a partner id when the CRM sends no partner_config', async () => {
    const { bridge } = bridgeWithFakeCrm({ partnerConfig: undefined });
    const agent = new FakeSobotAgent();
    const error = await sobotConnector({ agent })
      .connect(bridge, connectorContext(manualClock()))
      .then(
        () => undefined,
        (e: unknown) => e as BridgeError,
      );
    expect(error?.code).to.equal('CONFIG_INVALID');
    expect(error?.details['keys']).to.deep.equal(['partnerId']);
    expect(agent.listenerCount()).to.equal(0);
    await bridge.dispose();
  });

  it('refuses a second connect while connected', async () => {
    const { bridge } = bridgeWithFakeCrm();
    const connector = sobotConnector({ agent: new FakeSobotAgent() });
    await connector.connect(bridge, connectorContext(manualClock()));
    const error = await connector.connect(bridge, connectorContext(manualClock())).then(
      () => undefined,
      (e: unknown) => e as BridgeError,
    );
    expect(error?.code, 'a state, not a setting').to.equal('ALREADY_CONNECTED');
    await connector.disconnect();
    await bridge.dispose();
  });
});
