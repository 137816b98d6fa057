import type { Parsed } from '../shared/fields.js';
import { parseCdrFields, type VoicenterCdr } from './cdr.js';

/** Longest XML-RPC body taken; a CDR is a few kilobytes. */
const MAX_XML = 256 * 1024;

/** The part of a DOM node that is read: the DOM every XML parser has (browsers, @xmldom/xmldom 0.8 and 0.9). */
export interface XmlNodeLike {
  readonly nodeType: number;
  readonly nodeName: string;
  readonly textContent: string | null;
  readonly childNodes: ArrayLike<XmlNodeLike>;
}

/** An element, as read. */
export interface XmlElementLike extends XmlNodeLike {
  getElementsByTagName(name: string): ArrayLike<XmlElementLike>;
}

/** A parsed document, as read. */
export interface XmlDocumentLike {
  readonly documentElement: XmlElementLike | null;
  getElementsByTagName(name: string): ArrayLike<XmlElementLike>;
}

/**
 * What parses XML: the browser's `DOMParser`, or on a server one with the same method, such as
 * `new DOMParser()` of @xmldom/xmldom. Typed structurally, with only what is read, so that
 * xmldom's own `Document` type fits as well as the browser's. Only `Node`-level DOM is used
 * (`childNodes`, `nodeType`, `nodeName`, `textContent`, `getElementsByTagName`): xmldom 0.9 has no
 * `firstElementChild` and 0.8 no `children`, so nothing newer is relied on.
 */
export interface XmlParser {
  parseFromString(text: string, type: 'text/xml'): XmlDocumentLike;
}

/** `Node.ELEMENT_NODE`, spelled out: xmldom's nodes have the constant, but not every parser's do. */
const ELEMENT_NODE = 1;

/**
 * Parses the CDR notification's XML-RPC request (seed 003 §4: `<methodCall>` with
 * `<methodName>CDR</methodName>` and one `<struct>` of `<member>`s) into a CDR. Pure: the XML is
 * read with a DOM parser, never evaluated, and only `methodName`, `name` and the scalar value
 * types of XML-RPC (`string`, `int`, `i4`, `i8`, `double`, `boolean`, `nil`, untyped text) are read.
 *
 * Unreadable XML is reported, never thrown: a browser's parser returns a `<parsererror>`
 * document, xmldom 0.9 throws `ParseError`; both become `ok: false`. A `<!DOCTYPE` is refused
 * before any parser sees it: XML-RPC has no use for one (the seed's examples and Voicenter's own
 * SDK carry none), and a DTD is how entity-expansion ("billion laughs") and external-entity
 * attacks get in, whatever parser the caller injected.
 *
 * @throws TypeError only when no parser is given and the environment has no `DOMParser` (Node):
 *   a set-up mistake, named so.
 */
export function parseCdrXmlRpc(xml: string, parser?: XmlParser): Parsed<VoicenterCdr> {
  const fields = readCdrXmlRpc(xml, parser);
  return fields.ok ? parseCdrFields(fields.value) : fields;
}

/**
 * The fields of the CDR notification's XML-RPC request as a plain object: the same object the
 * JSON notification carries (`caller`, `ivruniqueid`, `time` as a number...), with the checks of
 * {@link parseCdrXmlRpc} on the XML itself but none on the fields. For a server that stores the
 * CDR as Voicenter sent it. Member names `__proto__`, `constructor` and `prototype` are skipped.
 * @throws TypeError as {@link parseCdrXmlRpc}
 */
export function readCdrXmlRpc(xml: string, parser?: XmlParser): Parsed<Record<string, unknown>> {
  const invalid = (problem: string): Parsed<Record<string, unknown>> => ({
    ok: false,
    problems: [`"(payload)" ${problem}`],
    fields: ['(payload)'],
  });
  if (typeof xml !== 'string' || xml.length > MAX_XML) return invalid('must be XML text of at most 256 KB');
  if (/<!DOCTYPE/i.test(xml)) return invalid('must not declare a DOCTYPE (XML-RPC has none)');
  const doc = parse(xml, parser ?? defaultParser());
  if (doc === undefined || doc.getElementsByTagName('parsererror').length > 0) return invalid('is not well-formed XML');
  const root = doc.documentElement;
  if (root === null || root === undefined || root.nodeName !== 'methodCall')
    return invalid('must be an XML-RPC methodCall');
  const method = child(root, 'methodName')?.textContent?.trim();
  if (method !== 'CDR') return invalid('must call the method "CDR"');
  const struct = root.getElementsByTagName('struct')[0];
  if (struct === undefined || struct === null) return invalid('must hold a struct of CDR fields');
  const fields: Record<string, unknown> = {};
  for (const member of elements(struct).filter((e) => e.nodeName === 'member')) {
    const name = child(member, 'name')?.textContent?.trim();
    const value = child(member, 'value');
    if (name === undefined || name === '' || value === undefined || UNSAFE_KEYS.has(name)) continue;
    const read = scalar(value);
    if (read !== undefined) fields[name] = read;
  }
  return { ok: true, value: fields };
}

/** Keys that would reach an object's prototype when copied around. */
const UNSAFE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** The document, or `undefined` when the parser threw (xmldom 0.9 throws `ParseError` on malformed XML). */
function parse(xml: string, parser: XmlParser): XmlDocumentLike | undefined {
  try {
    return parser.parseFromString(xml, 'text/xml') ?? undefined;
  } catch {
    return undefined;
  }
}

function defaultParser(): XmlParser {
  if (typeof DOMParser === 'function') return new DOMParser();
  throw new TypeError(
    'parseCdrXmlRpc: this environment has no DOMParser; pass one (e.g. new DOMParser() of @xmldom/xmldom).',
  );
}

/** The element children of `parent`, from `childNodes` (the one child list every DOM parser has). */
function elements(parent: XmlNodeLike): XmlElementLike[] {
  return Array.from(parent.childNodes).filter((n): n is XmlElementLike => n.nodeType === ELEMENT_NODE);
}

function child(parent: XmlNodeLike, name: string): XmlElementLike | undefined {
  return elements(parent).find((e) => e.nodeName === name);
}

/** The value of an XML-RPC `<value>`: typed scalars become numbers or booleans, the rest text. */
function scalar(value: XmlNodeLike): unknown {
  const typed = elements(value)[0];
  if (typed === undefined) return value.textContent ?? '';
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
