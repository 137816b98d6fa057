import {
  adapterConnectFailed,
  adapterWriteFailed,
  callbackFailed,
  isRecord,
  screenPopFailed,
  toBridgeError,
  toE164,
  withTimeout,
  type AdapterConfig,
  type AdapterContext,
  type CallLogWrite,
  type CallRecord,
  type CrmAdapter,
  type CrmRecordRef,
  type Failure,
  type ScreenPopRequest,
  type ScreenPopResult,
  type WriteReceipt,
} from '../../src/contract/index.js';
import { clickedNumber } from '../shared/clicked-number.js';
import { dialRequest } from '../shared/call-settings.js';
import { connection } from '../shared/connection.js';
import { parseZendeskSettings, type ZendeskSettings } from './settings.js';
import { isCommentOf, newTicket, ticketUpdate } from './to-ticket.js';
import { DIALOUT_RELAY_EVENT } from './dialout-relay.js';
import { Zaf } from './zaf.js';
import type { ZafClient } from './zaf.types.js';

/** A click-to-call that arrives twice within this time (directly and relayed) is one click. */
const DIALOUT_DUPLICATE_MS = 2_000;

/** Options of {@link zendeskAdapter}. */
export interface ZendeskAdapterOptions {
  /** The ZAF client, or a function returning it (the bundle calls `ZAFClient.init()`). */
  readonly client: ZafClient | (() => ZafClient | Promise<ZafClient>);
  /** Defaults for the app settings; what the admin set in Zendesk wins. */
  readonly settings?: Readonly<Record<string, unknown>>;
  /** How long any Zendesk request may take. Default 10 s. */
  readonly requestTimeoutMs?: number;
}

interface Ticket {
  readonly id: number;
}
interface Comment {
  readonly body?: string;
  readonly plain_body?: string;
  readonly public?: boolean;
}
interface SearchResult {
  readonly id: number;
  readonly name?: string;
  readonly phone?: string | null;
}

/**
 * The search for a caller as Zendesk documents it for telephony integrations: no `+`, no
 * punctuation, and a leading `*` so that the number matches in every stored format
 * (`role:end-user phone:*5135557611` finds `+1 513.555.7611` and `(513) 555-7611`). The digits
 * are the national number when the caller is in `defaultCountry` (so that numbers stored in the
 * national format match too), else the full international digits.
 *
 * @see https://developer.zendesk.com/documentation/voice/talk-partner-edition/retrieving-the-zendesk-user-id-of-a-caller/
 */
export function callerQuery(e164: string, defaultCountry: string): string {
  const digits = e164.slice(1);
  let national = digits;
  for (let cut = 1; cut <= 3; cut += 1) {
    const candidate = toE164(digits.slice(cut), defaultCountry);
    if (candidate.ok && candidate.e164 === e164) {
      national = digits.slice(cut);
      break;
    }
  }
  return `role:end-user phone:*${national}`;
}

/** Whether a number stored in Zendesk (any format, maybe with `x<extension>`) is `e164`. */
function sameNumber(stored: string, e164: string, defaultCountry: string): boolean {
  const normalised = toE164(stored, defaultCountry);
  return normalised.ok && normalised.e164 === e164;
}

/**
 * The Zendesk adapter, through the Zendesk Apps framework client (the app runs in Zendesk
 * Support's top bar). It uses the Support REST API with the agent's own session
 * (`client.request`), so logging and screen pops need no token and no Talk Partner Edition;
 * click-to-call does: Zendesk fires `voice.dialout` only on accounts with Talk Partner Edition,
 * and (per one shipped integration) only in the app's `background` location, which is why the
 * app also declares a background location running `relayDialouts` (dialout-relay.ts):
 *
 * - screen pop: the caller's end user by phone (Search API); one match → `routeTo` their profile
 *   (or their latest unsolved ticket with `screenPopTarget: ticket`) and the user is linked;
 * - one ticket per conversation (`external_id` = conversation id, private comment with notes and
 *   call details, the caller as requester); later versions add a private comment to that ticket;
 *   without a receipt the ticket is looked up by `external_id` first;
 * - click-to-call (Talk Partner Edition): Zendesk's `voice.dialout`, received directly or relayed
 *   from the background instance (one click counted once) → `start_call` in E.164;
 * - the top-bar popover opens when a call rings.
 *
 * @see https://developer.zendesk.com/api-reference/apps/apps-core-api/client_api/
 */
