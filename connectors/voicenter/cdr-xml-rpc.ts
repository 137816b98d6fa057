import type { Parsed } from '../shared/fields.js';
import { parseCdrFields, type VoicenterCdr } from './cdr.js';

/** Longest XML-RPC body taken; a CDR is a few kilobytes. */
const MAX_XML = 256 * 1024;

/** What parses XML: the browser's `DOMParser`, injected so that tests and workers can pass theirs. */
export interface XmlParser {
  parseFromString(text: string, type: 'text/xml'): Document;
}

/**
 * Parses the CDR notification's XML-RPC request (seed 003 §4: `<methodCall>` with
 * `<methodName>CDR</methodName>` and one `<struct>` of `<member>`s) into a CDR. Pure: the XML is
 * read with a DOM parser, never evaluated, and only `methodName`, `name` and the scalar value
 * types of XML-RPC (`string`, `int`, `i4`, `i8`, `double`, `boolean`, `nil`, untyped text) are read.
 */
export function parseCdrXmlRpc(xml: string, parser: XmlParser = new DOMParser()): Parsed<VoicenterCdr> {
  const invalid = (problem: string): Parsed<VoicenterCdr> => ({ ok: false, problems: [`"(payload)" ${problem}`], fields: ['(payload)'] });
  if (typeof xml !== 'string' || xml.length > MAX_XML) return invalid('must be XML text of at most 256 KB');
  const doc = parser.parseFromString(xml, 'text/xml');
  if (doc.getElementsByTagName('parsererror').length > 0) return invalid('is not well-formed XML');
  const root = doc.documentElement;
  if (root.nodeName !== 'methodCall') return invalid('must be an XML-RPC methodCall');
  const method = child(root, 'methodName')?.textContent?.trim();
  if (method !== 'CDR') return invalid('must call the method "CDR"');
  const struct = root.getElementsByTagName('struct')[0];
  if (struct === undefined) return invalid('must hold a struct of CDR fields');
  const fields: Record<string, unknown> = {};
  for (const member of Array.from(struct.children).filter((e) => e.nodeName === 'member')) {
    const name = child(member, 'name')?.textContent?.trim();
    const value = child(member, 'value');
    if (name === undefined || name === '' || value === undefined) continue;
    fields[name] = scalar(value);
  }
  return parseCdrFields(fields);
}

function child(parent: Element, name: string): Element | undefined {
  return Array.from(parent.children).find((e) => e.nodeName === name);
}

/** The value of an XML-RPC `<value>`: typed scalars become numbers or booleans, the rest text. */
function scalar(value: Element): unknown {
  const typed = value.firstElementChild;
  if (typed === null) return value.textContent ?? '';
  const text = typed.textContent ?? '';
  switch (typed.nodeName) {
    case 'int':
    case 'i4':
    case 'i8':
    case 'double':
      return text.trim() === '' ? undefined : Number(text.trim());
    case 'boolean':
      return text.trim() === '1';
    case 'nil':
      return null;
    case 'string':
      return text;
    default:
      // Structs and arrays are not part of a CDR; skipping them keeps the rest.
      return undefined;
  }
}

/** The reply the CDR notification expects (seed: `err` 0 OK, 1 parse error, 2 application error), as XML-RPC. */
export function cdrReplyXml(err: 0 | 1 | 2): string {
  const desc = err === 0 ? 'OK' : err === 1 ? 'Parse error' : 'Application error';
  return `<?xml version="1.0"?><methodResponse><params><param><value><struct><member><name>err</name><value><int>${err}</int></value></member><member><name>errdesc</name><value><string>${desc}</string></value></member></struct></value></param></params></methodResponse>`;
}

/** The same reply as JSON (seed: `{"err": "0", "errdesc": "OK"}`). */
export function cdrReplyJson(err: 0 | 1 | 2): { readonly err: string; readonly errdesc: string } {
  return { err: String(err), errdesc: err === 0 ? 'OK' : err === 1 ? 'Parse error' : 'Application error' };
}
