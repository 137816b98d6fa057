import { MAX_BODY_BYTES, readBody } from '../http/read-body.js';
import type { RelayEventType } from '../store/event-store.js';
import { bodyKind, decodeForm, decodeJson, type BodyKind } from './decode.js';
import { countRejected, type IngressContext } from './ingress-context.js';

/** A vendor request body, read and decoded (XML stays text: the connector's parser reads it). */
export type VendorBody =
  | { readonly ok: true; readonly kind: 'json'; readonly value: unknown }
  | { readonly ok: true; readonly kind: 'form'; readonly value: Record<string, string> }
  | { readonly ok: true; readonly kind: 'xml'; readonly text: string }
  | { readonly ok: false; readonly status: 400 | 408 | 413 | 415; readonly reason: string };

/**
 * Reads a vendor's POST body of one of the `accepted` kinds: 415 for another `Content-Type`, 413
 * over {@link MAX_BODY_BYTES}, 408 when it trickles in, 400 for JSON that does not parse. Counts
 * every refusal under `type`.
 */
export async function readVendorBody(
  ctx: IngressContext,
  request: Request,
  type: RelayEventType,
  accepted: readonly BodyKind[],
): Promise<VendorBody> {
  const kind = bodyKind(request.headers.get('content-type'));
  if (kind === undefined || !accepted.includes(kind)) {
    countRejected(ctx, type, 'media_type');
    return { ok: false, status: 415, reason: `Content-Type must be one of: ${accepted.map(mediaType).join(', ')}` };
  }
  const read = await readBody(request, Math.min(ctx.maxBodyBytes, MAX_BODY_BYTES), ctx.bodyTimeoutMs);
  if (!read.ok) {
    countRejected(ctx, type, read.status === 413 ? 'too_large' : read.status === 408 ? 'timeout' : 'unreadable');
    return read;
  }
  if (kind === 'xml') return { ok: true, kind, text: read.text };
  if (kind === 'form') return { ok: true, kind, value: decodeForm(read.text) };
  const value = decodeJson(read.text);
  if (value === undefined) {
    countRejected(ctx, type, 'unreadable');
    return { ok: false, status: 400, reason: 'the body is not JSON (or nests deeper than 16 levels)' };
  }
  return { ok: true, kind, value };
}

function mediaType(kind: BodyKind): string {
  return kind === 'json' ? 'application/json' : kind === 'form' ? 'application/x-www-form-urlencoded' : 'text/xml';
}