export function zendeskAdapter(options: ZendeskAdapterOptions): CrmAdapter {
  const live = connection<{ zaf: Zaf; context: AdapterContext; settings: ZendeskSettings }>('Zendesk');
  const { ready } = live;
  /** The conversation the popover was last opened for: a ringing call changes several times. */
  let panelShownFor: string | undefined;

  /** When each number was last dialled from Zendesk: the same click can arrive directly and relayed. */
  const lastDialled = new Map<string, number>();

  const onDialout = (event: unknown) => {
    const state = live.current;
    if (state === undefined) return;
    const { context, settings } = state;
    const number = (isRecord(event) ? event['number'] : undefined) ?? event;
    const key = String(number);
    const now = context.clock.now();
    const previous = lastDialled.get(key);
    for (const [dialled, at] of lastDialled) if (now - at >= DIALOUT_DUPLICATE_MS) lastDialled.delete(dialled); // keep only recent clicks
    lastDialled.set(key, now);
    if (previous !== undefined && now - previous < DIALOUT_DUPLICATE_MS) return; // the other copy of one click
    const dialTo = clickedNumber(number, settings.defaultCountry, 'voice.dialout', context);
    if (dialTo === undefined) return;
    context
      .requestCall(dialRequest(dialTo, settings))
      .catch((error: unknown) =>
        context.refuse(
          toBridgeError(error, (cause) =>
            callbackFailed('voice.dialout: the softphone did not take the call.', { cause }),
          ),
        ),
      );
  };

  const search = async <T>(query: string, failure: Failure): Promise<T[]> => {
    const answer = await ready().zaf.request<{ results?: T[] }>(
      'GET',
      `/api/v2/search.json?query=${encodeURIComponent(query)}`,
      undefined,
      failure,
    );
    return answer?.results ?? [];
  };

  /** The conversation's ticket, found by `external_id` (for a retry whose first reply was lost). */
  const ticketOf = async (conversationId: string): Promise<number | undefined> => {
    const answer = await ready().zaf.request<{ tickets?: Ticket[] }>(
      'GET',
      `/api/v2/tickets.json?external_id=${encodeURIComponent(conversationId)}`,
    );
    return answer?.tickets?.[0]?.id;
  };

  /** Adds the call's comment unless the ticket's newest comment is already this version's (a retried update). */
  const update = async (id: number, call: CallRecord): Promise<void> => {
    const { zaf } = ready();
    const comments = await zaf.request<{ comments?: Comment[] }>(
      'GET',
      `/api/v2/tickets/${id}/comments.json?sort_order=desc`,
    );
    const newest = comments?.comments?.[0];
    if (newest !== undefined && isCommentOf(newest.plain_body ?? newest.body ?? '', call)) return;
    await zaf.request('PUT', `/api/v2/tickets/${id}.json`, ticketUpdate(call));
  };

  return {
    name: 'zendesk',

    async connect(context: AdapterContext): Promise<AdapterConfig> {
      const client = typeof options.client === 'function' ? await options.client() : options.client;
      const zaf = new Zaf(client, context.clock, options.requestTimeoutMs ?? 10_000);
      const metadata = await withTimeout(
        client.metadata().catch((cause: unknown) => {
          throw adapterConnectFailed('Zendesk did not return the app settings.', { cause });
        }),
        // metadata() waits for Zendesk's handshake, which never comes outside Zendesk.
        options.requestTimeoutMs ?? 10_000,
        () => adapterConnectFailed('Zendesk did not register the app (is the page running as a Zendesk app?).'),
        context.clock,
      );
      const settings = parseZendeskSettings({ ...options.settings, ...metadata?.settings });
      live.set({ zaf, context, settings });
      // Directly, where Zendesk delivers voice.dialout to the top bar, and relayed from the
      // background location, where it delivers it there (see dialout-relay.ts).
      client.on('voice.dialout', onDialout);
      client.on(DIALOUT_RELAY_EVENT, onDialout);
      return {
        dispositions: settings.dispositions,
        partnerConfig: settings.partnerConfig,
        policy: { screenPopOn: settings.screenPopOn, logRejectedCalls: settings.logRejectedCalls },
      };
    },

    async disconnect() {
      const client = live.clear()?.zaf.client;
      client?.off('voice.dialout', onDialout);
      client?.off(DIALOUT_RELAY_EVENT, onDialout);
    },

    async writeCallLog(write: CallLogWrite): Promise<WriteReceipt> {
      const { zaf, settings } = ready();
      const known =
        write.receipt === undefined ? await ticketOf(write.call.conversationId) : Number(write.receipt.recordId);
      if (known !== undefined && Number.isSafeInteger(known)) {
        await update(known, write.call);
        return { recordId: String(known), recordType: 'ticket' };
      }
      const created = await zaf.request<{ ticket?: Ticket }>(
        'POST',
        '/api/v2/tickets.json',
        newTicket(write.call, settings.ticketTags),
      );
      const id = created?.ticket?.id;
      if (typeof id !== 'number')
        throw adapterWriteFailed('Zendesk created the ticket but returned no id.', { details: { key: write.key } });
      return { recordId: String(id), recordType: 'ticket' };
    },

    async screenPop(request: ScreenPopRequest): Promise<ScreenPopResult> {
      const { zaf, settings } = ready();
      const e164 = toE164(request.phoneNumber, settings.defaultCountry);
      if (!e164.ok) return {};
      // Zendesk's documented caller search: digits only, a leading * for any stored format; its
      // matches are suffix matches, so only users whose number is the caller's are kept.
      const found = await search<SearchResult>(callerQuery(e164.e164, settings.defaultCountry), screenPopFailed);
      const users = found.filter(
        (user) => typeof user.phone === 'string' && sameNumber(user.phone, e164.e164, settings.defaultCountry),
      );
      const only = users.length === 1 ? users[0] : undefined;
      if (only === undefined) return {}; // none or several: Zendesk has no search page to open from an app
      const record: CrmRecordRef = {
        id: String(only.id),
        type: 'user',
        ...(only.name === undefined || only.name === '' ? {} : { name: only.name }),
      };
      if (settings.screenPopTarget === 'ticket') {
        // `requester:` is the documented ticket keyword (it takes a name, email, user id or phone);
        // `requester_id:` is not in the search reference and finds nothing.
        // https://support.zendesk.com/hc/en-us/articles/4408886879258-Zendesk-Support-search-reference
        const tickets = await search<SearchResult>(
          `type:ticket requester:${only.id} status<solved order_by:updated_at sort:desc`,
          screenPopFailed,
        );
        const latest = tickets[0];
        if (latest !== undefined) {
          await zaf.invoke('routeTo', ['ticket', latest.id]);
          return { record };
        }
      }
      await zaf.invoke('routeTo', ['user', only.id]);
      return { record };
    },

    callUpdated(call: CallRecord) {
      const state = live.current;
      if (
        state === undefined ||
        !state.settings.openPanelOnRing ||
        call.state !== 'ringing' ||
        call.direction !== 'inbound'
      )
        return;
      if (panelShownFor === call.conversationId) return;
      panelShownFor = call.conversationId;
      // Only the top-bar location has a popover; elsewhere Zendesk refuses and nothing changes.
      state.zaf.invoke('popover', ['show']).catch(() => undefined);
    },
  };
}
