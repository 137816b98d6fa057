/**
 * The data side of a fake Zendesk Support account for `FakeZendesk` (fake-zaf.ts): end users,
 * tickets and their comments, behind the REST routes the adapter uses, with Zendesk's answer
 * shapes and validation rules. Each rule cites its source beside it; what no source settles is
 * marked unverified.
 */

export interface FakeZendeskUser {
  readonly id: number;
  readonly name: string;
  /**
   * As the agent typed it. With "Validate user phone numbers" on, Zendesk only accepts E.164
   * (with an optional `x<extension>`); with it off (the default) no formatting is applied, so
   * `(513) 555-7611` and `+1 513.555.7611` are stored as typed. Source: "What are the accepted
   * phone number formats for Talk?",
   * https://support.zendesk.com/hc/en-us/articles/4408823756570-What-are-the-accepted-phone-number-formats-for-Talk-
   */
  readonly phone: string;
  readonly role: 'end-user' | 'agent' | 'admin';
}

/**
 * A comment as the Ticket Comments API lists it
 * (https://developer.zendesk.com/api-reference/ticketing/tickets/ticket_comments/): `body` "the
 * comment string", `html_body` "the comment formatted as HTML", `plain_body` (read-only) "the
 * comment as plain text". Zendesk renders `body` (Markdown is supported in it) and derives the
 * other two from the rendering; see {@link renderComment}.
 */
export interface FakeZendeskComment {
  readonly id: number;
  readonly type: 'Comment';
  readonly body: string;
  readonly html_body: string;
  readonly plain_body: string;
  readonly public: boolean;
  readonly author_id: number;
}

export interface FakeZendeskTicket {
  readonly id: number;
  subject: string;
  status: 'new' | 'open' | 'pending' | 'hold' | 'solved' | 'closed';
  requester_id: number;
  external_id: string | null;
  tags: string[];
  updated_at: number;
  readonly comments: FakeZendeskComment[];
}

/** A failed request, as ZAF rejects it: the jqXHR-like response. */
export interface FakeZendeskFailure {
  readonly status: number;
  readonly statusText: string;
  readonly responseText: string;
}

/** Search keywords the fake reads, all documented in the Zendesk Support search reference. */
const SEARCH_KEYWORDS = new Set(['type', 'role', 'phone', 'requester', 'status', 'order_by', 'sort']);

/** Ticket statuses in the order `status<` and `status>` compare them (search reference). */
const STATUS_ORDER: readonly FakeZendeskTicket['status'][] = ['new', 'open', 'pending', 'hold', 'solved', 'closed'];

/**
 * How a `phone:` term matches a stored number, from "Retrieving the Zendesk user id of a caller"
 * (https://developer.zendesk.com/documentation/voice/talk-partner-edition/retrieving-the-zendesk-user-id-of-a-caller/):
 * the number is given as digits only, without `+` or punctuation; a leading `*` matches the
 * number in any stored format (`*5135557611` finds `+1 513.555.7611`, `(513) 555-7611`,
 * `513 555 7611`, `513-555-7611`, `513.555.7611`), i.e. a stored number whose digits end with
 * those digits. Without `*` the stored digits must be exactly those. A term with `+`, quotes or
 * punctuation is outside the documented form and matches nothing here (unverified what Zendesk
 * does with it). An extension (`x123`, accepted-formats article) is not part of the number.
 */
function phoneMatches(stored: string, term: string): boolean {
  const wildcard = term.startsWith('*');
  const wanted = wildcard ? term.slice(1) : term;
  if (!/^\d+$/.test(wanted)) return false;
  const digits = stored.replace(/x\d+$/i, '').replace(/\D+/g, '');
  return wildcard ? digits.endsWith(wanted) : digits === wanted;
}

/** A user as the Users API shows one (the fields the fake keeps). */
function userJson(user: FakeZendeskUser): Record<string, unknown> {
  return {
    id: user.id,
    name: user.name,
    phone: user.phone,
    role: user.role,
    url: `https://acme.zendesk.com/api/v2/users/${user.id}.json`,
  };
}

/** Answer of a route: status and JSON body. */
type Reply = [status: number, body: unknown];

