import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Agent tokens (documented in relay/README.md so that a CRM's backend can mint them):
 *
 *     v1.<agentId as base64url>.<expiry, epoch seconds>.<signature>
 *
 * where `signature` = base64url (no padding) of HMAC-SHA256, keyed with the UTF-8 bytes of
 * `RELAY_SECRET`, over the UTF-8 text `v1.<agentId as base64url>.<expiry>` (the token without its
 * last part). The agent id is encoded so that dots in it cannot shift the fields.
 */
export const TOKEN_VERSION = 'v1';

/** Longest agent id accepted in a token or a stream path. */
export const MAX_AGENT_ID = 128;

/** Agent ids as vendors name agents: Voicenter `extenUser`, a Sociomile `extra_params.agent` (often an e-mail). */
const AGENT_ID = /^[A-Za-z0-9._@+-]{1,128}$/;

/** Whether `agentId` is one the relay routes and serves. */
export function isAgentId(agentId: string): boolean {
  return AGENT_ID.test(agentId);
}

/**
 * Mints an agent token valid until `expiresAt`.
 * @param secret `RELAY_SECRET`
 * @param agentId the agent the token opens the stream of
 * @param expiresAt epoch ms (rounded down to seconds)
 * @throws TypeError on an agent id the relay would not serve
 */
export function mintToken(secret: string, agentId: string, expiresAt: number): string {
  if (!isAgentId(agentId))
    throw new TypeError('mintToken: agentId must be 1–128 characters of letters, digits, ".", "_", "@", "+" or "-".');
  const payload = `${TOKEN_VERSION}.${Buffer.from(agentId, 'utf8').toString('base64url')}.${Math.floor(expiresAt / 1000)}`;
  return `${payload}.${sign(secret, payload)}`;
}

/** The outcome of {@link verifyToken}: HTTP status 401 (no valid token) or 403 (valid, for another agent). */
export type TokenCheck =
  | { readonly ok: true; readonly agentId: string; readonly expiresAt: number }
  | { readonly ok: false; readonly status: 401 | 403; readonly reason: string };

/**
 * Checks a token for the stream of `agentId` at time `now` (epoch ms). The signature is compared
 * in constant time and checked before anything else in the token is believed.
 */
export function verifyToken(secret: string, token: string | undefined, agentId: string, now: number): TokenCheck {
  if (token === undefined || token === '')
    return { ok: false, status: 401, reason: 'an agent token is required (Authorization: Bearer <token>, or ?token=)' };
  const parts = token.length <= 512 ? token.split('.') : [];
  if (parts.length !== 4 || parts[0] !== TOKEN_VERSION)
    return { ok: false, status: 401, reason: 'the agent token is malformed' };
  const [, agentPart = '', expPart = '', signature = ''] = parts;
  const expected = Buffer.from(sign(secret, `${TOKEN_VERSION}.${agentPart}.${expPart}`), 'utf8');
  const given = Buffer.from(signature, 'utf8');
  if (given.length !== expected.length || !timingSafeEqual(given, expected))
    return { ok: false, status: 401, reason: 'the agent token is not signed by this relay' };
  const expSeconds = /^\d{1,12}$/.test(expPart) ? Number(expPart) : Number.NaN;
  if (!(expSeconds * 1000 > now)) return { ok: false, status: 401, reason: 'the agent token has expired' };
  const tokenAgent = Buffer.from(agentPart, 'base64url').toString('utf8');
  if (tokenAgent !== agentId) return { ok: false, status: 403, reason: 'the agent token is for another agent' };
  return { ok: true, agentId: tokenAgent, expiresAt: expSeconds * 1000 };
}

function sign(secret: string, payload: string): string {
  return createHmac('sha256', Buffer.from(secret, 'utf8')).update(payload, 'utf8').digest('base64url');
}

/**
 * Parses a lifetime such as `8h`, `30m`, `45s`, `2d` into milliseconds.
 * @throws TypeError on anything else (or above 30 days: tokens are meant to be short-lived)
 */
export function parseTtl(text: string): number {
  const match = /^(\d{1,6})([smhd])$/.exec(text.trim());
  const unit = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;
  const ms = match === null ? Number.NaN : Number(match[1]) * unit[match[2] as keyof typeof unit];
  if (!(ms > 0 && ms <= 30 * 86_400_000))
    throw new TypeError(`--ttl must be a number with s, m, h or d (e.g. 8h), at most 30d; got "${text}".`);
  return ms;
}
