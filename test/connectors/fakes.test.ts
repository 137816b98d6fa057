import { expect } from '@esm-bundle/chai';
import sinon from 'sinon';
import { FakeSobotAgent, loggedInAgent } from '../fakes/fake-sobot.js';
import { FakeVoicenterWebPhone, registeredPhone } from '../fakes/fake-voicenter.js';
import { fakeHost, FakeSociomileWidget } from '../fakes/fake-sociomile.js';
import { tick } from './tools.js';

describe('the vendor fakes enforce their documents', () => {
  describe('FakeSobotAgent', () => {
    it('needs token, companyId and agent for initAgent, and initAgent before login', async () => {
      const agent = new FakeSobotAgent();
      const error = sinon.spy();
      agent.login({ phoneType: 'webrtc', bindExt: '1000', error });
      agent.initAgent({ token: 't', companyId: '', agent: '1005', error });
      await tick();
      expect(
        error.args.map(
          (a) =>
            (a[0] as { errorCode?: string; errorMessage?: string }).errorCode ??
            (a[0] as { errorMessage?: string }).errorMessage,
        ),
      ).to.deep.equal(['NOT_INITIALIZED', 'missing companyId']);
    });

    it('needs a login for agent methods, a documented reason code, and otherDN without ANI + plan code', async () => {
      const fresh = new FakeSobotAgent();
      expect(() => fresh.makeCall({ otherDN: '1' })).to.throw('before login');
      const agent = await loggedInAgent();
      const error = sinon.spy();
      agent.notReady({ reasonCode: 3, error });
      await tick();
      expect(error.calledOnce).to.equal(true);
      expect(() => agent.makeCall({ otherDN: ' ' })).to.throw('otherDN');
      expect(() => agent.makeCall({ otherDN: '1', ANI: '2', outboundPlanCode: '3' })).to.throw('exclude');
    });

    it('sends every event to EventAgentAll listeners too, and off(name) drops all of its listeners', async () => {
      const agent = await loggedInAgent();
      const all = sinon.spy();
      agent
        .on('EventAgentAll', all)
        .on('EventRinging', () => {})
        .on('EventRinging', () => {});
      agent.ring('1');
      expect((all.args[0]?.[0] as { messageID: string }).messageID).to.equal('EventRinging');
      agent.off('EventRinging');
      expect(agent.listenerCount('EventRinging')).to.equal(0);
    });
  });

  describe('FakeVoicenterWebPhone', () => {
    it('needs a registered extension to call, and a right password to register', async () => {
      const phone = new FakeVoicenterWebPhone();
      expect(() => phone.call('0500000000')).to.throw('registered');
      const failed = sinon.spy();
      phone.onRegisterFailed = failed;
      phone.initiate({ user: 'KGpK4iWq', password: 'nope' });
      await tick();
      expect([failed.calledOnce, phone.registered]).to.deep.equal([true, false]);
      const ok = await registeredPhone();
      ok.call('0500000000');
      expect(ok.dialled).to.deep.equal(['0500000000']);
    });

    it('answers only a ringing call with its ivrID', async () => {
      const phone = await registeredPhone();
      expect(() => phone.answer('nope')).to.throw('ringing');
    });
  });

  describe('FakeSociomileWidget', () => {
    it('refuses events before an init with userCredential, minimized and disableDarkMode', () => {
      const host = fakeHost();
      const widget = new FakeSociomileWidget();
      widget.load(host);
      host.socioVoice?.('event', { action: 'dial', number: '0812', internal_id: 'x' });
      host.socioVoice?.('init', { minimized: true, disableDarkMode: false });
      expect(widget.refused).to.deep.equal(['event before a successful init', 'init without userCredential']);
    });

    it('needs number and internal_id to dial', () => {
      const host = fakeHost();
      const widget = new FakeSociomileWidget();
      widget.load(host);
      host.socioVoice?.('init', { minimized: true, disableDarkMode: true, userCredential: 'c' });
      host.socioVoice?.('event', { action: 'dial', number: '0812' });
      expect(widget.refused).to.deep.equal(['dial without internal_id']);
      expect(widget.commands[0]?.options['userCredential']).to.equal('(present)');
    });
  });
});
