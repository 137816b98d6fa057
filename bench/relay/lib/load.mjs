// The vendor side of the benchmark: autocannon (the well-kept HTTP load generator, 9.x) posting
// the vendors' published payloads (payloads.mjs) to one relay, each request a fresh vendor event
// (its id varied, so the relay stores it rather than counting a duplicate), routed to `agents`.
import autocannon from 'autocannon';
import { vendorEvent } from './payloads.mjs';

/**
 * Runs autocannon against `ingress` for `seconds`.
 * @param {object} options
 * @param {string} options.ingress `<base>/v1/in/<ingress token>`
 * @param {string} options.runId distinguishes the events of this load from every other
 * @param {readonly string[]} options.agents agent ids the events are routed to, in turn
 * @param {number} options.seconds
 * @param {number} options.connections concurrent keep-alive connections (each one request at a time)
 * @param {number} [options.rate] overall requests per second; none = as fast as the relay answers
 * @param {(key: string, at: number) => void} [options.onSend] called as each event's request is built
 *   (autocannon builds it right before writing it; the first one per connection earlier, at setup)
 * @returns {Promise<{ sent: number, ok: number, non2xx: number, errors: number, timeouts: number, rps: { average: number, min: number, p2_5: number }, latency: { p50: number, p99: number, max: number } }>}
 */
export async function postLoad({ ingress, runId, agents, seconds, connections, rate, onSend }) {
  const url = new URL(ingress);
  let n = 0;
  const result = await autocannon({
    url: url.origin,
    connections,
    duration: seconds,
    overallRate: rate,
    timeout: 10,
    requests: [
      {
        method: 'POST',
        setupRequest(request) {
          const index = n++;
          const event = vendorEvent(runId, index, agents[index % agents.length]);
          onSend?.(event.key, performance.now());
          return {
            ...request,
            path: `${url.pathname}${event.path}`,
            headers: { 'content-type': 'application/json' },
            body: event.body,
          };
        },
      },
    ],
  });
  return {
    sent: result.requests.sent,
    ok: result['2xx'],
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    rps: { average: result.requests.average, min: result.requests.min, p2_5: result.requests.p2_5 },
    latency: { p50: result.latency.p50, p99: result.latency.p99, max: result.latency.max },
  };
}
