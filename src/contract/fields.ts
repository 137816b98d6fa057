import * as z from 'zod/mini';

/**
 * Field schemas shared by the contract payloads. Every text has an upper bound so that a
 * misbehaving softphone cannot fill the durable store with megabytes per event.
 */

/** The default caller language when the softphone gives none (seed: "Default - en_US"). */
export const DEFAULT_LANGUAGE = 'en_US';

/** A guid-like identifier (`partnerId`, `conversationId`, `softphoneId`...): non-empty text. */
export const Id = z.string().check(z.minLength(1), z.maxLength(256));

/** A phone number as the softphone sent it; may be empty for withheld numbers. */
export const PhoneText = z.string().check(z.maxLength(64));

/** A number to dial (`dialledTo`, `dialTo`): not empty, since there is nothing to call otherwise. */
export const DialNumber = z.string().check(z.minLength(1), z.maxLength(64));

/** A language tag such as `en_US`. */
export const Language = z.string().check(z.minLength(1), z.maxLength(35));

/** A short free text such as `channelName` or `ivrExitPath`. */
export const ShortText = z.string().check(z.maxLength(1024));

/** A disposition code, as chosen from the list the CRM sent through `disposition`. */
export const DispositionCode = z.string().check(z.maxLength(255));

/**
 * Call notes: kept verbatim. 32,000 characters is the largest long text area most CRMs accept
 * (Salesforce `Task.Description`).
 */
export const Notes = z.string().check(z.maxLength(32_000));

/** Seconds, finite and not negative; at most a week, which no real call reaches. */
export const DurationSeconds = z.number().check(z.gte(0), z.lte(604_800));

/** Text trimmed and lower-cased before it is compared: the input side of a lower-case {@link looseEnum}. */
export const LowerCaseText = z.string().check(z.trim(), z.toLowerCase());

/** Text trimmed and upper-cased before it is compared: the input side of an upper-case {@link looseEnum}. */
export const UpperCaseText = z.string().check(z.trim(), z.toUpperCase());

/**
 * A text enum compared without regard to case or surrounding blanks, because softphones send
 * `Passive`, `ON` or `Inbound ` as readily as the seed's spelling. The parsed value is the
 * canonical spelling from `values`.
 */
export function looseEnum<const T extends readonly [string, ...string[]]>(values: T, casing: 'lower' | 'upper') {
  return z.pipe(casing === 'lower' ? LowerCaseText : UpperCaseText, z.enum(values));
}
