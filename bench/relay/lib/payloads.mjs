// Vendor events for load: the vendors' published payloads (test/fixtures/vendor/, each file names
// its source) with only the event's identity and its agent changed, so that a run is not all
// duplicates (the relay stores a repeated vendor event once) and routes to many agents.
import { readFileSync } from 'node:fs';

const fixture = (path) =>
  JSON.parse(readFileSync(new URL(`../../../test/fixtures/vendor/${path}`, import.meta.url), 'utf8'));

/** The published payloads the events are made from. */
export const published = {
  popup: fixture('voicenter/popup-seed.json').ringing,
  cdr: fixture('voicenter/cdr-seed.json').json,
  sociomile: fixture('sociomile/webhook-seed.json').webhook,
};

/** The three vendor endpoints, relative to `/v1/in/<ingress-token>`. */
export const PATHS = { popup: '/voicenter/popup', cdr: '/voicenter/cdr', sociomile: '/sociomile/webhook' };

/** The kinds in the order `vendorEvent(n)` cycles through them. */
export const KINDS = /** @type {const} */ (['popup', 'cdr', 'sociomile']);

/**
 * The n-th event of a run for `agentId`: a Voicenter pop-up phase (its `ivrid` varied, routed by
 * `extenUser`), a Voicenter JSON CDR (`ivruniqueid` varied, routed by `callerextension`) or a
 * Sociomile webhook (`internal_id` and `uniqueid` varied, routed by `extra_params.agent`).
 * `key` is the varied id, which comes back in the agent stream's `body`.
 * @param {string} runId distinguishes runs on one store
 * @param {number} n
 * @param {string} agentId
 * @param {typeof KINDS[number]} [kind]
 */
export function vendorEvent(runId, n, agentId, kind = KINDS[n % KINDS.length]) {
  const key = `${runId}-${n}`;
  if (kind === 'popup')
    return {
      kind,
      key,
      path: PATHS.popup,
      body: JSON.stringify({ ...published.popup, ivrid: key, extenUser: agentId }),
    };
  if (kind === 'cdr')
    return {
      kind,
      key,
      path: PATHS.cdr,
      body: JSON.stringify({ ...published.cdr, ivruniqueid: key, callerextension: agentId, targetextension: '' }),
    };
  const data = {
    ...published.sociomile.data,
    internal_id: key,
    uniqueid: key,
    extra_params: { ...published.sociomile.data.extra_params, agent: agentId },
  };
  return { kind, key, path: PATHS.sociomile, body: JSON.stringify({ data }) };
}

/** The varied id of a stored event's body, whichever vendor it came from. */
export function keyOf(body) {
  return body?.ivrid ?? body?.ivruniqueid ?? body?.data?.internal_id;
}