export class FakeZendeskSupport {
  readonly users: FakeZendeskUser[] = [];
  readonly tickets: FakeZendeskTicket[] = [];
  /** The agent the app runs as (the default requester). */
  readonly agentId = 900;
  #nextId = 1000;
  #clock = 0;

  addUser(
    name: string,
    phone: string,
    id = this.#nextId++,
    role: FakeZendeskUser['role'] = 'end-user',
  ): FakeZendeskUser {
    const user: FakeZendeskUser = { id, name, phone, role };
    this.users.push(user);
    return user;
  }

  addTicket(requesterId: number, status: FakeZendeskTicket['status'], subject = 'Earlier issue'): FakeZendeskTicket {
    const ticket: FakeZendeskTicket = {
      id: this.#nextId++,
      subject,
      status,
      requester_id: requesterId,
      external_id: null,
      tags: [],
      updated_at: ++this.#clock,
      comments: [],
    };
    this.tickets.push(ticket);
    return ticket;
  }

  /**
   * Routes one API request. Errors use Zendesk's envelope, `{error, description}` plus, for a 422,
   * `details` mapping each field to `[{description, error}]`
   * (https://developer.zendesk.com/api-reference/introduction/requests/; the official Ruby client
   * reads `details` the same way, zendesk/zendesk_api_client_rb, lib/zendesk_api/error.rb).
   */
  handle(method: string, url: URL, body: unknown): Reply {
    const path = url.pathname;
    if (method === 'GET' && path === '/api/v2/search.json') return this.#search(url.searchParams.get('query') ?? '');
    if (method === 'GET' && path === '/api/v2/tickets.json') {
      // List Tickets takes `external_id` to find the tickets linked to a local record
      // (https://developer.zendesk.com/api-reference/ticketing/tickets/tickets/#list-tickets).
      const externalId = url.searchParams.get('external_id');
      const tickets = this.tickets.filter((t) => externalId === null || t.external_id === externalId);
      return [200, { tickets, next_page: null, previous_page: null, count: tickets.length }];
    }
    if (method === 'POST' && path === '/api/v2/tickets.json') return this.#create(body);
    const ticketPath = /^\/api\/v2\/tickets\/(\d+)(\.json|\/comments\.json)$/.exec(path);
    const ticket = ticketPath === null ? undefined : this.tickets.find((t) => t.id === Number(ticketPath[1]));
    if (ticketPath !== null && ticket === undefined)
      return [404, { error: 'RecordNotFound', description: 'Not found' }];
    if (ticket !== undefined && method === 'GET' && ticketPath?.[2] === '/comments.json') {
      // List Comments: oldest first unless `sort_order=desc`; the ticket's comments only
      // (https://developer.zendesk.com/api-reference/ticketing/tickets/ticket_comments/#list-comments).
      const comments = url.searchParams.get('sort_order') === 'desc' ? [...ticket.comments].reverse() : ticket.comments;
      return [200, { comments, next_page: null, previous_page: null, count: comments.length }];
    }
    if (ticket !== undefined && method === 'PUT' && ticketPath?.[2] === '.json') return this.#update(ticket, body);
    return [404, { error: 'InvalidEndpoint', description: 'Not found' }];
  }

