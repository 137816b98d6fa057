import { expect } from '@esm-bundle/chai';
import { FakeZendeskSupport } from '../../fakes/fake-zaf-support.js';
import { ADD_COMMENT_EXAMPLE, COMMENT_KEYS } from '../../fixtures/vendor/zendesk/tickets.js';
import {
  CALLER_PHONE_FORMATS_EXAMPLE,
  CALLER_SEARCH_QUERY_EXAMPLE,
  SEARCH_RESPONSE_EXAMPLE,
} from '../../fixtures/vendor/zendesk/search.js';

/** The fake's search, held to Zendesk's own examples (the fake must accept what Zendesk accepts). */
describe('FakeZendeskSupport search (against Zendesk’s documented examples)', () => {
  const search = (account: FakeZendeskSupport, query: string) => {
    const [status, body] = account.handle(
      'GET',
      new URL(`https://acme.zendesk.com/api/v2/search.json?query=${encodeURIComponent(query)}`),
      undefined,
    );
    expect(status).to.equal(200);
    return body as { results: { id: number; result_type: string }[]; count: number };
  };

  it('finds a caller stored in each format the guide lists, with the guide’s own query', () => {
    for (const phone of CALLER_PHONE_FORMATS_EXAMPLE) {
      const account = new FakeZendeskSupport();
      const user = account.addUser('Caller', phone);
      account.addUser('Someone else', '+1 513 555 7612');
      expect(
        search(account, CALLER_SEARCH_QUERY_EXAMPLE).results.map((r) => r.id),
        phone,
      ).to.deep.equal([user.id]);
    }
  });

  it('finds nobody with a + or quotes, which the guide says not to send', () => {
    const account = new FakeZendeskSupport();
    account.addUser('Caller', '+15135557611');
    expect(search(account, 'type:user phone:"+15135557611"').results).to.deep.equal([]);
    expect(search(account, 'role:end-user phone:15135557611').results).to.have.length(1); // digits only, as stored
  });

  it('answers with the keys of Zendesk’s example search response', () => {
    const account = new FakeZendeskSupport();
    account.addUser('Caller', '513-555-7611');
    const body = search(account, CALLER_SEARCH_QUERY_EXAMPLE);
    expect(Object.keys(body).sort()).to.deep.equal(Object.keys(SEARCH_RESPONSE_EXAMPLE).sort());
    expect(body.results[0]?.result_type).to.equal('user');
  });
});

describe('FakeZendeskSupport ticket search (ZD-3)', () => {
  const ids = (account: FakeZendeskSupport, query: string) =>
    (
      account.handle(
        'GET',
        new URL(`https://acme.zendesk.com/api/v2/search.json?query=${encodeURIComponent(query)}`),
        undefined,
      )[1] as { results: { id: number }[] }
    ).results.map((r) => r.id);

  it('reads requester: as the search reference documents it (user id, name or phone) and finds nothing for requester_id:', () => {
    const account = new FakeZendeskSupport();
    const ada = account.addUser('Ada', '(513) 555-7611');
    const older = account.addTicket(ada.id, 'open');
    const newer = account.addTicket(ada.id, 'pending');
    account.addTicket(ada.id, 'solved');
    expect(ids(account, `type:ticket requester:${ada.id} status<solved order_by:updated_at sort:desc`)).to.deep.equal([
      newer.id,
      older.id,
    ]);
    expect(ids(account, 'type:ticket requester:*5135557611 status<solved')).to.have.length(2);
    expect(ids(account, `type:ticket requester_id:${ada.id} status<solved`)).to.deep.equal([]);
  });
});

describe('FakeZendeskSupport tickets and comments (Zendesk’s documented examples)', () => {
  it('adds a comment from the Ticket Comments guide’s own update body, and lists it with the documented keys', () => {
    const account = new FakeZendeskSupport();
    const ada = account.addUser('Ada', '513-555-7611');
    const ticket = account.addTicket(ada.id, 'open');
    const [status] = account.handle(
      'PUT',
      new URL(`https://acme.zendesk.com/api/v2/tickets/${ticket.id}.json`),
      JSON.parse(JSON.stringify(ADD_COMMENT_EXAMPLE)),
    );
    expect(status).to.equal(200);
    const [, listed] = account.handle(
      'GET',
      new URL(`https://acme.zendesk.com/api/v2/tickets/${ticket.id}/comments.json?sort_order=desc`),
      undefined,
    );
    const newest = (listed as { comments: Record<string, unknown>[] }).comments[0] ?? {};
    expect(Object.keys(newest).sort()).to.deep.equal([...COMMENT_KEYS]);
    expect(newest).to.include({
      body: 'The smoke is very colorful.',
      plain_body: 'The smoke is very colorful.',
      type: 'Comment',
    });
    expect(newest['html_body']).to.equal(
      '<div class="zd-comment" dir="auto"><p dir="auto">The smoke is very colorful.</p></div>',
    );
  });

  it('refuses a ticket without a comment with Zendesk’s 422 envelope (error, description, details by field)', () => {
    const [status, body] = new FakeZendeskSupport().handle(
      'POST',
      new URL('https://acme.zendesk.com/api/v2/tickets.json'),
      { ticket: { subject: 'No description' } },
    );
    expect(status).to.equal(422);
    expect(body).to.deep.include({ error: 'RecordInvalid', description: 'Record validation errors' });
    expect(
      (body as { details: Record<string, { description: string }[]> }).details['description']?.[0]?.description,
    ).to.be.a('string');
  });
});
