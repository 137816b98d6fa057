import { expect } from '@esm-bundle/chai';
import { isTabReport, type TabCommand, type TabMethod, type TabReport } from '../fixtures/bridge-tab-protocol.js';
import { deleteDb, deferred, uniqueDbName, type Deferred } from '../fixtures/outbox-fixtures.js';

type WriteReport = Extract<TabReport, { type: 'write' }>;
type CommandBody = { type: 'call'; method: TabMethod; payload: Record<string, string | number> } | { type: 'flush' };

const FIXTURE = new URL('../fixtures/bridge-tab.html', import.meta.url);
const ids = { partnerId: 'partner-1' };

/** A same-origin iframe running `bridge-tab.html`: one browsing context, like a second tab. */
interface Tab {
  readonly label: string;
  readonly frame: HTMLIFrameElement;
  readonly ready: Deferred<void>;
  readonly pending: Map<number, Deferred<void>>;
}

describe('two tabs on one IndexedDB database', function () {
  // Two frames load the bridge and its dependencies through the dev server.
  this.timeout(15_000);

  let db: string;
  let tabs: Map<MessageEventSource, Tab>;
  let writes: WriteReport[];
  let waiters: { test: (report: WriteReport) => boolean; found: Deferred<WriteReport> }[];
  let nextId: number;

  const onMessage = (event: MessageEvent<unknown>): void => {
    if (event.origin !== location.origin || event.source === null) return;
    const tab = tabs.get(event.source);
    if (tab === undefined || !isTabReport(event.data) || event.data.tab !== tab.label) return;
    const message = event.data;
    if (message.type === 'ready') tab.ready.resolve();
    if (message.type === 'done') {
      const settle = tab.pending.get(message.id);
      tab.pending.delete(message.id);
      if (message.error === null) settle?.resolve();
      else settle?.reject(new Error(`tab ${tab.label}: ${message.error}`));
    }
    if (message.type === 'write') {
      writes.push(message);
      for (const waiter of waiters.filter((w) => w.test(message))) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.found.resolve(message);
      }
    }
  };

  async function openTab(label: string, options: { hang?: boolean } = {}): Promise<Tab> {
    const url = new URL(FIXTURE);
    url.searchParams.set('db', db);
    url.searchParams.set('tab', label);
    if (options.hang === true) url.searchParams.set('hang', '1');
    const frame = document.createElement('iframe');
    frame.src = url.href;
    document.body.append(frame);
    const source = frame.contentWindow;
    if (source === null) throw new Error('the frame has no window');
    const tab: Tab = { label, frame, ready: deferred<void>(), pending: new Map() };
    tabs.set(source, tab);
    await tab.ready.promise;
    return tab;
  }

  function send(tab: Tab, body: CommandBody): Promise<void> {
    nextId += 1;
    const command = { ...body, id: nextId } as TabCommand;
    const done = deferred<void>();
    tab.pending.set(command.id, done);
    const target = tab.frame.contentWindow;
    if (target === null) return Promise.reject(new Error(`tab ${tab.label} is gone`));
    target.postMessage(command, location.origin);
    return done.promise;
  }

  /** The same contract call in every tab at once, as when the softphone's events reach both. */
  function everywhere(
    targets: readonly Tab[],
    method: TabMethod,
    payload: Record<string, string | number>,
  ): Promise<void[]> {
    return Promise.all(targets.map((tab) => send(tab, { type: 'call', method, payload })));
  }

  function writeReported(test: (report: WriteReport) => boolean): Promise<WriteReport> {
    const seen = writes.find(test);
    if (seen !== undefined) return Promise.resolve(seen);
    const found = deferred<WriteReport>();
    waiters.push({ test, found });
    return found.promise;
  }

  beforeEach(() => {
    db = uniqueDbName('two-tabs');
    tabs = new Map();
    writes = [];
    waiters = [];
    nextId = 0;
    window.addEventListener('message', onMessage);
  });

  afterEach(async () => {
    window.removeEventListener('message', onMessage);
    for (const tab of tabs.values()) tab.frame.remove();
    await deleteDb(db);
  });

  it('writes one call log per conversation when both tabs get every event, ending with the submitted notes', async () => {
    const tabA = await openTab('A');
    const tabB = await openTab('B');
    const both = [tabA, tabB];
    const conversation = { ...ids, conversationId: 'conv-shared' };

    await everywhere(both, 'incomingCall', { ...conversation, callerANI: '+15550100100' });
    // Which tab sees an event first varies; the shared state decides, not the tab.
    await everywhere([tabB, tabA], 'callAccepted', conversation);
    await everywhere(both, 'callEnded', { ...conversation, duration: 61, notes: 'first draft' });
    await everywhere([tabB, tabA], 'callNotesSubmitted', {
      ...conversation,
      disposition: 'resolved',
      notes: 'final notes',
    });
    await Promise.all(both.map((tab) => send(tab, { type: 'flush' })));

    const mine = writes.filter((w) => w.key === 'conv-shared:callLog');
    const started = mine.filter((w) => w.phase === 'started');
    const finished = mine.filter((w) => w.phase === 'finished');
    expect(
      started.filter((w) => w.created),
      'creates across both tabs',
    ).to.have.length(1);
    expect(finished).to.have.length(started.length);
    expect(new Set(mine.map((w) => w.recordId)).size, 'one CRM record').to.equal(1);
    expect(finished.at(-1)?.notes).to.equal('final notes');
    // The drain lock keeps the tabs from writing at the same time: every start is followed by its finish.
    expect(mine.map((w) => w.phase)).to.deep.equal(mine.map((_, i) => (i % 2 === 0 ? 'started' : 'finished')));
    // No more than the create and the notes update (duplicates in the other tab queue nothing).
    expect(started.length).to.be.within(1, 2);
  });

  it('lets the other tab deliver the write that a closed tab left in flight', async () => {
    const tabA = await openTab('A', { hang: true });
    const tabB = await openTab('B');
    const conversation = { ...ids, conversationId: 'conv-orphan' };

    await send(tabA, { type: 'call', method: 'incomingCall', payload: { ...conversation, callerANI: '+15550100199' } });
    await send(tabA, { type: 'call', method: 'callAccepted', payload: conversation });
    await send(tabA, {
      type: 'call',
      method: 'callEnded',
      payload: { ...conversation, duration: 30, notes: 'left behind' },
    });
    await writeReported((w) => w.tab === 'A' && w.key === 'conv-orphan:callLog' && w.phase === 'started');

    // Tab A holds the drain lock while its CRM never answers.
    const held = await navigator.locks.query();
    expect(held.held?.map((lock) => lock.name)).to.include(`${db}:outbox`);

    let flushDone = false;
    const flushedB = send(tabB, { type: 'flush' }).then(() => {
      flushDone = true;
    });
    // A later command that needs no lock completes in tab B while its flush still waits for tab A.
    await send(tabB, {
      type: 'call',
      method: 'incomingCall',
      payload: { ...ids, conversationId: 'conv-other', callerANI: '+15550100000' },
    });
    expect(flushDone).to.equal(false);
    expect(writes.filter((w) => w.tab === 'B')).to.deep.equal([]);

    tabA.frame.remove(); // the tab is closed; the browser releases its lock
    await flushedB;

    const fromB = writes.filter((w) => w.tab === 'B' && w.key === 'conv-orphan:callLog');
    expect(fromB.map((w) => [w.phase, w.created, w.notes])).to.deep.equal([
      ['started', true, 'left behind'],
      ['finished', true, 'left behind'],
    ]);
    expect(writes.filter((w) => w.tab === 'A' && w.phase === 'finished')).to.deep.equal([]);
  });

  it("has an idle tab take over a closed tab's write at once, without waiting for its sweep", async () => {
    const tabA = await openTab('A', { hang: true });
    const tabB = await openTab('B');
    const conversation = { ...ids, conversationId: 'conv-idle-takeover' };
    // Tab B's start-up drain is over before tab A takes the lock: B is idle from here on.
    await send(tabB, { type: 'flush' });

    await send(tabA, { type: 'call', method: 'incomingCall', payload: { ...conversation, callerANI: '+15550100198' } });
    await send(tabA, {
      type: 'call',
      method: 'callEnded',
      payload: { ...conversation, duration: 12, notes: 'nobody asked B' },
    });
    await writeReported((w) => w.tab === 'A' && w.key === 'conv-idle-takeover:callLog' && w.phase === 'started');

    // Tab B gets no event and no flush: only tab A's announcement can have it standing by.
    const closedAt = performance.now();
    tabA.frame.remove();
    await writeReported((w) => w.tab === 'B' && w.key === 'conv-idle-takeover:callLog' && w.phase === 'finished');
    // The sweep would take 10 s (BRIDGE_DEFAULTS.sweepIntervalMs); the takeover must not wait for it.
    expect(performance.now() - closedAt).to.be.below(5_000);
    expect(
      writes.filter((w) => w.tab === 'B' && w.key === 'conv-idle-takeover:callLog').map((w) => [w.phase, w.notes]),
    ).to.deep.equal([
      ['started', 'nobody asked B'],
      ['finished', 'nobody asked B'],
    ]);
  });
});
