import { toE164, type E164Problem } from '../contract/e164.js';

/** A number the agent typed (or the CRM asked to dial), as E.164; or why it cannot be dialled, in words. */
export type CheckedNumber =
  { readonly ok: true; readonly e164: string } | { readonly ok: false; readonly message: string };

/**
 * Checks a number before the softphone dials it or simulates a call from it (D17: "hello" used to
 * dial): E.164, with national numbers read as `defaultCountry`'s (`toE164`). The message says
 * what is wrong and how to write it instead; it never repeats the number, so it can go anywhere.
 */
export function checkNumber(raw: string, defaultCountry: string): CheckedNumber {
  const result = toE164(raw, defaultCountry);
  return result.ok ? result : { ok: false, message: PROBLEMS[result.problem](defaultCountry.toUpperCase()) };
}

const PROBLEMS: Readonly<Record<E164Problem, (country: string) => string>> = {
  empty: () => 'Type a number to dial.',
  letters: () => 'Not a phone number: use digits only, with + and the country code for another country.',
  'too-short': () => 'That number is too short: check it, or start with + and the country code.',
  'too-long': () => 'That number is too long: an international number has at most 15 digits.',
  'unknown-country': (country) =>
    `Start the number with + and its country code (the default country ${country} is not known here).`,
  'not-a-national-number': (country) =>
    `Not a valid ${country} number: check it, or start with + and the country code.`,
};
