/**
 * The data side of a fake Dynamics 365 organisation for {@link FakeCif}: tables of records with
 * the attributes Dataverse defines for them (so unknown or over-long attributes are refused, as
 * the Web API refuses them with HTTP 400), and an OData `$select`/`$filter` reader for the
 * subset of OData the adapter uses.
 */
import {
  doesNotExistMessage,
  invalidPropertyMessage,
  lengthExceededMessage,
  propertyNotFoundMessage,
  undeclaredPropertyMessage,
} from '../fixtures/vendor/dynamics/dataverse-errors.js';
import { ENTITY_SETS, PHONECALL_REGARDING } from '../fixtures/vendor/dynamics/phonecall-metadata.js';

/**
 * Dataverse refusing a request: its HTTP status and `error.message` (texts from
 * test/fixtures/vendor/dynamics/dataverse-errors.ts where Microsoft documents one; the fake's
 * own wording is marked so). {@link FakeCif} turns it into the JSON string CIF rejects with.
 */
export class FakeDataverseError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

type Kind = 'string' | 'boolean' | 'integer' | 'guid';
/**
 * Attribute types and text lengths of the entities the fake knows. phonecall: the PhoneCall
 * table reference (MicrosoftDocs/powerapps-docs, powerapps-docs/developer/data-platform/reference/entities/phonecall.md:
 * category 250, description 2000 (Memo), phonenumber 200, subject 200, subcategory 250,
 * directioncode Boolean, actualdurationminutes Integer). contact / account / lead / incident /
 * opportunity: only the columns the tests use, lengths as in their table references (not
 * re-checked one by one).
 */
const SCHEMAS: Record<string, Record<string, [Kind, number?]>> = {
  contact: {
    contactid: ['guid'],
    fullname: ['string', 160],
    telephone1: ['string', 50],
    telephone2: ['string', 50],
    mobilephone: ['string', 50],
  },
  account: { accountid: ['guid'], name: ['string', 160], telephone1: ['string', 50], telephone2: ['string', 50] },
  phonecall: {
    activityid: ['guid'],
    subject: ['string', 200],
    phonenumber: ['string', 200],
    directioncode: ['boolean'],
    actualdurationminutes: ['integer'],
    description: ['string', 2000],
    category: ['string', 250],
    subcategory: ['string', 250],
    regardingobjectid: ['guid'],
    statecode: ['integer'],
  },
  lead: { leadid: ['guid'], fullname: ['string', 160], telephone1: ['string', 50], mobilephone: ['string', 50] },
  incident: { incidentid: ['guid'], title: ['string', 200] },
  opportunity: { opportunityid: ['guid'], name: ['string', 300] },
};

/** One stored row. */
export type Row = Record<string, string | number | boolean>;

export class FakeCifOrg {
  readonly tables = new Map<string, Map<string, Row>>(Object.keys(SCHEMAS).map((e) => [e, new Map()]));
  /** Omnichannel presence texts the admin configured (CIF 2.0 `setPresence`). */
  presences = ['Available', 'Busy', 'Do not disturb', 'Away', 'Offline'];

  /** Adds a custom attribute (an admin's `new_conversationid`, say). */
  addAttribute(entity: string, attribute: string, length = 100): void {
    (SCHEMAS[entity] as Record<string, [Kind, number?]>)[attribute] = ['string', length];
  }

  /** Inserts a row; returns its id. */
  insert(entity: string, row: Row, id: string = crypto.randomUUID()): string {
    this.table(entity).set(id, { ...row, [idField(entity)]: id });
    return id;
  }

  /** Rows of `entity`, oldest first. */
  rows(entity: string): Row[] {
    return [...this.table(entity).values()];
  }

  table(entity: string): Map<string, Row> {
    const table = this.tables.get(entity);
    // Documented 404 text (web-api-client-errors, "Resource not found for the segment").
    if (table === undefined) throw new FakeDataverseError(404, `Resource not found for the segment '${entity}'.`);
    return table;
  }

