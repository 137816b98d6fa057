import { contractPayloadInvalid, isRecord, type BridgeError } from '../../src/contract/index.js';

/** Longest text kept from a vendor field; far above any real id, number or status name. */
const MAX_TEXT = 1024;

/** What a vendor payload parser returns: the value, or the problems found (field names, never values). */
export type Parsed<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly problems: readonly string[]; readonly fields: readonly string[] };

/** A vendor payload as a plain record, or `undefined` when it is not an object. */
export function asRecord(value: unknown): Record<string, unknown> | undefined {
  return isRecord(value) ? value : undefined;
}

/**
 * Reads the fields of one vendor payload, and remembers every required field that was missing
 * or mistyped so that one error names them all. Vendors pad values (Sobot's samples send
 * `" 1005 "`) and send numbers as text or text as numbers, so text is trimmed and both are taken.
 * Unknown fields are never looked at: SDKs promise to add attributes over time.
 */
export class FieldReader {
  /**
   * @param source the payload
   * @param prefix how fields of a nested object are named (`workStatusInfo.`)
   * @param problems `"field" problem` sentences, shared with nested readers
   * @param fields the fields at fault, shared with nested readers
   */
  constructor(
    readonly source: Record<string, unknown>,
    private readonly prefix = '',
    readonly problems: string[] = [],
    readonly fields: string[] = [],
  ) {}

  /** Text (a string, or a finite number written out), trimmed; `undefined` when absent or empty. */
  text(key: string, required = false): string | undefined {
    const value = this.source[key];
    if (typeof value === 'string' && value.trim() !== '') return value.trim().slice(0, MAX_TEXT);
    if (typeof value === 'number' && Number.isFinite(value)) return String(value);
    if (required)
      this.#problem(key, value === undefined || value === null || value === '' ? 'is required (text)' : 'must be text');
    return undefined;
  }

  /** A finite number (or numeric text); `undefined` when absent. */
  number(key: string, required = false): number | undefined {
    const value = this.source[key];
    const parsed =
      typeof value === 'number'
        ? value
        : typeof value === 'string' && value.trim() !== ''
          ? Number(value.trim())
          : undefined;
    if (parsed !== undefined && Number.isFinite(parsed)) return parsed;
    if (required || (value !== undefined && value !== null && value !== ''))
      this.#problem(key, value === undefined || value === null ? 'is required (number)' : 'must be a number');
    return undefined;
  }

  /** A nested object read with the same rules, or `undefined`. */
  nested(key: string): FieldReader | undefined {
    const value = asRecord(this.source[key]);
    if (value === undefined) return undefined;
    return new FieldReader(value, `${this.prefix}${key}.`, this.problems, this.fields);
  }

  /** Marks a field as wrong for a reason the caller found (a value outside a documented set). */
  reject(key: string, text: string): void {
    this.#problem(key, text);
  }

  /** Whether every required field was there. */
  get ok(): boolean {
    return this.problems.length === 0;
  }

  #problem(key: string, text: string): void {
    const field = `${this.prefix}${key}`;
    if (!this.fields.includes(field)) this.fields.push(field);
    this.problems.push(`"${field}" ${text}`);
  }
}

/**
 * The error for a vendor payload the connector cannot use. It names the connector, the vendor
 * event and the fields, never the values: vendor payloads carry phone numbers.
 */
export function vendorPayloadError(
  connector: string,
  event: string,
  problems: readonly string[],
  fields: readonly string[],
): BridgeError {
  const text = problems.length === 0 ? 'is not an object' : problems.join('; ');
  return contractPayloadInvalid(`${connector}: ${event}`, text, { connector, event, fields: [...fields] });
}
