/**
 * Country calling codes and national trunk prefixes, by ISO 3166 alpha-2 code: enough to turn
 * what an agent sees in a CRM ("(888) 397-3342", "020 7946 0958") into E.164 for the softphone.
 * Countries not listed can still dial numbers written with a leading `+` or `00`.
 */
const COUNTRIES: Readonly<Record<string, readonly [callingCode: string, trunkPrefix: string]>> = {
  US: ['1', '1'], CA: ['1', '1'], PR: ['1', '1'], DO: ['1', '1'], JM: ['1', '1'], TT: ['1', '1'], BS: ['1', '1'], BB: ['1', '1'],
  MX: ['52', ''], BR: ['55', '0'], AR: ['54', '0'], CL: ['56', ''], CO: ['57', '0'], PE: ['51', '0'], VE: ['58', '0'], UY: ['598', '0'],
  GB: ['44', '0'], IE: ['353', '0'], FR: ['33', '0'], DE: ['49', '0'], NL: ['31', '0'], BE: ['32', '0'], LU: ['352', ''], CH: ['41', '0'],
  AT: ['43', '0'], ES: ['34', ''], PT: ['351', ''], IT: ['39', ''], DK: ['45', ''], NO: ['47', ''], SE: ['46', '0'], FI: ['358', '0'],
  IS: ['354', ''], PL: ['48', ''], CZ: ['420', ''], SK: ['421', '0'], HU: ['36', '06'], RO: ['40', '0'], BG: ['359', '0'], GR: ['30', ''],
  TR: ['90', '0'], UA: ['380', '0'], IL: ['972', '0'], AE: ['971', '0'], SA: ['966', '0'], QA: ['974', ''], EG: ['20', '0'], ZA: ['27', '0'],
  NG: ['234', '0'], KE: ['254', '0'], MA: ['212', '0'], IN: ['91', '0'], PK: ['92', '0'], BD: ['880', '0'], LK: ['94', '0'], CN: ['86', '0'],
  HK: ['852', ''], TW: ['886', '0'], JP: ['81', '0'], KR: ['82', '0'], SG: ['65', ''], MY: ['60', '0'], TH: ['66', '0'], VN: ['84', '0'],
  PH: ['63', '0'], ID: ['62', '0'], AU: ['61', '0'], NZ: ['64', '0'],
};

/** Whether `country` is an ISO code {@link toE164} knows. */
export function isKnownCountry(country: string): boolean {
  return Object.prototype.hasOwnProperty.call(COUNTRIES, country.toUpperCase());
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
  const country = COUNTRIES[defaultCountry.toUpperCase()];
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
