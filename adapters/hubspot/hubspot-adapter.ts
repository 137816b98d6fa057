import {
  adapterConnectFailed,
  callbackFailed,
  isKnownCountry,
  isRecord,
  toBridgeError,
  withTimeout,
  type AdapterConfig,
  type AdapterContext,
  type CallLogWrite,
  type CallRecord,
  type CrmAdapter,
  type PresenceWrite,
  type ScreenPopRequest,
  type ScreenPopResult,
  type WriteReceipt,
} from '../../src/contract/index.js';
import { clickedNumber } from '../shared/clicked-number.js';
import { dialRequest } from '../shared/call-settings.js';
import { connection } from '../shared/connection.js';
import type {
  CallingExtensionsClass,
  CallingExtensionsLike,
  HubSpotEventHandlers,
  HubSpotHandler,
} from './calling-extensions.types.js';
import { Engagements, type EngagementStore } from './engagements.js';
import { parseHubSpotSettings, type HubSpotSettings, type HubSpotSettingsInput } from './settings.js';
import { endStatusOf, toEngagementProperties } from './to-engagement.js';

/** Options of {@link hubspotAdapter}. */
export interface HubSpotAdapterOptions extends HubSpotSettingsInput {
  /** The SDK class: `import CallingExtensions from '@hubspot/calling-extensions-sdk'`. */
  readonly CallingExtensions: CallingExtensionsClass;
  /** How long to wait for each HubSpot answer (engagement created or updated, caller id). Default 10 s. */
  readonly replyTimeoutMs?: number;
  /** How long `load` waits for HubSpot's handshake. Default 30 s, when HubSpot itself gives up. */
  readonly readyTimeoutMs?: number;
  /** Keeps engagement ids across a reload of the widget; the bundle passes `localStorage`. */
  readonly storage?: EngagementStore;
  /** The SDK's own console logging of every message. Default false: messages carry phone numbers. */
  readonly debugMode?: boolean;
}

/**
 * What HubSpot's handshake (`onReady`) tells the widget: the SDK passes on `engagementId`,
 * `portalId`, `userId`, `ownerId`, `iframeLocation`, `usesCallingWindow` and `hostUrl` from
 * HubSpot's SYNC (@hubspot/calling-extensions-sdk, src/IFrameManager.ts, `onMessage`).
 */
interface ReadyData {
  readonly portalId?: number;
  readonly engagementId?: number;
  /** `widget`, `window` (the calling window) or `remote` (the copy left in the HubSpot page). */
  readonly iframeLocation?: string;
  readonly usesCallingWindow?: boolean;
}

/**
 * Whether this copy of the widget must stay silent. With a calling window, HubSpot loads the app
 * twice, in the calling window and in a `remote` iframe; HubSpot's reference app sends nothing
 * to HubSpot from the remote then ("Do not send messages to HubSpot in the remote",
 * HubSpot/calling-extensions-sdk, demos/demo-react-ts/src/hooks/useCti.ts, `isFromRemote`).
 * Two speaking copies would each create an engagement for the same call.
 */
function isSilentRemote(data: ReadyData): boolean {
  return data.usesCallingWindow === true && data.iframeLocation === 'remote';
}

/**
 * The HubSpot adapter: the bridge inside a calling extension's widget, speaking HubSpot's
 * calling extensions SDK. The SDK is created with the adapter (HubSpot's handshake must be
 * answered within 30 s of the widget loading, whenever the softphone calls `load`).
 *
 * - lifecycle: `initialized` and `userLoggedIn` on load (`userLoggedOut` on dispose);
 *   `incomingCall` / `outgoingCall` (HubSpot creates the engagement) when a call rings or dials,
 *   `callAnswered`, `callEnded`, then `callCompleted` with the engagement properties as the
 *   call log, once per conversation, updated by the same engagement id;
 * - screen pop: HubSpot's caller-ID match for incoming calls; one match → `navigateToRecord`;
 * - `onDialNumber` → `start_call` in E.164, linked to the contact or company dialled from;
 * - presence one way (`userAvailable` / `userUnavailable`) when `availableStatuses` is set;
 * - one speaking copy: when HubSpot uses a calling window, the copy it loads as `remote` answers
 *   the handshake and nothing else, and its `load` rejects (`ADAPTER_CONNECT_FAILED`, not
 *   retryable, `details.iframeLocation: 'remote'`), so each call makes one engagement.
 *
 * @see https://developers.hubspot.com/docs/api-reference/crm-calling-extensions-v3/calling-sdk
 */
