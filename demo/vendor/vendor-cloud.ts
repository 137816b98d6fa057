import { subscribeRelay, type RelayStreamEvent } from '../../connectors/shared/relay-stream.js';

/** The relay's ingress paths a vendor cloud posts to (relay/README.md "Configure the vendors"). */
export type CloudPath = 'voicenter/popup' | 'voicenter/cdr' | 'sociomile/webhook';

/** What the relay answered the vendor cloud: the HTTP status and the reply's text. */
export interface CloudAnswer {
  readonly status: number;
  readonly reply: string;
}

/**
 * The vendor's cloud and the relay it reports to, as a Voicenter or Sociomile panel needs them:
 * post what the cloud would post (seed payloads, as JSON), and hear the agent's stream. In the demo
 * it is HTTP ({@link httpCloud}); the browser tests give the panels an in-page one.
 */
export interface VendorCloud {
  /** The agent the relay routes this page's events to (Voicenter `extenUser`, Sociomile `extra_params.agent`). */
  readonly agentId: string;
  /** Posts `body` as JSON to the relay's ingress at `path`, as the vendor cloud would; never rejects for an HTTP status. */
  post(path: CloudPath, body: unknown): Promise<CloudAnswer>;
  /** Subscribes to the agent stream's events of `types` (e.g. `voicenter.popup`); returns how to stop. */
  subscribe(types: readonly string[], listener: (event: RelayStreamEvent) => void): () => void;
}

/** What the demo server's `GET /relay/session` answers (demo/demo-relay.mjs). */
interface RelaySession {
  readonly url: string;
  readonly agentId: string;
  readonly token: string;
}

/**
 * The demo's cloud over HTTP: posts go to the demo server's `/vendor-cloud/<path>` on this page's
 * origin, which forwards them unchanged to the relay's ingress (the page cannot: ingress is server
 * to server, behind a secret path token); the stream is the relay's agent stream, opened by the
 * connectors' own client (`subscribeRelay`, what their `relay` option uses) with a token from
 * `/relay/session`, fetched again whenever the relay refuses one.
 * @param fetchImpl the page's `fetch` (injected in tests)
 * @throws Error when the demo server has no relay session to give
 */
export async function httpCloud(fetchImpl: typeof fetch = (...args) => fetch(...args)): Promise<VendorCloud> {
  const session = async (): Promise<RelaySession> => {
    const response = await fetchImpl('/relay/session', { headers: { accept: 'application/json' } });
    const value = (await response.json().catch(() => undefined)) as Partial<RelaySession> | undefined;
    if (
      !response.ok ||
      typeof value?.url !== 'string' ||
      typeof value.agentId !== 'string' ||
      typeof value.token !== 'string'
    ) {
      throw new Error(
        `demo: the server gave no relay session (HTTP ${response.status}); start the demo with \`npm start\`.`,
      );
    }
    return value as RelaySession;
  };
  const first = await session();
  let unused: string | undefined = first.token;
  const token = async (): Promise<string> => {
    const fresh = unused ?? (await session()).token;
    unused = undefined;
    return fresh;
  };
  return {
    agentId: first.agentId,
    async post(path, body) {
      const response = await fetchImpl(`/vendor-cloud/${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      return { status: response.status, reply: await response.text() };
    },
    subscribe: (types, listener) => subscribeRelay({ url: first.url, agentId: first.agentId, token }, types, listener),
  };
}