  /**
   * `GET /api/v2/search.json?query=` over users and tickets, for the keywords Zendesk documents
   * (Zendesk Support search reference, https://support.zendesk.com/hc/en-us/articles/4408886879258-Zendesk-Support-search-reference
   * (formerly 203663226),
   * and "Searching with the Zendesk API",
   * https://developer.zendesk.com/documentation/ticketing/using-the-zendesk-api/searching-with-the-zendesk-api/):
   * `type:user|ticket`, `role:` (implies users), `phone:`, `requester:`, `status:`/`status<`/`status>`,
   * `order_by:` + `sort:`. A keyword Zendesk does not document (such as `requester_id:`) matches
   * nothing: the search answers 200 with no results, so code relying on it quietly finds nobody,
   * as it would in production (unverified how Zendesk reads an unknown keyword; "no match" is the
   * conservative reading). The answer has the keys of the documented example response
   * (`test/fixtures/vendor/zendesk/search.ts`).
   */
  #search(query: string): Reply {
    const terms = query
      .trim()
      .split(/\s+/)
      .filter((t) => t !== '');
    const parsed = terms.map((t) => /^([a-z_]+)(:|<|>)(.*)$/.exec(t));
    const value = (key: string) => parsed.find((m) => m?.[1] === key)?.[3];
    const type = value('type') ?? (value('role') !== undefined || value('phone') !== undefined ? 'user' : 'ticket');
    let results: Record<string, unknown>[];
    if (parsed.some((m) => m === null || !SEARCH_KEYWORDS.has(m[1] ?? '')))
      results = []; // free text or an undocumented keyword: nothing in this account matches
    else if (type === 'user') {
      const role = value('role');
      const phone = value('phone');
      results = this.users
        .filter((u) => (role === undefined || u.role === role) && (phone === undefined || phoneMatches(u.phone, phone)))
        .map((u) => ({ ...userJson(u), result_type: 'user' }));
    } else {
      const requester = value('requester');
      const status = parsed.find((m) => m?.[1] === 'status');
      const order = STATUS_ORDER;
      const found = this.tickets
        .filter((t) => requester === undefined || this.#isRequester(t, requester))
        .filter((t) => {
          if (status == null) return true;
          const [, , op, wanted = ''] = status;
          const diff = order.indexOf(t.status) - order.indexOf(wanted as FakeZendeskTicket['status']);
          return op === ':' ? diff === 0 : op === '<' ? diff < 0 : diff > 0;
        });
      if (value('order_by') === 'updated_at')
        found.sort((a, b) => (value('sort') === 'asc' ? a.updated_at - b.updated_at : b.updated_at - a.updated_at));
      results = found.map((t) => ({
        id: t.id,
        subject: t.subject,
        status: t.status,
        requester_id: t.requester_id,
        external_id: t.external_id,
        result_type: 'ticket',
      }));
    }
    // The keys of Zendesk's example response: count, facets, next_page, previous_page, results.
    return [200, { count: results.length, facets: null, next_page: null, previous_page: null, results }];
  }

