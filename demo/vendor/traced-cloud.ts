import type { RelayStreamEvent } from '../../connectors/shared/relay-stream.js';
import type { Trace } from './trace.js';
import type { CloudPath, VendorCloud } from './vendor-cloud.js';

/** Replies longer than this are cut in the trace (they are the relay's short acknowledgements). */
const REPLY_SHOWN = 100;

/** A {@link VendorCloud} whose posts and stream events show in the panel's trace. */
export interface TracedCloud {
  readonly agentId: string;
  /**
   * Posts `body` as the vendor cloud, in a trace entry named `event`: the request, then the relay's
   * status and reply. Resolves with the status (0 when no answer came); never rejects.
   */
  post(event: string, path: CloudPath, body: unknown): Promise<number>;
  /** Subscribes like {@link VendorCloud.subscribe}; each event is handled inside a trace entry of its own. */
  subscribe(types: readonly string[], listener: (event: RelayStreamEvent) => void): () => void;
}

/**
 * Traces `cloud` in `trace`: a post is an entry of the vendor's cloud ("Voicenter cloud · pop-up
 * screen · Ringing | → POST relay …/voicenter/popup · 200 {…}"), a stream event an entry of its own
 * ("Relay stream · voicenter.popup · id 3") under which the connector's contract calls land,
 * because it handles the event synchronously in the listener. `track` is told of every post, so
 * that the panel's `settled()` waits for it.
 */
export function tracedCloud(cloud: VendorCloud, trace: Trace, track: (work: Promise<unknown>) => void): TracedCloud {
  return {
    agentId: cloud.agentId,
    post(event, path, body) {
      const request = trace.during('cloud', event, () => trace.httpRequest(`POST relay …/${path}`));
      const done = cloud.post(path, body).then(
        (answer) => {
          trace.answer(request, { state: 'answered', status: answer.status, reply: shorten(answer.reply) });
          return answer.status;
        },
        (error: unknown) => {
          trace.answer(request, { state: 'failed', reason: error instanceof Error ? error.message : 'no answer' });
          return 0;
        },
      );
      track(done);
      return done;
    },
    subscribe: (types, listener) =>
      cloud.subscribe(types, (event) =>
        trace.during('relay', `${event.vendor}.${event.kind} · id ${shortId(event.id)}`, () => listener(event)),
      ),
  };
}

/** The relay's embedded ids are zero-padded counters; Redis ids (`<ms>-<seq>`) are shown whole. */
function shortId(id: string): string {
  return /^\d+$/.test(id) ? String(Number(id)) : id;
}

function shorten(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > REPLY_SHOWN ? `${line.slice(0, REPLY_SHOWN - 1)}…` : line;
}
