import { popupReply, type PopupLookup, type PopupReply } from '../connectors/voicenter/popup-reply.js';

/** Longest lookup answer read: a few matches. */
const MAX_LOOKUP_BYTES = 64 * 1024;

/** What the pop-up answers when there is no lookup, or it failed or was too slow: the call still pops. */
export const PLAIN_POPUP_REPLY = { STATUS: 'OK' } as const;

/**
 * Asks the CRM-side lookup endpoint (`RELAY_LOOKUP_URL`) who is calling: `GET <url>?phone=<number>`,
 * which answers JSON `{"matches": [{"name", "company", "url"}], "searchUrl"}` (the connector's
 * `PopupLookup`). Resolves with the pop-up reply built from it by the connector's `popupReply`, or
 * {@link PLAIN_POPUP_REPLY} when the endpoint fails, answers something else, or takes longer than
 * `budgetMs`: Voicenter is waiting, and a slow CRM must not delay or fail the pop-up.
 */
export async function lookupCaller(
  url: string,
  number: string | undefined,
  budgetMs: number,
): Promise<PopupReply | typeof PLAIN_POPUP_REPLY> {
  if (number === undefined) return PLAIN_POPUP_REPLY;
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), budgetMs);
  try {
    const target = new URL(url);
    target.searchParams.set('phone', number);
    const response = await fetch(target, {
      signal: controller.signal,
      headers: { accept: 'application/json' },
      redirect: 'error',
    });
    if (!response.ok) return PLAIN_POPUP_REPLY;
    const text = await response.text();
    if (text.length > MAX_LOOKUP_BYTES) return PLAIN_POPUP_REPLY;
    const value = JSON.parse(text) as Partial<PopupLookup> | null;
    if (value === null || typeof value !== 'object' || !Array.isArray(value.matches)) return PLAIN_POPUP_REPLY;
    const matches = value.matches.filter(
      (m): m is PopupLookup['matches'][number] => typeof m === 'object' && m !== null,
    );
    return popupReply({ matches, ...(typeof value.searchUrl === 'string' ? { searchUrl: value.searchUrl } : {}) });
  } catch {
    return PLAIN_POPUP_REPLY;
  } finally {
    clearTimeout(timer);
  }
}
