import { expect } from '@esm-bundle/chai';
import { copyStore } from '../../src/outbox/copy-store.js';
import { settleSuccess } from '../../src/outbox/entry-rules.js';
import { createMemoryStore } from '../../src/outbox/memory-store.js';
import { callLogWrite, callRecord } from '../fixtures/outbox-fixtures.js';

const step = (call: ReturnType<typeof callRecord>) => () => ({ call, writes: [callLogWrite(call)], result: undefined });

describe('copyStore() (memory → IndexedDB after a storage-access grant)', () => {
  it('copies every conversation and entry into an empty store', async () => {
    const [from, to] = [createMemoryStore(), createMemoryStore()];
    await from.updateCall('a', step(callRecord({ conversationId: 'a' })), 10);
    await from.updateCall('b', step(callRecord({ conversationId: 'b' })), 10);
    expect(await copyStore(from, to, 20)).to.deep.equal({ calls: 2, entries: 2 });
    expect((await to.listCalls()).map((c) => c.conversationId).sort()).to.deep.equal(['a', 'b']);
    expect((await to.listEntries('pending')).map((e) => e.key).sort()).to.deep.equal(['a:callLog', 'b:callLog']);
  });

  it('keeps the higher revision of a conversation both stores hold', async () => {
    const [from, to] = [createMemoryStore(), createMemoryStore()];
    await from.updateCall('a', step(callRecord({ conversationId: 'a', revision: 2, notes: 'older' })), 10);
    await to.updateCall('a', step(callRecord({ conversationId: 'a', revision: 5, notes: 'newer' })), 10);
    await copyStore(from, to, 20);
    expect((await to.getCall('a'))?.notes).to.equal('newer');
  });

  it("never drops a receipt: this page's unsent notes are queued on the record another tab already made", async () => {
    const [from, to] = [createMemoryStore(), createMemoryStore()];
    const key = 'a:callLog';
    await to.updateCall('a', step(callRecord({ conversationId: 'a', notes: 'first' })), 10);
    await to.updateEntry(key, (entry) =>
      entry === undefined ? undefined : settleSuccess(entry, entry.revision, { recordId: 'REC-1' }, 11),
    );
    await from.updateCall(
      'a',
      step(callRecord({ conversationId: 'a', notes: 'added in the blocked frame', revision: 9 })),
      12,
    );
    await copyStore(from, to, 20);
    const [entry] = await to.listEntries();
    expect(entry).to.include({ key, status: 'pending' });
    expect(entry?.receipt).to.deep.equal({ recordId: 'REC-1' });
    expect(entry?.data.kind === 'callLog' ? entry.data.call.notes : undefined).to.equal('added in the blocked frame');
  });

  it('keeps a receipt only this page had, so the adapter updates instead of creating again', async () => {
    const [from, to] = [createMemoryStore(), createMemoryStore()];
    const key = 'a:callLog';
    await from.updateCall('a', step(callRecord({ conversationId: 'a' })), 10);
    await from.updateEntry(key, (entry) =>
      entry === undefined ? undefined : settleSuccess(entry, entry.revision, { recordId: 'REC-7' }, 11),
    );
    await to.updateCall('a', step(callRecord({ conversationId: 'a' })), 10);
    await copyStore(from, to, 20);
    expect((await to.listEntries())[0]?.receipt).to.deep.equal({ recordId: 'REC-7' });
  });
});
