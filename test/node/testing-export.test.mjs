// `softphone-bridge/testing` outside the browser and outside mocha: node:test's describe/it/
// beforeEach/afterEach put where the suites look for them (globalThis), and the package imported
// by name through its exports (dist/). The fake adapter must pass; an adapter that creates a second
// record after a lost reply must fail (so the suite really checks). Needs the build.
import assert from 'node:assert/strict';
import { after, afterEach, beforeEach, describe, it, test } from 'node:test';
import { FakeCrm, fakeAdapter } from 'softphone-bridge/adapters/fake';
import { BridgeError } from 'softphone-bridge/contract';
import { runAdapterConformance, testApi } from 'softphone-bridge/testing';

const runner = { describe, it, beforeEach, afterEach };
Object.assign(globalThis, runner);
after(() => {
  for (const name of Object.keys(runner)) delete globalThis[name];
});

function harness(adapter, crm) {
  return {
    adapter,
    callLogsFor: async (key) =>
      crm
        .callLogs()
        .filter((l) => l.key === key)
        .map((l) => l.call),
    failNextWrite: () => crm.injectFaults('before'),
    loseNextReply: () => crm.injectFaults('after'),
  };
}

runAdapterConformance('fake, under node:test', async () => {
  const crm = new FakeCrm({ dispositions: ['resolved'] });
  return harness(fakeAdapter(crm), crm);
});

test('testApi names the runner globals that are missing', () => {
  const saved = globalThis.describe;
  delete globalThis.describe;
  try {
    assert.throws(() => testApi(), /no describe in scope/);
  } finally {
    globalThis.describe = saved;
  }
});

// A broken adapter: every write without a receipt creates a new record. The suite, run in a child
// describe whose failures we collect instead of failing this file, must catch it.
test('the suite fails an adapter that doubles a record after a lost reply', async () => {
  const failures = [];
  const collected = [];
  const collecting = {
    describe: (name, body) => body(),
    it: (name, body) => collected.push({ name, body }),
    beforeEach: (body) => collected.push({ before: body }),
    afterEach: (body) => collected.push({ after: body }),
  };
  Object.assign(globalThis, collecting);
  try {
    runAdapterConformance('doubling', async () => {
      let n = 0;
      const store = [];
      const adapter = {
        name: 'doubling',
        connect: async () => ({}),
        disconnect: async () => {},
        async writeCallLog(write) {
          store.push({ key: write.key, call: write.call });
          if (lose) {
            lose = false;
            throw new BridgeError('ADAPTER_WRITE_FAILED', 'reply lost');
          }
          return { recordId: `R-${(n += 1)}` };
        },
      };
      let lose = false;
      return {
        adapter,
        callLogsFor: async (key) => store.filter((s) => s.key === key).map((s) => s.call),
        failNextWrite: () => {},
        loseNextReply: () => {
          lose = true;
        },
      };
    });
  } finally {
    Object.assign(globalThis, runner);
  }
  const befores = collected.filter((c) => c.before).map((c) => c.before);
  const afters = collected.filter((c) => c.after).map((c) => c.after);
  // Only the adapter-level rules: the ones through a whole bridge would leave its timers running
  // when they fail half-way (as they should here), and keep this process alive.
  const LOST = 'does not create a second record when a retry comes without a receipt (reply lost)';
  const KEYS = 'keeps conversations apart';
  for (const { name, body } of collected.filter((c) => c.name === LOST || c.name === KEYS)) {
    for (const b of befores) await b();
    try {
      await body.call({ skip() {} });
    } catch {
      failures.push(name);
    }
    for (const a of afters) await a();
  }
  assert.deepEqual(failures, [LOST]);
});
