/**
 * Country calling codes by ISO 3166 alpha-2 code, grouped by the national trunk prefix that a
 * national number starts with and E.164 drops: enough to turn what an agent sees in a CRM
 * ("(888) 397-3342", "020 7946 0958") into E.164 for the softphone. Each group runs its entries
 * together in alphabetical order, code then calling code (`GB44IE353`: Great Britain +44, Ireland
 * +353); without separators the table is 40 bytes lighter in the gzipped bundle. Countries not
 * listed can still dial numbers written with a leading `+` or `00`.
 */
const CALLING_CODES_BY_TRUNK_PREFIX: Readonly<Record<string, string>> = {
  '1': 'BB1BS1CA1DO1JM1PR1TT1US1',
  '0':
    'AE971AR54AT43AU61BD880BE32BG359BR55CH41CN86CO57DE49EG20FI358FR33GB44ID62IE353IL972IN91JP81KE254' +
    'KR82LK94MA212MY60NG234NL31NZ64PE51PH63PK92RO40SA966SE46SK421TH66TR90TW886UA380UY598VE58VN84ZA27',
  '06': 'HU36',
  '': 'CL56CZ420DK45ES34GR30HK852IS354IT39LU352MX52NO47PL48PT351QA974SG65',
};

/**
 * `[callingCode, trunkPrefix]` of an ISO code from the table above, or undefined when it is not
 * listed. A lookup rather than a map built at load time, so that a bundle that never dials does
 * not carry the table.
 */
function countryOf(country: string): readonly [callingCode: string, trunkPrefix: string] | undefined {
  const iso = country.toUpperCase();
  for (const [trunkPrefix, entries] of Object.entries(CALLING_CODES_BY_TRUNK_PREFIX)) {
    const entry = (entries.match(/[A-Z]{2}\d+/g) ?? []).find((candidate) => candidate.slice(0, 2) === iso);
    if (entry !== undefined) return [entry.slice(2), trunkPrefix];
  }
  return undefined;
}

/** Whether `country` is an ISO code {@link toE164} knows. */
export function isKnownCountry(country: string): boolean {
  return countryOf(country) !== undefined;
}

/** Why a number could not be made E.164, for a message the agent reads. */
export type E164Problem = 'empty' | 'letters' | 'too-short' | 'too-long' | 'unknown-country' | 'not-a-national-number';

/**
 * Normalises a phone number to E.164 (`+` and 7–15 digits). Numbers with `+`, `00` or (in
 * North America) `011` are international; others are national numbers of `defaultCountry`, whose
 * trunk prefix is dropped. Separators (spaces, dots, dashes, brackets) and a trailing extension
 * (`x12`, `ext. 12`, `#12`) are ignored.
 *
 * @example toE164('(888) 397-3342', 'US') // { ok: true, e164: '+18883973342' }
 */
export function toE164(
  input: string,
  defaultCountry: string,
): { ok: true; e164: string } | { ok: false; problem: E164Problem } {
  const withoutExtension = input.trim().replace(/\s*(?:ext\.?|extension|x|#)\s*\d{1,6}$/i, '');
  if (withoutExtension === '') return { ok: false, problem: 'empty' };
  if (/[A-Za-z]/.test(withoutExtension)) return { ok: false, problem: 'letters' };
  const plus = withoutExtension.startsWith('+');
  let digits = withoutExtension.replace(/\D+/g, '');
  const country = countryOf(defaultCountry);
  let international = plus;
  if (!international && digits.startsWith('00')) {
    international = true;
    digits = digits.slice(2);
  } else if (!international && country?.[0] === '1' && digits.startsWith('011')) {
    international = true;
    digits = digits.slice(3);
  }
  if (!international) {
    if (country === undefined) return { ok: false, problem: 'unknown-country' };
    const [callingCode, trunk] = country;
    if (callingCode === '1') {
      // North America: ten digits, optionally after the trunk "1"; area codes never start with 0 or 1.
      if (digits.length === 11 && digits.startsWith('1')) digits = digits.slice(1);
      if (digits.length !== 10 || /^[01]/.test(digits))
        return { ok: false, problem: digits.length < 10 ? 'too-short' : 'not-a-national-number' };
    } else if (trunk !== '' && digits.startsWith(trunk)) {
      digits = digits.slice(trunk.length);
    }
    digits = callingCode + digits;
  }
  if (digits.length < 7) return { ok: false, problem: 'too-short' };
  if (digits.length > 15) return { ok: false, problem: 'too-long' };
  if (digits.startsWith('0')) return { ok: false, problem: 'not-a-national-number' };
  return { ok: true, e164: `+${digits}` };
}
