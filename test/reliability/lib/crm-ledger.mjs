// The fake CRM that outlives pages: call logs kept in the test process, keyed by the bridge's
// idempotency key (like an external-id field with upsert), with everything counted that the
// reliability checks need. The pages reach it over HTTP (see server.mjs); one ledger per run.
//
// "None doubled" is checked on the requests, not only on the records (which the key keeps
// unique by construction): a create sent again for a key the CRM already holds is only
// legitimate when the page cannot have stored the receipt of an earlier create, because its
// reply was lost, or the page went away before or just after it arrived.

/** A reply that reached a page less than this before the page went away may not have been stored. */
export const SETTLE_WINDOW_MS = 1000;

export class CrmLedger {
  /** key → { id, key, call, creates, updates, replayedCreates, lastRevision, writers } */
  records = new Map();
  /** Screen pops by conversation id: the tabs that showed one. */
  pops = new Map();
  /** Every committed write without a receipt: { seq, key, page, at, replyAt?, lost? }. */
  creates = [];
  /** Pages (ids) that went away (reload, closed tab), and when. */
  goneAt = new Map();
  /** Writes whose revision was older than the stored one (ordering per conversation broken). */
  staleWrites = [];
  /** Writes carrying a receipt that names another record than the key's. */
  receiptMismatches = [];
  /** Every committed write as it arrived: { at, key, tab, page, created, replay, revision }. */
  arrivals = [];
  requests = 0;
  faults = { before: 0, after: 0 };
  #nextId = 1;
  #open = new Map();
  /** Decides each write's fault: ({ key, recordId, tab }) → 'before' | 'after' | undefined. */
  faultFor = () => undefined;
  /** Holds the reply of matching writes (ms), e.g. to close a tab while its write is in flight. */
  holdFor = () => 0;
  #heldWaiters = [];

  /** Resolves with `{ key, tab, page }` of the next write whose reply is held. */
  nextHeld() {
    return new Promise((resolve) => this.#heldWaiters.push(resolve));
  }

  /**
   * Applies one write. Returns `{ status, body, fault, holdMs, seq }`: the server sends `body`
   * with `status` after `holdMs`, or drops the connection for `fault === 'after'`.
   */
  write({ key, recordId, call, tab, page }) {
    this.requests += 1;
    const seq = this.requests;
    const fault = this.faultFor({ key, recordId, tab });
    if (fault === 'before') {
      this.faults.before += 1;
      return { status: 503, body: { error: 'injected failure before commit' }, fault, seq };
    }
    const existing = this.records.get(key);
    if (recordId !== undefined && (existing === undefined || existing.id !== recordId)) {
      this.receiptMismatches.push({ key, recordId, expected: existing?.id ?? null });
      return { status: 409, body: { error: 'the receipt names no record of this key' }, seq };
    }
    const revision = typeof call?.revision === 'number' ? call.revision : -1;
    const replay = existing !== undefined && recordId === undefined;
    let record;
    if (existing === undefined) {
      record = {
        id: `LOG-${this.#nextId++}`,
        key,
        call,
        creates: 1,
        updates: 0,
        replayedCreates: 0,
        lastRevision: revision,
        writers: [tab],
      };
    } else {
      if (revision < existing.lastRevision)
        this.staleWrites.push({ key, revision, stored: existing.lastRevision, tab });
      record = {
        ...existing,
        call: revision >= existing.lastRevision ? call : existing.call,
        updates: existing.updates + (replay ? 0 : 1),
        replayedCreates: existing.replayedCreates + (replay ? 1 : 0),
        lastRevision: Math.max(existing.lastRevision, revision),
        writers: existing.writers.includes(tab) ? existing.writers : [...existing.writers, tab],
      };
    }
    this.records.set(key, record);
    this.arrivals.push({ at: Date.now(), key, tab, page, created: existing === undefined, replay, revision });
    if (recordId === undefined) {
      const entry = { seq, key, page, at: Date.now() };
      this.creates.push(entry);
      this.#open.set(seq, entry);
    }
    if (fault === 'after') {
      this.faults.after += 1;
      this.settled(seq, false);
      return { status: 200, body: null, fault, seq };
    }
    const holdMs = this.holdFor({ key, tab }) ?? 0;
    if (holdMs > 0) for (const resolve of this.#heldWaiters.splice(0)) resolve({ key, tab, page });
    return { status: 200, body: { recordId: record.id }, holdMs, seq };
  }

  /** The reply of request `seq` was sent (`delivered`), or lost / its page went away first. */
  settled(seq, delivered) {
    const entry = this.#open.get(seq);
    this.#open.delete(seq);
    if (entry === undefined) return;
    if (delivered) entry.replyAt = Date.now();
    else entry.lost = true;
  }

  /** Page `pageId` is going away now (reload, closed tab). */
  pageGoing(pageId) {
    if (!this.goneAt.has(pageId)) this.goneAt.set(pageId, Date.now());
  }

  /** Whether the page that sent create `entry` may never have stored its receipt. */
  #ambiguous(entry) {
    if (entry.lost || entry.replyAt === undefined) return true;
    const gone = this.goneAt.get(entry.page);
    return gone !== undefined && gone <= entry.replyAt + SETTLE_WINDOW_MS;
  }

  /** What each page's CRM view shows per call: page id → conversation id → { state, outcome, revision }. */
  views = new Map();

  /** A page's CRM view was told a call's state (the adapter's `callUpdated`); older revisions never win. */
  view({ conversationId, state, outcome, revision, page }) {
    if (!this.views.has(page)) this.views.set(page, new Map());
    const calls = this.views.get(page);
    const known = calls.get(conversationId);
    if (known === undefined || revision >= known.revision) calls.set(conversationId, { state, outcome, revision });
  }

  /** The calls still shown "On call" (ringing, dialing, connected) by the pages that did not go away. */
  leftOnCall() {
    const out = [];
    for (const [page, calls] of this.views) {
      if (this.goneAt.has(page)) continue;
      for (const [conversationId, view] of calls)
        if (['ringing', 'dialing', 'connected'].includes(view.state))
          out.push(`${conversationId} on page ${page} (${view.state})`);
    }
    return out;
  }

  pop({ conversationId, tab }) {
    this.pops.set(conversationId, [...(this.pops.get(conversationId) ?? []), tab]);
  }

  /** Keys whose create was sent again more often than a receipt can have been missed. */
  unexplainedReplays() {
    const out = [];
    for (const record of this.records.values()) {
      if (record.replayedCreates === 0) continue;
      const creates = this.creates.filter((c) => c.key === record.key);
      // Every create but the last one must have been ambiguous for the next one to be legitimate.
      const ambiguous = creates.slice(0, -1).filter((c) => this.#ambiguous(c)).length;
      if (record.replayedCreates > ambiguous) {
        out.push({
          key: record.key,
          replayed: record.replayedCreates,
          creates: creates.map((c) => ({
            page: c.page,
            lost: c.lost === true,
            replyAt: c.replyAt,
            goneAt: this.goneAt.get(c.page),
          })),
        });
      }
    }
    return out;
  }
}
