// The library build in Node, where `globalThis` is no window: no `addEventListener`, no IndexedDB,
// no Web Locks (UX review D20: `load` rejected with OUTBOX_STORE_FAILED "the store failed", whose
// real cause was the missing `addEventListener`). The bridge must run on a memory store there and
// log the call once. Payloads are the contract's own (seeds/002: incomingCall's positional form).
// Needs the build (`npm run build`).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createBridge, silentLogger } from '../../dist/index.js';
import { FakeCrm, fakeAdapter } from '../../dist/adapters/fake.js';

const partnerConfig = { partnerId: 'partner-1', businessSegmentId: 'segment-1', channelOriginId: 'web' };

test('in Node (no window): load delivers the callbacks, the call logs once, startCall reaches the callback', async () => {
  assert.equal(typeof globalThis.addEventListener, 'undefined', 'this test is about a global without addEventListener');
  const crm = new FakeCrm({ dispositions: ['resolved'], partnerConfig });
  const bridge = createBridge({ adapter: fakeAdapter(crm), logger: silentLogger });
  const received = [];
  try {
    await bridge.load((eventType, payload) => received.push([eventType, payload]));
    await bridge.incomingCall('partner-1', 'node-call-1', '+18883973342');
    await bridge.callEnded({
      partnerId: 'partner-1',
      conversationId: 'node-call-1',
      duration: 12,
      disposition: 'resolved',
    });
    for (let i = 0; i < 50 && crm.callLogs().length === 0; i += 1) {
      await bridge.flush();
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    await bridge.startCall({ dialTo: '+18883973342' });
    assert.deepEqual(
      received.map(([type]) => type),
      ['disposition', 'partner_config', 'start_call'],
    );
    assert.equal(received[2][1].dialTo, '+18883973342');
    assert.equal(crm.callLogs().length, 1);
    assert.equal(crm.callLogs()[0].call.durationSeconds, 12);
    const status = await bridge.status();
    assert.equal(status.durability, 'memory');
  } finally {
    await bridge.dispose();
  }
});
