/** The outcome of {@link checkOrigin}: allowed (with the CORS headers to send) or refused. */
export type OriginCheck =
  { readonly ok: true; readonly headers: Readonly<Record<string, string>> } | { readonly ok: false };

/**
 * Browser origins and the agent stream: a request without an `Origin` header (a server, curl, a
 * same-origin GET) is not a cross-origin browser request and passes; a browser origin must be in
 * `RELAY_ALLOWED_ORIGINS` exactly, and gets exactly its own origin back (never `*`), with `Vary:
 * Origin` so caches keep answers apart.
 */
export function checkOrigin(origin: string | null, allowed: readonly string[]): OriginCheck {
  if (origin === null) return { ok: true, headers: {} };
  if (!allowed.includes(origin)) return { ok: false };
  return { ok: true, headers: { 'access-control-allow-origin': origin, vary: 'Origin' } };
}
