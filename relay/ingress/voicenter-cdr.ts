import { DOMParser } from '@xmldom/xmldom';
import { parseCdrFields } from '../../connectors/voicenter/cdr.js';
import { cdrReplyJson, cdrReplyXml, readCdrXmlRpc, type XmlParser } from '../../connectors/voicenter/cdr-xml-rpc.js';
import { asRecord } from '../../connectors/shared/fields.js';
import { textField } from './decode.js';
import { countRejected, storeEvent, type IngressContext } from './ingress-context.js';
import { readVendorBody } from './read-vendor-body.js';

/**
 * xmldom's parser with its messages kept out of the log (they quote the document). The connector's
 * `readCdrXmlRpc` refuses any DOCTYPE before this parser sees the text, so no entity is declared,
 * expanded or fetched.
 */
function quietXmlParser(): XmlParser {
  return new DOMParser({ onError: () => undefined }) as unknown as XmlParser;
}

/**
 * `POST /v1/in/<token>/voicenter/cdr`: a call detail record (seed 003 §4) as JSON, XML-RPC or a
 * form. Stored under `voicenter.cdr` with the dedupe key `ivruniqueid`, its body always the JSON
 * CDR's object (an XML-RPC CDR is turned into the same object), routed to `targetextension`, else
 * `callerextension`. Replies in the request's format: XML-RPC for XML-RPC, JSON for JSON and for a
 * form (Voicenter documents replies in XML-RPC and JSON only): `err` 0 once stored, 1 (400) when
 * unreadable, 2 (503) when the store is down.
 */
export async function voicenterCdr(ctx: IngressContext, request: Request): Promise<Response> {
  const type = 'voicenter.cdr';
  const read = await readVendorBody(ctx, request, type, ['json', 'xml', 'form']);
  const asXml = read.ok ? read.kind === 'xml' : /xml/i.test(request.headers.get('content-type') ?? '');
  const reply = (err: 0 | 1 | 2, status: number, reason?: string): Response =>
    asXml
      ? new Response(cdrReplyXml(err), { status, headers: { 'content-type': 'text/xml; charset=utf-8' } })
      : Response.json({ ...cdrReplyJson(err), ...(reason === undefined ? {} : { error: reason }) }, { status });
  if (!read.ok) return reply(1, read.status, read.reason);
  let fields: Record<string, unknown> | undefined;
  if (read.kind === 'xml') {
    const parsed = readCdrXmlRpc(read.text, quietXmlParser());
    fields = parsed.ok ? parsed.value : undefined;
  } else {
    fields = asRecord(read.value);
  }
  const cdr = fields === undefined ? undefined : parseCdrFields(fields);
  if (fields === undefined || cdr === undefined || !cdr.ok) {
    countRejected(ctx, type, 'unreadable');
    return reply(
      1,
      400,
      `unreadable CDR: ${cdr !== undefined && !cdr.ok ? cdr.problems.join('; ') : 'not a CDR object or XML-RPC CDR call'}`,
    );
  }
  const agentId = textField(fields, 'targetextension') ?? textField(fields, 'callerextension') ?? null;
  const stored = await storeEvent(ctx, {
    type,
    agentId,
    receivedAt: ctx.now(),
    dedupeKey: `voicenter.cdr:${cdr.value.ivrId}`,
    body: fields,
  });
  if (!stored.ok) return reply(2, 503, 'the relay cannot store events right now; retry');
  return reply(0, 200);
}
