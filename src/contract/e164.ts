/**
 * Country calling codes by ISO 3166 alpha-2 code (`GB44` is Great Britain, +44), grouped by the
 * national trunk prefix that a national number starts with and E.164 drops: enough to turn what
 * an agent sees in a CRM ("(888) 397-3342", "020 7946 0958") into E.164 for the softphone.
 * Countries not listed can still dial numbers written with a leading `+` or `00`.
 */
const CALLING_CODES_BY_TRUNK_PREFIX: Readonly<Record<string, string>> = {
  '1': 'US1 CA1 PR1 DO1 JM1 TT1 BS1 BB1',
  '0':
    'BR55 AR54 CO57 PE51 VE58 UY598 GB44 IE353 FR33 DE49 NL31 BE32 CH41 AT43 SE46 FI358 SK421 RO40 BG359 TR90 UA380 IL972 AE971 ' +
    'SA966 EG20 ZA27 NG234 KE254 MA212 IN91 PK92 BD880 LK94 CN86 TW886 JP81 KR82 MY60 TH66 VN84 PH63 ID62 AU61 NZ64',
  '06': 'HU36',
  '': 'MX52 CL56 LU352 ES34 PT351 IT39 DK45 NO47 IS354 PL48 CZ420 GR30 QA974 HK852 SG65',
};

/**
 * `[callingCode, trunkPrefix]` of an ISO code from the table above, or undefined when it is not
 * listed. A lookup rather than a map built at load time, so that a bundle that never dials does
 * not carry the table.
 */
function countryOf(country: string): readonly [callingCode: string, trunkPrefix: string] | undefined {
  const iso = country.toUpperCase();
  for (const [trunkPrefix, entries] of Object.entries(CALLING_CODES_BY_TRUNK_PREFIX)) {
    const entry = entries.split(' ').find((candidate) => candidate.slice(0, 2) === iso);
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
export function toE164(input: string, defaultCountry: string): { ok: true; e164: string } | { ok: false; problem: E164Problem } {
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
      if (digits.length !== 10 || /^[01]/.test(digits)) return { ok: false, problem: digits.length < 10 ? 'too-short' : 'not-a-national-number' };
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
