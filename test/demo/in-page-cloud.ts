import type { RelayStreamEvent } from '../../connectors/shared/relay-stream.js';
import { cdrReplyJson } from '../../connectors/voicenter/index.js';
import type { CloudAnswer, CloudPath, VendorCloud } from '../../demo/vendor/index.js';

/** The demo's agent (demo/demo-relay.mjs DEMO_AGENT_ID). */
export const DEMO_AGENT = 'demo-agent';

/**
 * The relay as the browser tests of demo/vendor see it, in the page (wtr has no demo server; the
 * real path, over HTTP through dist/relay, is test/node/demo-e2e.test.mjs). It keeps the relay's
 * documented rules that the panels depend on (relay/README.md): the same ingress replies, routing
 * by `extenUser`, `targetextension` / `callerextension` and `extra_params.agent` (an event for
 * another agent is stored, never pushed), one stored event per dedupe key (a redelivery is
 * acknowledged again and not pushed again), ids increasing per agent. A post is answered after
 * its event reached the stream's listeners, as an instant relay would; `posted` keeps every body.
 */
export class InPageCloud implements VendorCloud {
  readonly agentId = DEMO_AGENT;
  readonly posted: { readonly path: CloudPath; readonly body: unknown }[] = [];
  /** Events stored for an agent that is not this page's (the relay's `unrouted` count, and misrouted ones). */
  readonly notPushed: RelayStreamEvent[] = [];
  readonly #listeners = new Set<{
    readonly types: readonly string[];
    readonly listener: (event: RelayStreamEvent) => void;
  }>();
  readonly #stored = new Map<string, string>();
  #next = 1;

  async post(path: CloudPath, body: unknown): Promise<CloudAnswer> {
    // Later, as over HTTP: the panel's click returns before the relay answers.
    await new Promise((resolve) => setTimeout(resolve, 0));
    this.posted.push({ path, body: structuredClone(body) });
    const [vendor, kind] =
      path === 'voicenter/popup'
        ? ['voicenter', 'popup']
        : path === 'voicenter/cdr'
          ? ['voicenter', 'cdr']
          : ['sociomile', 'call'];
    const key = `${path}:${dedupeKey(path, body)}`;
    const known = this.#stored.get(key);
    const id = known ?? String(this.#next++).padStart(16, '0');
    if (known === undefined) {
      this.#stored.set(key, id);
      // Through JSON, as the stream's `data:` is: the connector gets a copy, never the panel's object.
      const event: RelayStreamEvent = {
        id,
        vendor,
        kind,
        agentId: agentOf(path, body) ?? '',
        receivedAt: Date.now(),
        body: JSON.parse(JSON.stringify(body)) as unknown,
      };
      if (event.agentId !== this.agentId) this.notPushed.push(event);
      else
        for (const { types, listener } of [...this.#listeners])
          if (types.includes(`${vendor}.${kind}`)) listener(event);
    }
    const reply =
      path === 'voicenter/popup'
        ? { STATUS: 'OK' }
        : path === 'voicenter/cdr'
          ? cdrReplyJson(0)
          : { ok: true, id, duplicate: known !== undefined };
    return { status: 200, reply: JSON.stringify(reply) };
  }

  subscribe(types: readonly string[], listener: (event: RelayStreamEvent) => void): () => void {
    const entry = { types, listener };
    this.#listeners.add(entry);
    return () => void this.#listeners.delete(entry);
  }
}

function field(value: unknown, name: string): string | undefined {
  const v = typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[name] : undefined;
  return typeof v === 'string' && v !== '' ? v : typeof v === 'number' ? String(v) : undefined;
}

/** relay/ingress: `ivrid` + phase for a pop-up, `ivruniqueid` for a CDR, `internal_id` else `uniqueid` for Sociomile. */
function dedupeKey(path: CloudPath, body: unknown): string {
  if (path === 'voicenter/popup')
    return `${field(body, 'ivrid')}:${field(body, 'status')}:${field(body, 'cause') ?? ''}`;
  if (path === 'voicenter/cdr') return field(body, 'ivruniqueid') ?? '';
  const data = (body as { data?: unknown }).data;
  return field(data, 'internal_id') ?? field(data, 'uniqueid') ?? '';
}

/** relay/ingress: who an event is routed to. */
function agentOf(path: CloudPath, body: unknown): string | undefined {
  if (path === 'voicenter/popup') return field(body, 'extenUser');
  if (path === 'voicenter/cdr') return field(body, 'targetextension') ?? field(body, 'callerextension');
  return field((body as { data?: { extra_params?: unknown } }).data?.extra_params, 'agent');
}
