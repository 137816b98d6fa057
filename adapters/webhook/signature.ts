/** The header carrying `sha256=<hex HMAC-SHA256 of "<timestamp>.<body>">`. */
export const SIGNATURE_HEADER = 'X-SoftphoneBridge-Signature';
/** The header carrying the signing time, in whole seconds since the Unix epoch. */
export const TIMESTAMP_HEADER = 'X-SoftphoneBridge-Timestamp';
/** The header carrying the write's idempotency key (`<conversationId>:callLog`). */
export const IDEMPOTENCY_HEADER = 'Idempotency-Key';

const encoder = new TextEncoder();

/**
 * Imports the shared secret as a non-extractable HMAC-SHA256 key, once per connection, so that
 * the raw secret is not handed to Web Crypto on every request.
 */
export function importSigningKey(secret: string, subtle: SubtleCrypto = globalThis.crypto.subtle): Promise<CryptoKey> {
  return subtle.importKey('raw', encoder.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
}

/**
 * The signature header value for `body` sent at `timestamp` (seconds). The timestamp is part of
 * the signed text so that a receiver can refuse a captured request replayed later.
 *
 * @example await signRequest(key, 1767225600, '{"type":"call.log"}') // 'sha256=5c0b…'
 */
export async function signRequest(
  key: CryptoKey,
  timestamp: number,
  body: string,
  subtle: SubtleCrypto = globalThis.crypto.subtle,
): Promise<string> {
  const mac = new Uint8Array(await subtle.sign('HMAC', key, encoder.encode(`${timestamp}.${body}`)));
  let hex = '';
  for (const byte of mac) hex += byte.toString(16).padStart(2, '0');
  return `sha256=${hex}`;
}
