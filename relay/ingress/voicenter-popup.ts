import { parsePopupPhase, parsePopupQuery } from '../../connectors/voicenter/popup-phase.js';
import { lookupCaller, PLAIN_POPUP_REPLY } from '../lookup.js';
import { decodeForm, textField } from './decode.js';
import { countRejected, storeEvent, type IngressContext } from './ingress-context.js';
import { readVendorBody } from './read-vendor-body.js';

/** Voicenter waits for the pop-up reply; the relay answers within this (issue 13: 1.5 s). */
export const POPUP_REPLY_BUDGET_MS = 1_500;

/**
 * `GET|POST /v1/in/<token>/voicenter/popup`: one phase of a call (seed 004: Ringing, Talking,
 * hang-up), as a query string, a form or JSON. Stored under `voicenter.popup` with the dedupe key
 * `ivrid` + phase, routed to `extenUser`. Replies `{"STATUS":"OK"}` once stored, with the caller's
 * lookup when `RELAY_LOOKUP_URL` is set and answers in time; `{"STATUS":"ERROR"}` with 400 when
 * unreadable (seed 004: any STATUS but "OK" is an error), 503 when the store is down.
 */
export async function voicenterPopup(ctx: IngressContext, request: Request): Promise<Response> {
  const started = ctx.now();
  const type = 'voicenter.popup';
  let body: unknown;
  if (request.method === 'GET') {
    body = decodeForm(new URL(request.url).searchParams);
  } else {
    const read = await readVendorBody(ctx, request, type, ['json', 'form']);
    if (!read.ok) return error(read.status, read.reason);
    body = read.kind === 'form' ? read.value : read.kind === 'json' ? read.value : undefined;
  }
  const parsed =
    request.method === 'GET' || isStringRecord(body)
      ? parsePopupQuery(new URLSearchParams(body as Record<string, string>))
      : parsePopupPhase(body);
  if (!parsed.ok) {
    countRejected(ctx, type, 'unreadable');
    return error(400, `unreadable pop-up phase: ${parsed.problems.join('; ') || 'the body must be an object'}`);
  }
  const phase = parsed.value;
  // The lookup runs while the event is being stored: both sit on Voicenter's ringing path.
  const lookup =
    ctx.lookupUrl === undefined ? undefined : lookupCaller(ctx.lookupUrl, phase.number, ctx.lookupBudgetMs);
  const stored = await storeEvent(ctx, {
    type,
    agentId: textField(body, 'extenUser') ?? null,
    receivedAt: started,
    dedupeKey: `voicenter.popup:${phase.ivrId}:${phase.kind}`,
    body,
  });
  if (!stored.ok) return error(503, 'the relay cannot store events right now; retry');
  if (lookup === undefined) return Response.json(PLAIN_POPUP_REPLY);
  const left = Math.max(0, POPUP_REPLY_BUDGET_MS - 100 - (ctx.now() - started));
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<typeof PLAIN_POPUP_REPLY>((resolve) => {
    timer = setTimeout(() => resolve(PLAIN_POPUP_REPLY), left);
  });
  try {
    return Response.json(await Promise.race([lookup, late]));
  } finally {
    clearTimeout(timer);
  }
}

/** A form or query decoded to an object holds strings only; a JSON phase has numbers and objects. */
function isStringRecord(value: unknown): boolean {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    Object.values(value).every((v) => typeof v === 'string') &&
    !('currentCall' in value)
  );
}

function error(status: number, reason: string): Response {
  return Response.json(
    { STATUS: 'ERROR', error: reason },
    { status, headers: status === 503 ? { 'retry-after': '5' } : {} },
  );
}
