/**
 * A fake HTTP endpoint for the webhook adapter, served through an injected `fetch`. Browser tests
 * cannot open a server, so this plays the receiver of `examples/webhook-receiver/server.mjs` with
 * the same rules, on real `Request` and `Response` objects (so header names, bodies and statuses
 * behave as in a browser): POST only, `application/json`, a valid `sha256=` HMAC over
 * `"<timestamp>.<body>"` within a 300 s window, `Idempotency-Key` equal to the body's key, and an
 * upsert by that key ordered by `call.revision`. The real HTTP round trip is covered by
 * `test/node/webhook-receiver.test.mjs`.
 */

/** A stored call log. */
export interface FakeWebhookRecord {
  readonly recordId: string;
  revision: number;
  payload: { key: string; call: Record<string, unknown> };
  updates: number;
}

/** How the next request goes wrong. */
export type FakeWebhookFault =
  | { readonly kind: 'status'; readonly status: number } // answered with this status, nothing stored
  | { readonly kind: 'lost-reply' } // stored, then the connection drops before the reply
  | { readonly kind: 'network' } // nothing reaches the server
  | { readonly kind: 'hang' } // no answer until the request is aborted
  | { readonly kind: 'redirect' }; // a 3xx, seen as an opaque redirect under `redirect: 'manual'`

const encoder = new TextEncoder();

export class FakeWebhookEndpoint {
  readonly records = new Map<string, FakeWebhookRecord>();
  /** Every request that reached the endpoint, with its status (0 when no reply was delivered). */
  readonly requests: { headers: Headers; body: string; status: number }[] = [];
  #faults: FakeWebhookFault[] = [];
  #nextId = 1;

  constructor(
    readonly url: string,
    private readonly secret: string,
    private readonly nowMs: () => number = () => Date.now(),
    readonly toleranceSeconds = 300,
  ) {}

  /** Makes the next `count` requests fail the given way. */
  inject(fault: FakeWebhookFault, count = 1): void {
    for (let i = 0; i < count; i += 1) this.#faults.push(fault);
  }

  /** The `fetch` to inject into the adapter. */
  readonly fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const request = new Request(input, init);
    if (request.signal.aborted) throw new DOMException('The operation was aborted.', 'AbortError');
    const fault = this.#faults.shift();
    if (fault?.kind === 'network') throw new TypeError('Failed to fetch');
    if (fault?.kind === 'hang') {
      return new Promise<Response>((_resolve, reject) =>
        request.signal.addEventListener(
          'abort',
          () => reject(new DOMException('The operation was aborted.', 'AbortError')),
          { once: true },
        ),
      );
    }
    if (request.url !== this.url) return json(404, { error: 'not found' });
    const body = await request.text();
    const entry = { headers: request.headers, body, status: 0 };
    this.requests.push(entry);
    if (fault?.kind === 'redirect') {
      if (init?.redirect !== 'manual')
        throw new Error('fake webhook: the adapter follows redirects; it must send redirect: "manual"');
      return Object.defineProperties(new Response(null, { status: 200 }), {
        type: { value: 'opaqueredirect' },
        status: { value: 0 },
      });
    }
    if (fault?.kind === 'status') {
      entry.status = fault.status;
      return json(fault.status, { error: 'injected' });
    }
    const response = await this.#handle(request, body);
    if (fault?.kind === 'lost-reply') throw new TypeError('Failed to fetch');
    entry.status = response.status;
    return response;
  };

  async #handle(request: Request, body: string): Promise<Response> {
    if (request.method !== 'POST') return json(405, { error: 'method not allowed' });
    if (!/^application\/json\b/i.test(request.headers.get('Content-Type') ?? ''))
      return json(415, { error: 'expected application/json' });
    const timestamp = request.headers.get('X-SoftphoneBridge-Timestamp') ?? '';
    const signature = request.headers.get('X-SoftphoneBridge-Signature') ?? '';
    if (
      !/^\d{1,12}$/.test(timestamp) ||
      Math.abs(Math.floor(this.nowMs() / 1000) - Number(timestamp)) > this.toleranceSeconds
    )
      return json(401, { error: 'stale or missing timestamp' });
    if (signature !== (await this.#expected(timestamp, body))) return json(401, { error: 'signature mismatch' });
    let payload: { key?: unknown; type?: unknown; call?: { revision?: unknown } };
    try {
      payload = JSON.parse(body) as typeof payload;
    } catch {
      return json(400, { error: 'body is not JSON' });
    }
    const key = request.headers.get('Idempotency-Key');
    if (key === null || key === '' || payload.key !== key)
      return json(400, { error: 'Idempotency-Key must equal the body key' });
    const revision = payload.call?.revision;
    if (payload.type !== 'call.log' || typeof revision !== 'number')
      return json(422, { error: 'not a call.log payload' });
    const existing = this.records.get(key);
    if (existing === undefined) {
      const record = {
        recordId: `wh-${this.#nextId++}`,
        revision,
        payload: payload as FakeWebhookRecord['payload'],
        updates: 0,
      };
      this.records.set(key, record);
      return json(201, { recordId: record.recordId });
    }
    if (revision <= existing.revision) return json(200, { recordId: existing.recordId, duplicate: true });
    Object.assign(existing, { revision, payload, updates: existing.updates + 1 });
    return json(200, { recordId: existing.recordId, updated: true });
  }

  async #expected(timestamp: string, body: string): Promise<string> {
    const key = await crypto.subtle.importKey(
      'raw',
      encoder.encode(this.secret),
      { name: 'HMAC', hash: 'SHA-256' },
      false,
      ['sign'],
    );
    const mac = new Uint8Array(await crypto.subtle.sign('HMAC', key, encoder.encode(`${timestamp}.${body}`)));
    return `sha256=${[...mac].map((b) => b.toString(16).padStart(2, '0')).join('')}`;
  }
}

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
}
