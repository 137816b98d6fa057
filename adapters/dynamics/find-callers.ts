import { isRecord, toE164, type CrmRecordRef } from '../../src/contract/index.js';
import type { SearchEntity } from './settings.js';

/**
 * An OData string literal for a `$filter`: quotes doubled (OData), then percent-encoded, because
 * CIF puts the query into a URL where a bare `+` (every E.164 number) would arrive as a space.
 */
export function odataString(value: string): string {
  return `'${encodeURIComponent(value.replace(/'/g, "''"))}'`;
}

/**
 * The spellings a caller's number is searched under: as the softphone sent it, and in E.164.
 * Dataverse compares phone attributes as plain text, so other spellings ("555-0100") only match
 * when stored exactly so.
 */
export function numberVariants(phoneNumber: string, defaultCountry: string): string[] {
  const given = phoneNumber.trim();
  const e164 = toE164(given, defaultCountry);
  return [...new Set([given, ...(e164.ok ? [e164.e164] : [])])].filter((n) => n !== '');
}

/**
 * `searchAndOpenRecords` query options finding `entity` records whose phone attributes equal one
 * of `numbers`. The phone attributes are selected too: the spelling that matched is what a search
 * page is then filled with ({@link matchedSpelling}).
 */
export function phoneQuery(entity: SearchEntity, numbers: readonly string[]): string {
  const clauses = entity.phoneFields.flatMap((field) => numbers.map((n) => `${field} eq ${odataString(n)}`));
  return `?$select=${[`${entity.entity}id`, entity.nameField, ...entity.phoneFields].join(',')}&$filter=${clauses.join(' or ')}`;
}

/** The first of `numbers` stored, as written, in a phone attribute of a found row. */
export function matchedSpelling(answer: unknown, entity: SearchEntity, numbers: readonly string[]): string | undefined {
  for (const row of rowsOf(answer))
    for (const field of entity.phoneFields) if (numbers.includes(row[field] as string)) return row[field] as string;
  return undefined;
}

/** Query options selecting one record by its id (a guid literal is unquoted in OData). */
export function idQuery(entity: SearchEntity, id: string): string {
  return `?$select=${entity.entity}id,${entity.nameField}&$filter=${entity.entity}id eq ${id}`;
}

/**
 * The records of a search answer. CIF documents a JSON string without its shape: an array, a
 * Web API `{ value: [...] }`, or an object keyed by position are all accepted.
 */
export function recordsOf(answer: unknown, entity: SearchEntity): CrmRecordRef[] {
  const records: CrmRecordRef[] = [];
  for (const row of rowsOf(answer)) {
    const id = row[`${entity.entity}id`];
    if (typeof id !== 'string' || id === '') continue;
    const name = row[entity.nameField];
    records.push({ id, type: entity.entity, ...(typeof name === 'string' && name !== '' ? { name } : {}) });
  }
  return records;
}

/** The row objects of a search answer, whichever of the accepted shapes it has. */
function rowsOf(answer: unknown): Record<string, unknown>[] {
  const list: unknown[] = Array.isArray(answer)
    ? answer
    : isRecord(answer)
      ? Array.isArray(answer['value'])
        ? answer['value']
        : Object.values(answer)
      : [];
  return list.filter(isRecord);
}