export function hubspotAdapter(options: HubSpotAdapterOptions): CrmAdapter {
  const live = connection<{
    context: AdapterContext;
    settings: HubSpotSettings;
    engagements: Engagements;
    portalId: number | undefined;
  }>('HubSpot');
  const connected = live.ready;
  let onReady: (data: ReadyData) => void = () => undefined;
  let readyData: ReadyData | undefined;
  const ready = new Promise<ReadyData>((resolve) => {
    onReady = (data) => {
      readyData ??= data;
      resolve(data);
    };
  });

  const dial = (data: unknown) => {
    const state = live.current;
    if (state === undefined) return;
    const { context, settings } = state;
    const d = isRecord(data) ? data : {};
    const country =
      typeof d['countryCode'] === 'string' && isKnownCountry(d['countryCode'])
        ? d['countryCode']
        : settings.defaultCountry;
    const dialTo = clickedNumber(d['phoneNumber'], country, 'onDialNumber', context);
    if (dialTo === undefined) return;
    const objectId = d['objectId'];
    const objectType = d['objectType'];
    const record =
      (typeof objectId === 'number' || typeof objectId === 'string') &&
      (objectType === 'CONTACT' || objectType === 'COMPANY')
        ? { id: String(objectId), type: objectType }
        : undefined;
    context
      .requestCall(dialRequest(dialTo, settings, record))
      .catch((error: unknown) =>
        context.refuse(
          toBridgeError(error, (cause) =>
            callbackFailed('onDialNumber: the softphone did not take the call.', { cause }),
          ),
        ),
      );
  };

  const quiet: HubSpotHandler = () => undefined;
  const eventHandlers: HubSpotEventHandlers = {
    onReady: (data) => onReady((data ?? {}) as ReadyData),
    onDialNumber: dial,
    onCreateEngagementSucceeded: (data) => live.current?.engagements.created(data),
    onCreateEngagementFailed: () => live.current?.engagements.createFailed(),
    onCallerIdMatchSucceeded: (data) => live.current?.engagements.callerIds(data, true),
    onCallerIdMatchFailed: (data) => live.current?.engagements.callerIds(data, false),
    onUpdateEngagementSucceeded: (data) => live.current?.engagements.updated(data, true),
    onUpdateEngagementFailed: (data) => live.current?.engagements.updated(data, false),
    // HubSpot also sends the deprecated ENGAGEMENT_CREATED; counting it would attribute one id twice.
    onEngagementCreated: quiet,
    // Call control belongs to the softphone: the contract has no way to hang up from the CRM.
    onEndCall: () =>
      live.current?.context.logger.info('HubSpot asked to end the call; the softphone controls calls', {}),
    onNavigateToRecordFailed: () => live.current?.context.logger.warn('HubSpot could not open the caller record', {}),
    // Events of features the adapter does not use (call-id initiation, channels, widget URL).
    onVisibilityChanged: quiet,
    onSetCallState: quiet,
    onInitiateCallIdSucceeded: quiet,
    onInitiateCallIdFailed: quiet,
    onPublishToChannelSucceeded: quiet,
    onPublishToChannelFailed: quiet,
    onFinalizeEngagementSucceeded: quiet,
    onFinalizeEngagementFailed: quiet,
    onSetWidgetUrlFailed: quiet,
    onFailed: quiet,
    defaultEventHandler: quiet,
  };
  const sdk: CallingExtensionsLike = new options.CallingExtensions({
    debugMode: options.debugMode ?? false,
    eventHandlers,
  });

  const adapter: CrmAdapter = {
    name: 'hubspot',

    async connect(context: AdapterContext): Promise<AdapterConfig> {
      const settings = parseHubSpotSettings(options);
      const timeoutMs = options.readyTimeoutMs ?? 30_000;
      const data = await withTimeout(
        ready,
        timeoutMs,
        () =>
          adapterConnectFailed(
            `HubSpot did not sync with the widget within ${timeoutMs} ms (is the page loaded by HubSpot as a calling extension?).`,
            { details: { timeoutMs } },
          ),
        context.clock,
      );
      if (isSilentRemote(data)) {
        // Both HubSpot demos answer the handshake from every copy; this copy then says nothing
        // more, and its softphone learns that the calling window runs the calls.
        sdk.initialized({ isLoggedIn: false });
        throw adapterConnectFailed(
          'HubSpot loaded this page as the remote copy of its calling window; the calling window runs the softphone and logs the calls, so this copy stays silent.',
          { retryable: false, details: { iframeLocation: 'remote', usesCallingWindow: true } },
        );
      }
      const portalId = typeof data.portalId === 'number' ? data.portalId : undefined;
      live.set({
        context,
        settings,
        portalId,
        engagements: new Engagements(
          sdk,
          context.clock,
          options.replyTimeoutMs ?? 10_000,
          settings.dialFrom,
          options.storage,
        ),
      });
      // A widget reloaded mid-call gets the call's engagement back from HubSpot in onReady.
      sdk.initialized({
        isLoggedIn: true,
        ...(typeof readyData?.engagementId === 'number' ? { engagementId: readyData.engagementId } : {}),
      });
      sdk.userLoggedIn();
      return {
        dispositions: [...settings.outcomes.keys()],
        partnerConfig: settings.partnerConfig,
        policy: { screenPopOn: settings.screenPopOn, logRejectedCalls: settings.logRejectedCalls },
      };
    },

    async disconnect() {
      if (live.clear() === undefined) return;
      sdk.userLoggedOut();
    },

    async writeCallLog(write: CallLogWrite): Promise<WriteReceipt> {
      const { engagements, settings } = connected();
      const { call } = write;
      const fromReceipt = Number(write.receipt?.recordId);
      let id: number;
      if (Number.isSafeInteger(fromReceipt) && fromReceipt > 0) {
        id = fromReceipt;
        engagements.remember(call.conversationId, id);
      } else {
        id = await engagements.start(call);
      }
      engagements.ended(call.conversationId, id, endStatusOf(call));
      await engagements.complete(
        call.conversationId,
        id,
        toEngagementProperties(call, { outcomes: settings.outcomes, lineNumber: settings.dialFrom }),
        settings.hideWidgetOnComplete,
      );
      return { recordId: String(id), recordType: 'call' };
    },

    async screenPop(request: ScreenPopRequest): Promise<ScreenPopResult> {
      const { engagements, context, portalId } = connected();
      // HubSpot matches callers for incoming calls only; a call dialled from HubSpot comes with its record.
      if (request.direction !== 'inbound') return {};
      engagements.start({ ...request, startedAt: context.clock.now() }).catch(() => undefined);
      const matches = await engagements.callerIdMatches(request.conversationId);
      const only = matches.length === 1 ? matches[0] : undefined;
      if (only === undefined) return {}; // none, or several: HubSpot shows the call without a record
      sdk.navigateToRecord({
        objectCoordinates: { ...only.objectCoordinates, ...(portalId === undefined ? {} : { portalId }) },
      });
      const name =
        only.callerIdType === 'COMPANY' ? only.name : [only.firstName, only.lastName].filter(Boolean).join(' ');
      return {
        record: {
          id: String(only.objectCoordinates.objectId),
          type: only.callerIdType,
          ...(name === undefined || name === '' ? {} : { name }),
        },
      };
    },

    callUpdated(call: CallRecord) {
      const engagements = live.current?.engagements;
      if (engagements === undefined) return;
      const keepQuiet = () => undefined; // the log write reports failures; this is the widget's view
      if (call.state === 'ringing' || call.state === 'dialing') engagements.start(call).catch(keepQuiet);
      else if (call.state === 'connected') {
        engagements.start(call).catch(keepQuiet);
        engagements.answered(call.conversationId);
      } else {
        // Ended, rejected or wrapped: HubSpot leaves its call screen only on callEnded.
        engagements
          .started(call.conversationId)
          ?.then((id) => engagements.ended(call.conversationId, id, endStatusOf(call)), keepQuiet);
      }
    },
  };

  if (options.availableStatuses !== undefined) {
    adapter.setPresence = async (write: PresenceWrite): Promise<WriteReceipt> => {
      const available = connected().settings.availableStatuses?.has(write.softphoneId) === true;
      // Fire-and-forget in the SDK: HubSpot sends no confirmation for availability.
      if (available) sdk.userAvailable();
      else sdk.userUnavailable();
      return { recordId: available ? 'available' : 'unavailable' };
    };
  }
  return adapter;
}
