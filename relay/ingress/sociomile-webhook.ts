import { asRecord } from '../../connectors/shared/fields.js';
import { parseSociomileWebhook } from '../../connectors/sociomile/webhook.js';
import { textField } from './decode.js';
import { countRejected, storeEvent, type IngressContext } from './ingress-context.js';
import { readVendorBody } from './read-vendor-body.js';

/**
 * `POST /v1/in/<token>/sociomile/webhook`: the after-call webhook (seed 000, `{"data": {…}}`), JSON.
 * Stored under `sociomile.call` with the dedupe key `internal_id`, else `uniqueid`; routed to
 * `data.extra_params.agent` (the Sociomile connector sends it in the dial's params). 200 once
 * stored, 400 when unreadable, 503 when the store is down (Sociomile keeps a failed delivery for a
 * resend).
 */
export async function sociomileWebhook(ctx: IngressContext, request: Request): Promise<Response> {
  const type = 'sociomile.call';
  const read = await readVendorBody(ctx, request, type, ['json']);
  if (!read.ok) return Response.json({ ok: false, error: read.reason }, { status: read.status });
  const body = read.kind === 'json' ? read.value : undefined;
  const parsed = parseSociomileWebhook(body);
  if (!parsed.ok) {
    countRejected(ctx, type, 'unreadable');
    return Response.json(
      { ok: false, error: `unreadable webhook: ${parsed.problems.join('; ') || 'the body must be {"data": {…}}'}` },
      { status: 400 },
    );
  }
  const data = asRecord(asRecord(body)?.['data']) ?? asRecord(body);
  const internalId = textField(data, 'internal_id');
  const dedupeKey =
    internalId !== undefined
      ? `sociomile:internal_id:${internalId}`
      : `sociomile:uniqueid:${parsed.value.conversationId}`;
  const agentId = textField(asRecord(data?.['extra_params']), 'agent') ?? null;
  const stored = await storeEvent(ctx, { type, agentId, receivedAt: ctx.now(), dedupeKey, body });
  if (!stored.ok)
    return Response.json(
      { ok: false, error: 'the relay cannot store events right now; retry' },
      { status: 503, headers: { 'retry-after': '5' } },
    );
  return Response.json({ ok: true, id: stored.event.id, duplicate: stored.duplicate });
}
