/**
 * The data side of a fake Zendesk Support account for {@link FakeZafClient}: end users, tickets
 * and their comments, behind the REST routes the adapter uses, with Zendesk's validation rules
 * (a ticket needs a comment body, a requester must exist, tags have no spaces).
 */

export interface FakeZendeskUser {
  readonly id: number;
  readonly name: string;
  /** Stored in E.164, as Zendesk normalises phone numbers it can parse. */
  readonly phone: string;
}

export interface FakeZendeskComment {
  readonly id: number;
  readonly body: string;
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

/** Answer of a route: status and JSON body. */
type Reply = [status: number, body: unknown];

export class FakeZendeskSupport {
  readonly users: FakeZendeskUser[] = [];
  readonly tickets: FakeZendeskTicket[] = [];
  /** The agent the app runs as (the default requester). */
  readonly agentId = 900;
  #nextId = 1000;
  #clock = 0;

  addUser(name: string, phone: string, id = this.#nextId++): FakeZendeskUser {
    const user = { id, name, phone };
    this.users.push(user);
    return user;
  }

  addTicket(requesterId: number, status: FakeZendeskTicket['status'], subject = 'Earlier issue'): FakeZendeskTicket {
    const ticket: FakeZendeskTicket = { id: this.#nextId++, subject, status, requester_id: requesterId, external_id: null, tags: [], updated_at: ++this.#clock, comments: [] };
    this.tickets.push(ticket);
    return ticket;
  }

  /** Routes one API request. */
  handle(method: string, url: URL, body: unknown): Reply {
    const path = url.pathname;
    if (method === 'GET' && path === '/api/v2/search.json') return this.#search(url.searchParams.get('query') ?? '');
    if (method === 'GET' && path === '/api/v2/tickets.json') {
      const externalId = url.searchParams.get('external_id');
      return [200, { tickets: this.tickets.filter((t) => externalId === null || t.external_id === externalId) }];
    }
    if (method === 'POST' && path === '/api/v2/tickets.json') return this.#create(body);
    const ticketPath = /^\/api\/v2\/tickets\/(\d+)(\.json|\/comments\.json)$/.exec(path);
    const ticket = ticketPath === null ? undefined : this.tickets.find((t) => t.id === Number(ticketPath[1]));
    if (ticketPath !== null && ticket === undefined) return [404, { error: 'RecordNotFound', description: 'Not found' }];
    if (ticket !== undefined && method === 'GET' && ticketPath?.[2] === '/comments.json') {
      const comments = url.searchParams.get('sort_order') === 'desc' ? [...ticket.comments].reverse() : ticket.comments;
      return [200, { comments }];
    }
    if (ticket !== undefined && method === 'PUT' && ticketPath?.[2] === '.json') return this.#update(ticket, body);
    return [404, { error: 'InvalidEndpoint', description: 'Not found' }];
  }

  #search(query: string): Reply {
    const user = /^type:user phone:"(\+\d{7,15})"$/.exec(query);
    if (user !== null) return [200, { results: this.users.filter((u) => u.phone === user[1]).map((u) => ({ ...u, result_type: 'user' })), count: 0 }];
    const tickets = /^type:ticket requester_id:(\d+) status<solved order_by:updated_at sort:desc$/.exec(query);
    if (tickets !== null) {
      const found = this.tickets.filter((t) => t.requester_id === Number(tickets[1]) && ['new', 'open', 'pending', 'hold'].includes(t.status)).sort((a, b) => b.updated_at - a.updated_at);
      return [200, { results: found.map((t) => ({ id: t.id, subject: t.subject, result_type: 'ticket' })), count: found.length }];
    }
    return [400, { error: 'unsupported search in the fake', description: 'The fake reads only the queries the adapter sends.' }];
  }

  #create(body: unknown): Reply {
    const t = (body as { ticket?: Record<string, unknown> } | null)?.ticket;
    if (t === undefined) return [400, { error: 'ticket is required' }];
    const invalid = this.#invalid(t, true);
    if (invalid !== undefined) return [422, { error: 'RecordInvalid', description: 'Record validation errors', details: invalid }];
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

  #update(ticket: FakeZendeskTicket, body: unknown): Reply {
    const t = (body as { ticket?: Record<string, unknown> } | null)?.ticket;
    if (t === undefined) return [400, { error: 'ticket is required' }];
    const invalid = this.#invalid(t, false);
    if (invalid !== undefined) return [422, { error: 'RecordInvalid', details: invalid }];
    if (t['comment'] !== undefined) ticket.comments.push(this.#comment(t['comment'] as { body: string; public?: boolean }));
    ticket.updated_at = ++this.#clock;
    return [200, { ticket }];
  }

  #invalid(t: Record<string, unknown>, creating: boolean): Record<string, string> | undefined {
    const comment = t['comment'] as { body?: unknown } | undefined;
    if ((creating || comment !== undefined) && (typeof comment?.body !== 'string' || comment.body.trim() === '')) return { description: 'Description: cannot be blank' };
    if (t['requester_id'] !== undefined && !this.users.some((u) => u.id === t['requester_id'])) return { requester: 'Requester: is invalid' };
    if (t['tags'] !== undefined && (!Array.isArray(t['tags']) || t['tags'].some((tag) => typeof tag !== 'string' || /\s/.test(tag)))) return { tags: 'Tags: must be words without spaces' };
    if (t['external_id'] !== undefined && (typeof t['external_id'] !== 'string' || t['external_id'].length > 255)) return { external_id: 'External id: is too long' };
    return undefined;
  }

  #comment(comment: { body: string; public?: boolean }): FakeZendeskComment {
    return { id: this.#nextId++, body: comment.body, plain_body: comment.body, public: comment.public !== false, author_id: this.agentId };
  }
}