  /**
   * `requester:` takes the requester's name, email, user id or phone number (search reference);
   * the fake's users have names, ids and phones.
   */
  #isRequester(ticket: FakeZendeskTicket, requester: string): boolean {
    const user = this.users.find((u) => u.id === ticket.requester_id);
    if (/^\d+$/.test(requester) && ticket.requester_id === Number(requester)) return true;
    return user !== undefined && (user.name === requester || phoneMatches(user.phone, requester));
  }

  /**
   * Create Ticket: `{ticket: {...}}` in, 201 with the created `{ticket}` out; the first comment
   * becomes the description, `requester_id` defaults to the agent making the request
   * (https://developer.zendesk.com/api-reference/ticketing/tickets/tickets/#create-ticket).
   */
  #create(body: unknown): Reply {
    const t = (body as { ticket?: Record<string, unknown> } | null)?.ticket;
    if (t === undefined) return [400, { error: 'InvalidParameter', description: 'ticket is required' }];
    const invalid = this.#invalid(t, true);
    if (invalid !== undefined)
      return [422, { error: 'RecordInvalid', description: 'Record validation errors', details: invalid }];
    const comment = t['comment'] as { body: string; public?: boolean };
    const ticket: FakeZendeskTicket = {
      id: this.#nextId++,
      subject: typeof t['subject'] === 'string' ? t['subject'] : '',
      status: 'open',
      requester_id: typeof t['requester_id'] === 'number' ? t['requester_id'] : this.agentId,
      external_id: typeof t['external_id'] === 'string' ? t['external_id'] : null,
      tags: (t['tags'] as string[] | undefined) ?? [],
      updated_at: ++this.#clock,
      comments: [this.#comment(comment)],
    };
    this.tickets.push(ticket);
    return [201, { ticket }];
  }

  /**
   * Update Ticket: a `comment` in the body adds a comment (comments are created through the
   * Tickets API only: https://developer.zendesk.com/api-reference/ticketing/tickets/ticket_comments/);
   * 200 with `{ticket}` (https://developer.zendesk.com/api-reference/ticketing/tickets/tickets/#update-ticket).
   */
  #update(ticket: FakeZendeskTicket, body: unknown): Reply {
    const t = (body as { ticket?: Record<string, unknown> } | null)?.ticket;
    if (t === undefined) return [400, { error: 'InvalidParameter', description: 'ticket is required' }];
    const invalid = this.#invalid(t, false);
    if (invalid !== undefined)
      return [422, { error: 'RecordInvalid', description: 'Record validation errors', details: invalid }];
    if (t['comment'] !== undefined)
      ticket.comments.push(this.#comment(t['comment'] as { body: string; public?: boolean }));
    ticket.updated_at = ++this.#clock;
    return [200, { ticket }];
  }

  /** Validation failures as 422 `details` (field → `[{description, error}]`). */
  #invalid(
    t: Record<string, unknown>,
    creating: boolean,
  ): Record<string, { description: string; error: string }[]> | undefined {
    const fail = (field: string, description: string) => ({
      [field]: [{ description, error: field === 'base' ? 'InvalidValue' : 'BlankValue' }],
    });
    const comment = t['comment'] as { body?: unknown } | undefined;
    // A ticket needs a description (its first comment), and a comment needs a body: "Description:
    // cannot be blank" is Zendesk's 422 for a ticket without one (unverified wording).
    if ((creating || comment !== undefined) && (typeof comment?.body !== 'string' || comment.body.trim() === ''))
      return fail('description', 'Description: cannot be blank');
    // The requester must be a user of the account (requester_id, Tickets API JSON format); the error text is unverified.
    if (t['requester_id'] !== undefined && !this.users.some((u) => u.id === t['requester_id']))
      return fail('requester', 'Requester: is invalid');
    // Tags are words: Zendesk splits a tag at spaces rather than keep one with a space (unverified
    // via the API); the fake refuses one so that a test notices.
    if (
      t['tags'] !== undefined &&
      (!Array.isArray(t['tags']) || t['tags'].some((tag) => typeof tag !== 'string' || /\s/.test(tag)))
    )
      return fail('tags', 'Tags: must be words without spaces');
    // external_id is a string (Tickets API JSON format); 255 characters is the fake's bound (unverified).
    if (t['external_id'] !== undefined && (typeof t['external_id'] !== 'string' || t['external_id'].length > 255))
      return fail('external_id', 'External id: is too long');
    return undefined;
  }

  #comment(comment: { body: string; public?: boolean }): FakeZendeskComment {
    const { html, plain } = renderComment(comment.body);
    return {
      id: this.#nextId++,
      type: 'Comment',
      body: comment.body,
      html_body: html,
      plain_body: plain,
      public: comment.public !== false,
      author_id: this.agentId,
    };
  }
}

const escapeHtml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/**
 * How the fake derives `html_body` and `plain_body` from a comment's `body`. Zendesk documents
 * only that `body` accepts Markdown and that `plain_body` is "the comment as plain text" (Ticket
 * Comments API); the shape below follows comments read back from real accounts: `html_body`
 * wrapped in `<div class="zd-comment" dir="auto">`, paragraphs (blank-line separated) as
 * `<p dir="auto">`, line breaks as `<br>`, Markdown rendered; `plain_body` the text of that
 * rendering, so emphasis markers and images are gone and spacing is not kept. Exactly which
 * spacing Zendesk keeps is **unverified**; what matters for callers is that `plain_body` is not
 * guaranteed to equal `body`.
 */
export function renderComment(body: string): { html: string; plain: string } {
  const paragraphs = body
    .replace(/\r\n?/g, '\n')
    .trim()
    .split(/\n{2,}/);
  const inline = (text: string) =>
    text
      .replace(/!\[[^\]]*\]\([^)]*\)/g, '') // an image: an <img> in the HTML, nothing in the text
      .replace(/\*\*(.+?)\*\*/g, '<strong>$1</strong>')
      .replace(/(^|[^*])\*([^*\n]+)\*/g, '$1<em>$2</em>');
  const html = `<div class="zd-comment" dir="auto">${paragraphs.map((p) => `<p dir="auto">${inline(escapeHtml(p)).replace(/\n/g, '<br>')}</p>`).join('')}</div>`;
  const plain = paragraphs
    .map((p) =>
      inline(p)
        .replace(/<\/?(?:strong|em)>/g, '')
        .split('\n')
        .map((line) => line.replace(/[ \t]+/g, ' ').trim())
        .join('\n'),
    )
    .join('\n\n');
  return { html, plain };
}
