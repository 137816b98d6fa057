import { httpUrl } from '../shared/safe-url.js';

/** One CRM record a caller lookup found. */
export interface PopupMatch {
  /** The caller's name, as text. */
  readonly name?: string;
  /** The caller's company, as text. */
  readonly company?: string;
  /** The record's page in the CRM. */
  readonly url?: string;
}

/** The outcome of the CRM's lookup of the calling number. */
export interface PopupLookup {
  readonly matches: readonly PopupMatch[];
  /** The CRM's search page for the number: the link when there are several matches, or none. */
  readonly searchUrl?: string;
}

/**
 * The reply to the pop-up screen's request (seed 004, "Client Response"): `STATUS` "OK" in
 * capitals, then optional `URL`, `CLIENTNAME`, `TOTAL`, `COMPANY`. `TOTAL` is an integer (seed
 * 004's table; seed 003's older sample quotes it as text).
 */
export interface PopupReply {
  readonly STATUS: 'OK';
  readonly URL?: string;
  readonly CLIENTNAME?: string;
  readonly TOTAL: number;
  readonly COMPANY?: string;
}

/** The reply that tells Voicenter the lookup failed ("any other value will indicate an error"). */
export const POPUP_ERROR_REPLY = { STATUS: 'ERROR' } as const;

/**
 * Builds the pop-up reply from a CRM lookup. Pure. One match → its name, company and page; several
 * → the count and the search page; none → `TOTAL` 0 and the search page, if any. Links that are
 * not http(s) are left out; names are text (control characters removed, 255 characters at most),
 * never markup: the extension shows them in a notification.
 */
export function popupReply(lookup: PopupLookup): PopupReply {
  const matches = Array.isArray(lookup.matches) ? lookup.matches : [];
  const only = matches.length === 1 ? matches[0] : undefined;
  const url = httpUrl(only?.url) ?? httpUrl(lookup.searchUrl);
  const name = text(only?.name);
  const company = text(only?.company);
  return {
    STATUS: 'OK',
    ...(url === undefined ? {} : { URL: url }),
    ...(name === undefined ? {} : { CLIENTNAME: name }),
    TOTAL: matches.length,
    ...(company === undefined ? {} : { COMPANY: company }),
  };
}

function text(value: string | undefined): string | undefined {
  if (typeof value !== 'string') return undefined;
  const clean = value
    // eslint-disable-next-line no-control-regex -- control characters are exactly what this removes from a reply field
    .replace(/[\u0000-\u001f\u007f]+/g, ' ')
    .trim()
    .slice(0, 255);
  return clean === '' ? undefined : clean;
}
