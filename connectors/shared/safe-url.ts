/** Longest URL kept; recording links are far shorter. */
const MAX_URL = 2048;

/**
 * The text as an absolute `http:` or `https:` URL, or `undefined`. Vendor links (recordings, CRM
 * pages) end up as clickable links in a CRM: anything else (`javascript:`, `data:`) is dropped.
 */
export function httpUrl(text: string | undefined): string | undefined {
  if (text === undefined || text.length > MAX_URL) return undefined;
  try {
    const url = new URL(text);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}
