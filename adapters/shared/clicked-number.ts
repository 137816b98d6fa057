import { dialNumberInvalid, toE164, type AdapterContext } from '../../src/contract/index.js';

/**
 * The E.164 form of the number a CRM click asks to dial, or `undefined` once the click is refused
 * (`DIAL_NUMBER_INVALID` naming the CRM's event, told to the page through `context.refuse`): the
 * first step of every adapter's click-to-dial handler. CRMs hand the number as text, some as a
 * number; anything else is an empty number.
 */
export function clickedNumber(
  value: unknown,
  defaultCountry: string,
  source: string,
  context: Pick<AdapterContext, 'refuse'>,
): string | undefined {
  const normalised =
    typeof value === 'string' || typeof value === 'number'
      ? toE164(String(value), defaultCountry)
      : ({ ok: false, problem: 'empty' } as const);
  if (normalised.ok) return normalised.e164;
  context.refuse(dialNumberInvalid(source, normalised.problem));
  return undefined;
}