  /** Checks attribute names, types, lengths and lookups of a create or update body. */
  validate(entity: string, body: unknown): Row {
    if (typeof body !== 'object' || body === null || Array.isArray(body))
      throw new FakeDataverseError(400, 'The request body must be a JSON object.'); // fake's wording
    const schema = SCHEMAS[entity] ?? {};
    const row: Row = {};
    for (const [name, value] of Object.entries(body)) {
      if (name.endsWith('@odata.bind')) {
        Object.assign(row, this.#bind(entity, name.slice(0, -'@odata.bind'.length), value));
        continue;
      }
      const type = schema[name];
      if (type === undefined) throw new FakeDataverseError(400, invalidPropertyMessage(name, entity));
      const [kind, length] = type;
      if (kind === 'string' && typeof value === 'string' && length !== undefined && value.length > length)
        throw new FakeDataverseError(400, lengthExceededMessage(name, entity, length));
      const ok =
        kind === 'boolean'
          ? typeof value === 'boolean'
          : kind === 'integer'
            ? Number.isInteger(value)
            : typeof value === 'string';
      if (!ok)
        throw new FakeDataverseError(400, `Cannot convert the value of '${name}' to the expected type (${kind}).`); // fake's wording
      row[name] = value as string | number | boolean;
    }
    return row;
  }

  /**
   * `<navigation property>@odata.bind: "/<entity set>(<guid>)"`. The name must be one the entity
   * type's metadata declares (its own or inherited: phonecall-metadata.ts, from the phonecall
   * EntityType reference); any other name is answered as Dataverse answers it, HTTP 400
   * "An undeclared property … only has property annotations" (dataverse-errors.ts). The path
   * must name the entity set of the property's type, and the record must exist (HTTP 404).
   */
  #bind(entity: string, property: string, value: unknown): Row {
    const navigation = entity === 'phonecall' ? PHONECALL_REGARDING[property] : undefined;
    if (navigation === undefined)
      throw new FakeDataverseError(400, undeclaredPropertyMessage(ENTITY_SETS[entity] ?? `${entity}s`, property));
    const target = /^\/(\w+)\(([0-9a-f-]{36})\)$/.exec(String(value));
    if (target === null || target[1] !== ENTITY_SETS[navigation.target])
      throw new FakeDataverseError(
        400,
        `The value of '${property}@odata.bind' is not a URI of a ${navigation.target} record.`,
      ); // fake's wording
    const id = target[2] as string;
    if (!this.table(navigation.target).has(id))
      throw new FakeDataverseError(404, doesNotExistMessage(navigation.target, id));
    // Every regarding navigation property writes the one lookup attribute.
    return { regardingobjectid: id, regardingobjecttypecode: navigation.target };
  }

  /**
   * Runs `?$select=…&$filter=…` over `entity`, as the Web API reads a query string. The leading
   * `?` is optional: the searchAndOpenRecords reference shows both forms.
   */
  query(entity: string, queryParameters: string): Row[] {
    const params = new URLSearchParams(queryParameters.replace(/^\?/, '')); // '+' is a space, as on a server
    const schema = SCHEMAS[entity] ?? {};
    const select = (params.get('$select') ?? '').split(',').filter((s) => s !== '');
    for (const field of select)
      if (schema[field] === undefined) throw new FakeDataverseError(400, propertyNotFoundMessage(field, entity));
    const match = parseFilter(params.get('$filter'), entity, schema);
    // The Web API returns the primary key whatever $select says.
    const id = idField(entity);
    return this.rows(entity)
      .filter(match)
      .map((row) =>
        Object.fromEntries(Object.entries(row).filter(([k]) => select.length === 0 || k === id || select.includes(k))),
      );
  }
}

/** `<entity>id`, or `activityid` for activities. */
export function idField(entity: string): string {
  return entity === 'phonecall' ? 'activityid' : `${entity}id`;
}

/** `a eq 'x' or b eq 'y'` / `a eq 'x' and …` / a guid literal; case-insensitive like Dataverse. */
function parseFilter(
  filter: string | null,
  entity: string,
  schema: Record<string, [Kind, number?]>,
): (row: Row) => boolean {
  if (filter === null) return () => true;
  const text = filter.trim().replace(/^\((.*)\)$/s, '$1');
  const clause = /(\w+) eq ('(?:[^']|'')*'|[0-9a-f-]{36})/gy;
  const parts: [string, string][] = [];
  const joins = new Set<string>();
  let at = 0;
  while (at < text.length) {
    clause.lastIndex = at;
    const m = clause.exec(text);
    if (m === null) throw new FakeDataverseError(400, `Syntax error in $filter at position ${at}.`);
    const [, field, literal] = m as unknown as [string, string, string];
    if (schema[field] === undefined) throw new FakeDataverseError(400, propertyNotFoundMessage(field, entity));
    parts.push([field, literal.startsWith("'") ? literal.slice(1, -1).replace(/''/g, "'") : literal]);
    at = clause.lastIndex;
    const join = /^ (or|and) /.exec(text.slice(at));
    if (join !== null) {
      joins.add(join[1] as string);
      at += join[0].length;
    } else if (at < text.length) throw new FakeDataverseError(400, `Syntax error in $filter at position ${at}.`);
  }
  if (joins.size > 1)
    throw new FakeDataverseError(400, 'The fake reads either or-joined or and-joined clauses, not both.');
  const test = (row: Row, [field, value]: [string, string]) =>
    String(row[field] ?? '').toLowerCase() === value.toLowerCase();
  return joins.has('and') ? (row) => parts.every((p) => test(row, p)) : (row) => parts.some((p) => test(row, p));
}
